import type pg from 'pg';
import { type Attempt, sendLetter, submitRequest, type Target } from './mixed-load.js';

const keyOf = (attempt: Attempt) => (attempt.kind === 'email' ? `email:${attempt.key}` : attempt.key);

/**
 * What the database holds for each attempt: acknowledged ones must be there exactly once (with
 * the number the citizen was told), unacknowledged ones at most once. Returns the violations.
 */
export async function acknowledgementViolations(db: pg.Client, attempts: Attempt[]): Promise<string[]> {
  const violations: string[] = [];
  const keyed = attempts.filter((a) => a.kind !== 'survey');
  const { rows } = await db.query<{ key: string; numbers: string[] }>(
    `select idempotency_key as key, array_agg(number) as numbers from requests
      where idempotency_key = any($1) group by idempotency_key`,
    [keyed.map(keyOf)],
  );
  const stored = new Map(rows.map((row) => [row.key, row.numbers]));
  for (const attempt of keyed) {
    const numbers = stored.get(keyOf(attempt)) ?? [];
    if (numbers.length > 1) violations.push(`${attempt.kind} ${attempt.key} stored ${numbers.length} times`);
    if (attempt.acked && numbers.length === 0)
      violations.push(`acknowledged ${attempt.kind} ${attempt.key} lost`);
    if (attempt.kind === 'request' && attempt.acked && numbers.length === 1 && numbers[0] !== attempt.id) {
      violations.push(`request ${attempt.key} acknowledged as ${attempt.id}, stored as ${numbers[0]}`);
    }
  }
  const answers = attempts.filter((a) => a.kind === 'survey');
  const acknowledgedIds = answers.filter((a) => a.acked).map((a) => a.id);
  const found = await db.query<{ id: string }>('select id from survey_responses where id = any($1::uuid[])', [
    acknowledgedIds,
  ]);
  const present = new Set(found.rows.map((row) => row.id));
  for (const id of acknowledgedIds)
    if (!present.has(id as string)) violations.push(`acknowledged answer ${id} lost`);
  const total = await db.query<{ n: number }>('select count(*)::int as n from survey_responses');
  if ((total.rows[0]?.n ?? 0) > answers.length) {
    violations.push(`${total.rows[0]?.n} answers stored for ${answers.length} sent`);
  }
  return violations;
}

/** Rows a committed transaction would never leave alone; each count must be 0. */
export async function halfWrittenRows(db: pg.Client) {
  const count = async (query: string) => (await db.query<{ n: number }>(query)).rows[0]?.n ?? -1;
  return {
    requestsWithoutClient: await count(
      'select count(*)::int as n from requests r where not exists (select 1 from clients c where c.id = r.client_id)',
    ),
    requestsWithoutReceivedAndRegistered: await count(
      `select count(*)::int as n from requests r where (select count(distinct status) from request_events e
        where e.request_id = r.id and e.status in ('received', 'registered')) < 2`,
    ),
    notifiedRequestsWithoutAcknowledgement: await count(
      `select count(*)::int as n from requests r where r.notify_by_email
        and not exists (select 1 from outbound_messages m where m.request_id = r.id)`,
    ),
    answersWithoutValues: await count(
      `select count(*)::int as n from survey_responses s
        where not exists (select 1 from survey_answer_values v where v.response_id = s.id)`,
    ),
  };
}

export const NO_HALF_WRITTEN_ROWS = {
  requestsWithoutClient: 0,
  requestsWithoutReceivedAndRegistered: 0,
  notifiedRequestsWithoutAcknowledgement: 0,
  answersWithoutValues: 0,
};

/** Polls until `check` returns true; false when `timeoutMs` passed first. */
export async function eventually(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return check();
}

/**
 * Sends again what was not acknowledged, as a browser (same Idempotency-Key) or an MTA (same
 * Message-ID) does; a resend of something that did commit must not make a second request.
 * Survey answers carry no key, so an unacknowledged one is not resent.
 */
export async function resendUnacknowledged(target: Target, attempts: Attempt[]): Promise<Attempt[]> {
  const queue = attempts.filter((attempt) => !attempt.acked && attempt.kind !== 'survey');
  const resent: Attempt[] = [];
  const worker = async () => {
    for (let attempt = queue.shift(); attempt; attempt = queue.shift()) {
      resent.push(
        attempt.kind === 'request'
          ? await submitRequest(target, attempt.key)
          : await sendLetter(target, attempt.key),
      );
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
  return resent;
}
