import { and, asc, eq, gte, inArray, isNotNull, lte } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { users } from '../auth/schema.js';
import { requests } from './schema.js';

// Outcomes that carry a text for the client: an answer, or a refusal with its reason.
const RESOLVED = ['answered', 'refused', 'left_without_answer', 'closed'] as const;

/** Requests of a channel resolved in [from, to] with the outcome's text, and who answered. */
export function resolvedOfChannel(db: Executor, agencyId: string, channel: string, from: Date, to: Date) {
  return db
    .select({
      number: requests.number,
      idempotencyKey: requests.idempotencyKey,
      status: requests.status,
      groundCode: requests.groundCode,
      answerText: requests.answerText,
      resolvedAt: requests.resolvedAt,
      executor: users.name,
    })
    .from(requests)
    .leftJoin(users, eq(users.id, requests.assigneeId))
    .where(
      and(
        eq(requests.agencyId, agencyId),
        eq(requests.channel, channel),
        inArray(requests.status, [...RESOLVED]),
        isNotNull(requests.answerText),
        gte(requests.resolvedAt, from),
        lte(requests.resolvedAt, to),
      ),
    )
    .orderBy(asc(requests.resolvedAt));
}
