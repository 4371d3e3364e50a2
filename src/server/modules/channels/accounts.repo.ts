import { and, asc, eq } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import { channelAccounts, type Network } from './schema.js';

export type AccountRow = typeof channelAccounts.$inferSelect;
export type NewAccount = typeof channelAccounts.$inferInsert;

export const listAccounts = (db: Db, agencyId: string) =>
  db
    .select()
    .from(channelAccounts)
    .where(eq(channelAccounts.agencyId, agencyId))
    .orderBy(asc(channelAccounts.network), asc(channelAccounts.createdAt));

/** Every enabled account of a network across agencies: what a node polls. */
export const enabledOfNetwork = (db: Db, network: Network) =>
  db
    .select()
    .from(channelAccounts)
    .where(and(eq(channelAccounts.network, network), eq(channelAccounts.enabled, true)));

export async function findAccount(db: Db, id: string, agencyId?: string) {
  const [row] = await db
    .select()
    .from(channelAccounts)
    .where(and(eq(channelAccounts.id, id), agencyId ? eq(channelAccounts.agencyId, agencyId) : undefined));
  return row ?? null;
}

export async function insertAccount(tx: Executor, row: NewAccount) {
  const [created] = await tx.insert(channelAccounts).values(row).returning();
  if (!created) throw new Error('channel account insert returned nothing');
  return created;
}

export async function updateAccount(tx: Executor, agencyId: string, id: string, patch: Partial<NewAccount>) {
  const [row] = await tx
    .update(channelAccounts)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(channelAccounts.agencyId, agencyId), eq(channelAccounts.id, id)))
    .returning();
  return row ?? null;
}

export async function deleteAccount(tx: Executor, agencyId: string, id: string) {
  const rows = await tx
    .delete(channelAccounts)
    .where(and(eq(channelAccounts.agencyId, agencyId), eq(channelAccounts.id, id)))
    .returning({ id: channelAccounts.id });
  return rows.length > 0;
}

export async function recordHealth(db: Db, id: string, error: string | null, at: Date) {
  await db
    .update(channelAccounts)
    .set(
      error ? { lastCheckedAt: at, lastError: error } : { lastCheckedAt: at, lastOkAt: at, lastError: null },
    )
    .where(eq(channelAccounts.id, id));
}

/** Where a polling adapter resumes; null before its first poll. */
export async function readCursor(db: Db, id: string) {
  const [row] = await db
    .select({ cursor: channelAccounts.pollCursor })
    .from(channelAccounts)
    .where(eq(channelAccounts.id, id));
  return row?.cursor ?? null;
}

export const saveCursor = (db: Db, id: string, cursor: string) =>
  db.update(channelAccounts).set({ pollCursor: cursor }).where(eq(channelAccounts.id, id));
