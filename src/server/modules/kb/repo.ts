import { and, asc, eq, ilike, or, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { answerTemplates } from './schema.js';

export type TemplateRow = typeof answerTemplates.$inferSelect;
export type NewTemplate = typeof answerTemplates.$inferInsert;

export function listTemplates(db: Executor, agencyId: string, filter: { q?: string; archived?: boolean }) {
  const conditions: SQL[] = [eq(answerTemplates.agencyId, agencyId)];
  conditions.push(eq(answerTemplates.active, !filter.archived));
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const match = or(ilike(answerTemplates.title, pattern), ilike(answerTemplates.body, pattern));
    if (match) conditions.push(match);
  }
  return db
    .select()
    .from(answerTemplates)
    .where(and(...conditions))
    .orderBy(asc(answerTemplates.title), asc(answerTemplates.id));
}

export async function findTemplate(db: Executor, agencyId: string, id: string) {
  const [row] = await db
    .select()
    .from(answerTemplates)
    .where(and(eq(answerTemplates.agencyId, agencyId), eq(answerTemplates.id, id)));
  return row;
}

export async function insertTemplates(db: Executor, values: NewTemplate[]) {
  if (values.length === 0) return [];
  return db.insert(answerTemplates).values(values).returning();
}

export async function updateTemplate(
  db: Executor,
  agencyId: string,
  id: string,
  patch: Partial<NewTemplate>,
) {
  const [row] = await db
    .update(answerTemplates)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(answerTemplates.agencyId, agencyId), eq(answerTemplates.id, id)))
    .returning();
  return row;
}

export async function hasAnyTemplate(db: Executor, agencyId: string) {
  const [row] = await db
    .select({ id: answerTemplates.id })
    .from(answerTemplates)
    .where(eq(answerTemplates.agencyId, agencyId))
    .limit(1);
  return row !== undefined;
}
