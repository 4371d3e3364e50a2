import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { fieldCrypto } from '../../lib/field-crypto.js';
import { requests } from '../requests/schema.js';
import { socialSettings } from './posts.schema.js';
import { type Network, outboundMessages, type SocialItemStatus, socialItems } from './schema.js';

export type SocialItemRow = typeof socialItems.$inferSelect;
export type NewSocialItem = Omit<
  typeof socialItems.$inferInsert,
  'externalIndex' | 'threadIndex' | 'authorIndex'
>;

/** The blind index of an item's, thread's or author's id exactly as the network names it. */
const networkIdIndexOf = (id: string) => fieldCrypto().blindIndex(id);

/** Inserts an item unless the network already delivered it; `null` for a redelivery. */
export async function insertSocialItem(executor: Executor, item: NewSocialItem) {
  const [row] = await executor
    .insert(socialItems)
    .values({
      ...item,
      externalIndex: networkIdIndexOf(item.externalId),
      threadIndex: networkIdIndexOf(item.threadId),
      authorIndex: networkIdIndexOf(item.authorId),
    })
    .onConflictDoNothing({ target: [socialItems.agencyId, socialItems.network, socialItems.externalIndex] })
    .returning();
  return row ?? null;
}

export interface QueueFilter {
  status?: SocialItemStatus;
  network?: Network;
}

const inQueue = (agencyId: string, filter: QueueFilter) =>
  and(
    eq(socialItems.agencyId, agencyId),
    filter.status ? eq(socialItems.status, filter.status) : undefined,
    filter.network ? eq(socialItems.network, filter.network) : undefined,
  );

/** The queue, newest first, each item with how many items its thread holds and its reply's delivery. */
export async function listQueue(
  executor: Executor,
  agencyId: string,
  filter: QueueFilter,
  limit: number,
  offset: number,
) {
  const where = inQueue(agencyId, filter);
  const rows = await executor
    .select({
      item: socialItems,
      replyStatus: outboundMessages.status,
      requestNumber: requests.number,
      threadSize: sql<number>`(select count(*)::int from social_items t
        where t.agency_id = ${socialItems.agencyId} and t.network = ${socialItems.network}
          and t.thread_index = ${socialItems.threadIndex})`,
    })
    .from(socialItems)
    .leftJoin(outboundMessages, eq(outboundMessages.id, socialItems.replyId))
    .leftJoin(requests, eq(requests.id, socialItems.requestId))
    .where(where)
    .orderBy(desc(socialItems.receivedAt), desc(socialItems.id))
    .limit(limit)
    .offset(offset);
  const [count] = await executor.select({ total: sql<number>`count(*)::int` }).from(socialItems).where(where);
  return { rows, total: count?.total ?? 0 };
}

/** How many items of the agency (on the chosen network) are in each status. */
export async function countByStatus(executor: Executor, agencyId: string, network?: Network) {
  return executor
    .select({ status: socialItems.status, count: sql<number>`count(*)::int` })
    .from(socialItems)
    .where(inQueue(agencyId, network ? { network } : {}))
    .groupBy(socialItems.status);
}

export async function findItem(executor: Executor, agencyId: string, id: string) {
  const [row] = await executor
    .select()
    .from(socialItems)
    .where(and(eq(socialItems.agencyId, agencyId), eq(socialItems.id, id)));
  return row ?? null;
}

/**
 * Closes a new item with the outcome; `null` when someone else handled it first (the status
 * check in the UPDATE itself makes two clicks at once resolve to one winner).
 */
export async function closeItem(
  executor: Executor,
  agencyId: string,
  id: string,
  outcome: Pick<SocialItemRow, 'status' | 'handledBy'> &
    Partial<Pick<SocialItemRow, 'dismissReason' | 'replyId' | 'requestId'>>,
) {
  const [row] = await executor
    .update(socialItems)
    .set({ ...outcome, handledAt: new Date() })
    .where(and(eq(socialItems.agencyId, agencyId), eq(socialItems.id, id), eq(socialItems.status, 'new')))
    .returning();
  return row ?? null;
}

export async function findSettings(executor: Executor, agencyId: string) {
  const [row] = await executor.select().from(socialSettings).where(eq(socialSettings.agencyId, agencyId));
  return row ?? null;
}

export async function saveSettings(executor: Executor, agencyId: string, inviteText: string | null) {
  await executor
    .insert(socialSettings)
    .values({ agencyId, inviteText })
    .onConflictDoUpdate({ target: socialSettings.agencyId, set: { inviteText, updatedAt: new Date() } });
}

/** The items of requests being purged by the retention job (their text is the client's). */
export async function deleteForRequests(executor: Executor, agencyId: string, requestIds: string[]) {
  if (requestIds.length === 0) return 0;
  const removed = await executor
    .delete(socialItems)
    .where(and(eq(socialItems.agencyId, agencyId), inArray(socialItems.requestId, requestIds)))
    .returning({ id: socialItems.id });
  return removed.length;
}

/**
 * Items that never became a request, of authors who wrote nothing on that network since `cutoff`:
 * an author's latest item is their last interaction, as a request is a client's.
 */
export async function deleteExpired(executor: Executor, agencyId: string, cutoff: Date, limit: number) {
  const removed = await executor
    .delete(socialItems)
    .where(
      inArray(
        socialItems.id,
        sql`(select s.id from ${socialItems} s
          where s.agency_id = ${agencyId} and s.request_id is null
            and not exists (select 1 from ${socialItems} recent
              where recent.agency_id = s.agency_id and recent.network = s.network
                and recent.author_index = s.author_index and recent.received_at >= ${cutoff})
          limit ${limit})`,
      ),
    )
    .returning({ id: socialItems.id });
  return removed.length;
}
