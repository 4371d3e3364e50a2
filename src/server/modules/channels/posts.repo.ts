import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { channelPostDeliveries, channelPosts } from './posts.schema.js';
import { outboundMessages } from './schema.js';

export type NewDelivery = typeof channelPostDeliveries.$inferInsert;

export async function insertPost(executor: Executor, post: typeof channelPosts.$inferInsert) {
  const [row] = await executor.insert(channelPosts).values(post).returning();
  if (!row) throw new Error('channel post insert returned nothing');
  return row;
}

export async function insertDeliveries(executor: Executor, rows: NewDelivery[]) {
  return executor.insert(channelPostDeliveries).values(rows).returning();
}

export async function listPosts(executor: Executor, agencyId: string, limit: number, offset: number) {
  const where = eq(channelPosts.agencyId, agencyId);
  const [posts, [count]] = await Promise.all([
    executor
      .select()
      .from(channelPosts)
      .where(where)
      .orderBy(desc(channelPosts.createdAt), desc(channelPosts.id))
      .limit(limit)
      .offset(offset),
    executor.select({ total: sql<number>`count(*)::int` }).from(channelPosts).where(where),
  ]);
  return { posts, total: count?.total ?? 0 };
}

/** Each post's deliveries with the state of their outbox rows: that is the per-network status. */
export async function deliveriesOf(executor: Executor, postIds: string[]) {
  if (postIds.length === 0) return [];
  return executor
    .select({
      delivery: channelPostDeliveries,
      status: outboundMessages.status,
      lastError: outboundMessages.lastError,
      sentAt: outboundMessages.sentAt,
      externalId: outboundMessages.externalId,
    })
    .from(channelPostDeliveries)
    .leftJoin(outboundMessages, eq(outboundMessages.id, channelPostDeliveries.outboundId))
    .where(inArray(channelPostDeliveries.postId, postIds))
    .orderBy(channelPostDeliveries.network, channelPostDeliveries.accountTitle);
}

export async function findDelivery(executor: Executor, agencyId: string, postId: string, deliveryId: string) {
  const [row] = await executor
    .select({ delivery: channelPostDeliveries, status: outboundMessages.status })
    .from(channelPostDeliveries)
    .innerJoin(channelPosts, eq(channelPosts.id, channelPostDeliveries.postId))
    .leftJoin(outboundMessages, eq(outboundMessages.id, channelPostDeliveries.outboundId))
    .where(
      and(
        eq(channelPosts.agencyId, agencyId),
        eq(channelPosts.id, postId),
        eq(channelPostDeliveries.id, deliveryId),
      ),
    );
  return row ?? null;
}
