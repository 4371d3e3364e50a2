import { and, asc, desc, eq, inArray, lt, lte, sql } from 'drizzle-orm';
import type { PgInsertValue } from 'drizzle-orm/pg-core';
import type { Db, Executor } from '../../db/client.js';
import { fieldCrypto } from '../../lib/field-crypto.js';
import { replyToIndexOf } from './reply-index.js';
import { type OutboundStatus, outboundMessages } from './schema.js';

export type NewOutbound = Omit<typeof outboundMessages.$inferInsert, 'recipientIndex' | 'replyToIndex'>;

/** The blind index of a recipient exactly as the outbox stores it (a chat id, a number, an address). */
export const recipientIndexOf = (recipient: string) => fieldCrypto().blindIndex(recipient);

/** The INSERT of messages unrun, to go into the statement of the change they report. */
export function outboundInsert(executor: Executor, rows: PgInsertValue<typeof outboundMessages>[]) {
  return executor.insert(outboundMessages).values(rows);
}

/** A message with the blind indexes the outbox finds it by: its recipient, and the message it replies to. */
export function withIndexes(row: NewOutbound) {
  const replyTo = row.thread?.replyTo;
  return {
    ...row,
    recipientIndex: recipientIndexOf(row.recipient),
    replyToIndex: typeof replyTo === 'string' ? replyToIndexOf(fieldCrypto(), row.recipient, replyTo) : null,
  };
}

export async function insertOutbound(executor: Executor, rows: NewOutbound[]) {
  return outboundInsert(executor, rows.map(withIndexes)).returning({ id: outboundMessages.id });
}

/** Claims due rows for this node: SKIP LOCKED lets other nodes take the rest at the same time. */
export async function claimDue(db: Db, now: Date, limit: number, leaseMs: number) {
  const due = db
    .select({ id: outboundMessages.id })
    .from(outboundMessages)
    .where(and(eq(outboundMessages.status, 'pending'), lte(outboundMessages.nextAttemptAt, now)))
    // In the order the messages were written, a retry in its original place.
    .orderBy(asc(outboundMessages.createdAt), asc(outboundMessages.nextAttemptAt))
    .limit(limit)
    .for('update', { skipLocked: true });
  return db
    .update(outboundMessages)
    .set({
      status: 'sending',
      attempts: sql`${outboundMessages.attempts} + 1`,
      leaseUntil: new Date(now.getTime() + leaseMs),
    })
    .where(inArray(outboundMessages.id, due))
    .returning();
}

/**
 * A row still "sending" after its lease ran out was cut off mid-send (the node died): it may or
 * may not have left, so it waits for a person instead of going out twice.
 */
export async function markAbandoned(db: Db, now: Date) {
  return db
    .update(outboundMessages)
    .set({
      status: 'uncertain',
      leaseUntil: null,
      lastError:
        'Отправка прервалась (узел остановился): проверьте, дошло ли сообщение, и отправьте повторно',
    })
    .where(and(eq(outboundMessages.status, 'sending'), lt(outboundMessages.leaseUntil, now)))
    .returning({ id: outboundMessages.id });
}

export async function finish(
  db: Db,
  id: string,
  outcome: {
    status: OutboundStatus;
    externalId?: string | null;
    error?: string | null;
    nextAttemptAt?: Date;
  },
) {
  await db
    .update(outboundMessages)
    .set({
      status: outcome.status,
      leaseUntil: null,
      lastError: outcome.error ?? null,
      ...(outcome.status === 'sent' ? { sentAt: new Date(), externalId: outcome.externalId ?? null } : {}),
      ...(outcome.nextAttemptAt ? { nextAttemptAt: outcome.nextAttemptAt } : {}),
    })
    .where(eq(outboundMessages.id, id));
}

export async function requeue(db: Db, agencyId: string, id: string) {
  const [row] = await db
    .update(outboundMessages)
    .set({ status: 'pending', nextAttemptAt: new Date(), lastError: null })
    .where(
      and(
        eq(outboundMessages.agencyId, agencyId),
        eq(outboundMessages.id, id),
        inArray(outboundMessages.status, ['failed', 'uncertain']),
      ),
    )
    .returning({ id: outboundMessages.id });
  return row ?? null;
}

export async function listForAgency(
  db: Db,
  agencyId: string,
  filter: { status?: OutboundStatus; requestId?: string },
  limit: number,
  offset: number,
) {
  const where = and(
    eq(outboundMessages.agencyId, agencyId),
    filter.status ? eq(outboundMessages.status, filter.status) : undefined,
    filter.requestId ? eq(outboundMessages.requestId, filter.requestId) : undefined,
  );
  const [rows, [count]] = await Promise.all([
    db
      .select()
      .from(outboundMessages)
      .where(where)
      .orderBy(desc(outboundMessages.createdAt))
      .limit(limit)
      .offset(offset),
    db.select({ total: sql<number>`count(*)::int` }).from(outboundMessages).where(where),
  ]);
  return { rows, total: count?.total ?? 0 };
}
