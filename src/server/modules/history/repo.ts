import { and, count, desc, eq, gt, isNull, lt } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { historyExports, historyLinkAsks, historyLinks, retentionPurges } from './schema.js';

export function listExports(db: Executor, agencyId: string, clientId: string) {
  return db
    .select()
    .from(historyExports)
    .where(and(eq(historyExports.agencyId, agencyId), eq(historyExports.clientId, clientId)))
    .orderBy(desc(historyExports.at));
}

export async function insertExport(db: Executor, values: typeof historyExports.$inferInsert) {
  await db.insert(historyExports).values(values);
}

export async function countAsksSince(db: Executor, agencyId: string, addressHash: string, since: Date) {
  const [row] = await db
    .select({ value: count() })
    .from(historyLinkAsks)
    .where(
      and(
        eq(historyLinkAsks.agencyId, agencyId),
        eq(historyLinkAsks.addressHash, addressHash),
        gt(historyLinkAsks.at, since),
      ),
    );
  return row?.value ?? 0;
}

export async function insertAsk(db: Executor, values: typeof historyLinkAsks.$inferInsert) {
  await db.insert(historyLinkAsks).values(values);
}

export async function insertLink(db: Executor, values: typeof historyLinks.$inferInsert) {
  await db.insert(historyLinks).values(values);
}

export async function findUsableLink(db: Executor, agencyId: string, tokenHash: string, now: Date) {
  const [row] = await db
    .select()
    .from(historyLinks)
    .where(
      and(
        eq(historyLinks.agencyId, agencyId),
        eq(historyLinks.tokenHash, tokenHash),
        isNull(historyLinks.usedAt),
        gt(historyLinks.expiresAt, now),
      ),
    );
  return row;
}

/** Marks the link used; false when another download claimed it first. */
export async function claimLink(db: Executor, id: string, now: Date) {
  const rows = await db
    .update(historyLinks)
    .set({ usedAt: now })
    .where(and(eq(historyLinks.id, id), isNull(historyLinks.usedAt)))
    .returning({ id: historyLinks.id });
  return rows.length === 1;
}

export async function releaseLink(db: Executor, id: string) {
  await db.update(historyLinks).set({ usedAt: null }).where(eq(historyLinks.id, id));
}

export async function insertPurge(db: Executor, values: typeof retentionPurges.$inferInsert) {
  await db.insert(retentionPurges).values(values);
}

export async function listPurges(db: Executor, agencyId: string, limit: number, offset: number) {
  const where = eq(retentionPurges.agencyId, agencyId);
  const [total] = await db.select({ value: count() }).from(retentionPurges).where(where);
  const rows = await db
    .select()
    .from(retentionPurges)
    .where(where)
    .orderBy(desc(retentionPurges.at), desc(retentionPurges.id))
    .limit(limit)
    .offset(offset);
  return { total: total?.value ?? 0, rows };
}

/** Asks older than the rate-limit window and links past their validity serve no one any more. */
export async function deleteStaleLinks(db: Executor, asksBefore: Date, linksBefore: Date) {
  await db.delete(historyLinkAsks).where(lt(historyLinkAsks.at, asksBefore));
  await db.delete(historyLinks).where(lt(historyLinks.expiresAt, linksBefore));
}
