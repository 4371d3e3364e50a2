import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { clients } from './schema.js';

export type ClientRow = typeof clients.$inferSelect;

export async function findClientByEmail(db: Executor, agencyId: string, email: string) {
  const [row] = await db
    .select()
    .from(clients)
    .where(and(eq(clients.agencyId, agencyId), sql`lower(${clients.email}) = lower(${email})`))
    .limit(1);
  return row;
}

export async function findClientByPhone(db: Executor, agencyId: string, phone: string) {
  const [row] = await db
    .select()
    .from(clients)
    .where(and(eq(clients.agencyId, agencyId), eq(clients.phone, phone)))
    .limit(1);
  return row;
}

export async function insertClient(db: Executor, values: typeof clients.$inferInsert): Promise<ClientRow> {
  const [row] = await db.insert(clients).values(values).returning();
  if (!row) throw new Error('client insert returned nothing');
  return row;
}

export async function touchClient(db: Executor, agencyId: string, id: string, at: Date) {
  await db
    .update(clients)
    .set({ lastInteractionAt: at })
    .where(and(eq(clients.agencyId, agencyId), eq(clients.id, id)));
}
