import { and, count, eq, gte, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { jobRuns } from '../../jobs/schema.js';
import { agencies } from '../agencies/schema.js';
import { outboundMessages } from '../channels/schema.js';
import { mailingRecipients } from '../mailings/schema.js';
import { OPEN_STATUSES } from '../requests/lifecycle.js';
import { requests } from '../requests/schema.js';

/** Messages not yet delivered, by network and state: the outbox's depth. */
export function outboxBacklog(db: Executor) {
  return db
    .select({ network: outboundMessages.network, status: outboundMessages.status, value: count() })
    .from(outboundMessages)
    .where(inArray(outboundMessages.status, ['pending', 'sending', 'failed', 'uncertain']))
    .groupBy(outboundMessages.network, outboundMessages.status);
}

/** Campaign e-mails not yet delivered, by state: the mailing queue's depth. */
export function mailingBacklog(db: Executor) {
  return db
    .select({ status: mailingRecipients.status, value: count() })
    .from(mailingRecipients)
    .where(inArray(mailingRecipients.status, ['pending', 'claimed', 'sending', 'uncertain']))
    .groupBy(mailingRecipients.status);
}

/** Delivered since `since`, by network; read through the created_at index, hence "created since". */
export function sentSince(db: Executor, since: Date) {
  return db
    .select({ network: outboundMessages.network, value: count() })
    .from(outboundMessages)
    .where(
      and(
        gte(outboundMessages.createdAt, since),
        isNotNull(outboundMessages.sentAt),
        gte(outboundMessages.sentAt, since),
      ),
    )
    .groupBy(outboundMessages.network);
}

/** Requests whose legal term runs, per agency: open, overdue at `now`, due before `soon`. */
export function openRequests(db: Executor, now: Date, soon: Date) {
  return db
    .select({
      agency: agencies.slug,
      open: count(),
      overdue: sql<number>`count(*) filter (where ${requests.dueAt} < ${now})`.mapWith(Number),
      dueSoon:
        sql<number>`count(*) filter (where ${requests.dueAt} >= ${now} and ${requests.dueAt} < ${soon})`.mapWith(
          Number,
        ),
    })
    .from(requests)
    .innerJoin(agencies, eq(agencies.id, requests.agencyId))
    .where(inArray(requests.status, [...OPEN_STATUSES]))
    .groupBy(agencies.slug);
}

export function jobStates(db: Executor) {
  return db
    .select({
      name: jobRuns.name,
      lastFinishedAt: jobRuns.lastFinishedAt,
      failing: sql<boolean>`${jobRuns.lastError} is not null`,
    })
    .from(jobRuns);
}
