import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { registerViews } from './schema.js';

export type ViewRow = typeof registerViews.$inferSelect;

const ownViews = (agencyId: string, userId: string) =>
  and(eq(registerViews.agencyId, agencyId), eq(registerViews.userId, userId));

export function listViews(db: Executor, agencyId: string, userId: string) {
  return db.select().from(registerViews).where(ownViews(agencyId, userId)).orderBy(asc(registerViews.name));
}

export async function insertView(db: Executor, values: typeof registerViews.$inferInsert) {
  const [row] = await db.insert(registerViews).values(values).returning();
  if (!row) throw new Error('view insert returned nothing');
  return row;
}

export async function deleteView(db: Executor, agencyId: string, userId: string, id: string) {
  const [row] = await db
    .delete(registerViews)
    .where(and(ownViews(agencyId, userId), eq(registerViews.id, id)))
    .returning();
  return row;
}
