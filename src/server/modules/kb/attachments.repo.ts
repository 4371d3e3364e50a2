import { and, asc, count, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { kbAttachments } from './schema.js';

export type KbAttachmentRow = typeof kbAttachments.$inferSelect;
export type NewKbAttachment = typeof kbAttachments.$inferInsert;

export function listAttachments(db: Executor, agencyId: string, articleId: string) {
  return db
    .select()
    .from(kbAttachments)
    .where(and(eq(kbAttachments.agencyId, agencyId), eq(kbAttachments.articleId, articleId)))
    .orderBy(asc(kbAttachments.createdAt), asc(kbAttachments.id));
}

export async function countAttachments(db: Executor, agencyId: string, articleId: string) {
  const [row] = await db
    .select({ value: count() })
    .from(kbAttachments)
    .where(and(eq(kbAttachments.agencyId, agencyId), eq(kbAttachments.articleId, articleId)));
  return row?.value ?? 0;
}

export async function findAttachment(db: Executor, agencyId: string, articleId: string, id: string) {
  const [row] = await db
    .select()
    .from(kbAttachments)
    .where(
      and(
        eq(kbAttachments.agencyId, agencyId),
        eq(kbAttachments.articleId, articleId),
        eq(kbAttachments.id, id),
      ),
    );
  return row;
}

export function insertAttachments(db: Executor, values: NewKbAttachment[]) {
  return db.insert(kbAttachments).values(values).returning();
}

export async function deleteAttachment(db: Executor, agencyId: string, id: string) {
  await db.delete(kbAttachments).where(and(eq(kbAttachments.agencyId, agencyId), eq(kbAttachments.id, id)));
}
