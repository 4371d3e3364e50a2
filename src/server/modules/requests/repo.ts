import {
  and,
  asc,
  count,
  desc,
  eq,
  gte,
  ilike,
  inArray,
  isNotNull,
  lt,
  lte,
  max,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import type { RequestKind } from './deadlines.js';
import { OPEN_STATUSES, type RequestStatus } from './lifecycle.js';
import { requestAttachments, requestCounters, requestEvents, requests } from './schema.js';

export type RequestRow = typeof requests.$inferSelect;
export type NewRequest = typeof requests.$inferInsert;
export type AttachmentRow = typeof requestAttachments.$inferSelect;

/** The next sequence number for the agency and year; the row lock serialises concurrent intakes. */
/**
 * The agency's next sequence number for the year, as the first CTE of the registration's
 * statement: the counter row stays locked only until that statement commits, and a statement
 * that fails takes its number back, so the numbering has no gaps.
 */
export function sequenceCte(agencyId: SQL, year: SQL) {
  return {
    name: 'numbered',
    query: sql`insert into ${requestCounters} (agency_id, year, last) values (${agencyId}::uuid, ${year}::integer, 1)
      on conflict (agency_id, year) do update set last = ${requestCounters}.last + 1 returning last`,
  };
}

/** The number `sequenceCte` took, zero-padded to five digits, for use in the same statement. */
export const TAKEN_SEQUENCE = sql`lpad((select last from numbered)::text, 5, '0')`;

export async function insertEvents(db: Executor, values: (typeof requestEvents.$inferInsert)[]) {
  await db.insert(requestEvents).values(values);
}

export async function findByIdempotencyKey(db: Executor, agencyId: string, key: string) {
  const [row] = await db
    .select()
    .from(requests)
    .where(and(eq(requests.agencyId, agencyId), eq(requests.idempotencyKey, key)));
  return row;
}

export async function findByNumber(db: Executor, agencyId: string, number: string) {
  const [row] = await db
    .select()
    .from(requests)
    .where(and(eq(requests.agencyId, agencyId), eq(requests.number, number)));
  return row;
}

export async function findById(db: Executor, agencyId: string, id: string) {
  const [row] = await db
    .select()
    .from(requests)
    .where(and(eq(requests.agencyId, agencyId), eq(requests.id, id)));
  return row;
}

/** Locks the row until the transaction ends, so two operators cannot move one request at once. */
export async function lockById(db: Executor, agencyId: string, id: string) {
  const [row] = await db
    .select()
    .from(requests)
    .where(and(eq(requests.agencyId, agencyId), eq(requests.id, id)))
    .for('update');
  return row;
}

export async function updateRequest(db: Executor, agencyId: string, id: string, patch: Partial<NewRequest>) {
  const [row] = await db
    .update(requests)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(requests.agencyId, agencyId), eq(requests.id, id)))
    .returning();
  if (!row) throw new Error(`request ${id} vanished during update`);
  return row;
}

export function listEvents(
  db: Executor,
  agencyId: string,
  requestId: string,
  options: { publicOnly: boolean },
) {
  const scope = and(eq(requestEvents.agencyId, agencyId), eq(requestEvents.requestId, requestId));
  return db
    .select()
    .from(requestEvents)
    .where(options.publicOnly ? and(scope, eq(requestEvents.isPublic, true)) : scope)
    .orderBy(asc(requestEvents.at), asc(requestEvents.id));
}

export interface RegisterFilter {
  status?: RequestStatus[];
  kind?: RequestKind[];
  channel?: string;
  topic?: string;
  overdue?: boolean;
  /** Open requests whose term ends by this moment («срок в ближайшие N рабочих дней»). */
  dueBy?: Date;
  assigneeId?: string;
  departmentIds?: string[];
  q?: string;
  sort?: 'dueAt' | 'receivedAt' | 'number';
  order?: 'asc' | 'desc';
}

const NO_ID = '00000000-0000-0000-0000-000000000000';

const SORT_COLUMNS = { dueAt: requests.dueAt, receivedAt: requests.receivedAt, number: requests.number };

export async function listRegister(
  db: Executor,
  agencyId: string,
  filter: RegisterFilter,
  limit: number,
  offset: number,
  countCap: number,
) {
  const conditions: SQL[] = [eq(requests.agencyId, agencyId)];
  if (filter.status?.length) conditions.push(inArray(requests.status, filter.status));
  if (filter.kind?.length) conditions.push(inArray(requests.kind, filter.kind));
  if (filter.channel) conditions.push(eq(requests.channel, filter.channel));
  if (filter.assigneeId) conditions.push(eq(requests.assigneeId, filter.assigneeId));
  // An empty list (a user in no department) matches nothing rather than everything.
  if (filter.departmentIds) conditions.push(inArray(requests.departmentId, [...filter.departmentIds, NO_ID]));
  if (filter.dueBy) {
    conditions.push(inArray(requests.status, [...OPEN_STATUSES]), lte(requests.dueAt, filter.dueBy));
  }
  if (filter.topic) conditions.push(eq(requests.topicId, filter.topic));
  if (filter.overdue) {
    conditions.push(inArray(requests.status, [...OPEN_STATUSES]), lt(requests.dueAt, new Date()));
  }
  if (filter.q) {
    // A number is matched as typed; words by Russian stemming («проверок» finds «проверка»).
    // Registration numbers always hold digits: without one, the unindexable ILIKE is left out so
    // the two GIN indexes answer alone (a seq scan of a million rows otherwise).
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const match = or(
      /\d/.test(filter.q) ? ilike(requests.number, pattern) : undefined,
      sql`${requests.search} @@ websearch_to_tsquery('russian', ${filter.q})`,
      sql`${requests.attachmentSearch} @@ websearch_to_tsquery('russian', ${filter.q})`,
    );
    if (match) conditions.push(match);
  }
  const where = and(...conditions);
  const column = SORT_COLUMNS[filter.sort ?? 'dueAt'];
  const direction = (filter.order ?? (filter.sort === 'receivedAt' ? 'desc' : 'asc')) === 'asc' ? asc : desc;
  // Counting a million rows to print «всего 1 000 000» costs more than the page itself: the
  // count stops past `countCap`, which is all a reader (or the export limit) needs to know.
  const capped = db
    .select({ one: sql`1` })
    .from(requests)
    .where(where)
    .limit(countCap + 1)
    .as('capped');
  const [counted] = await db.select({ value: count() }).from(capped);
  const total = counted?.value ?? 0;
  const rows = await db
    .select()
    .from(requests)
    .where(where)
    .orderBy(direction(column), asc(requests.id))
    .limit(limit)
    .offset(offset);
  return { total: Math.min(total, countCap), more: total > countCap, rows };
}

// A request counts as a confirmed example once an operator classified it with a topic.
const confirmed = (agencyId: string) =>
  and(eq(requests.agencyId, agencyId), isNotNull(requests.classifiedAt), isNotNull(requests.topicId));

/** How many confirmed examples there are and when the last was confirmed: the model's cache key. */
export async function confirmedStamp(db: Executor, agencyId: string) {
  const [row] = await db
    .select({ total: count(), last: max(requests.classifiedAt) })
    .from(requests)
    .where(confirmed(agencyId));
  return { total: row?.total ?? 0, last: row?.last ?? null };
}

/** The newest confirmed examples, at most `limit`, for training the agency's classifier. */
export function listConfirmed(db: Executor, agencyId: string, limit: number) {
  return db
    .select({ text: requests.text, topicId: requests.topicId, departmentId: requests.departmentId })
    .from(requests)
    .where(confirmed(agencyId))
    .orderBy(desc(requests.classifiedAt))
    .limit(limit);
}

/** What clients asked since a moment, newest first: the input of the FAQ proposals (seed 003 p. 41). */
export function listTextsSince(db: Executor, agencyId: string, since: Date, limit: number) {
  return db
    .select({ id: requests.id, text: requests.text, departmentId: requests.departmentId })
    .from(requests)
    .where(and(eq(requests.agencyId, agencyId), gte(requests.receivedAt, since)))
    .orderBy(desc(requests.receivedAt))
    .limit(limit);
}

export async function insertAttachments(db: Executor, values: (typeof requestAttachments.$inferInsert)[]) {
  if (values.length === 0) return [];
  return db.insert(requestAttachments).values(values).returning();
}

export function listAttachments(
  db: Executor,
  agencyId: string,
  requestId: string,
  kind?: AttachmentRow['kind'],
) {
  const scope = and(eq(requestAttachments.agencyId, agencyId), eq(requestAttachments.requestId, requestId));
  return db
    .select()
    .from(requestAttachments)
    .where(kind ? and(scope, eq(requestAttachments.kind, kind)) : scope)
    .orderBy(asc(requestAttachments.createdAt), asc(requestAttachments.originalName));
}

export async function findAttachment(db: Executor, agencyId: string, requestId: string, id: string) {
  const [row] = await db
    .select()
    .from(requestAttachments)
    .where(
      and(
        eq(requestAttachments.agencyId, agencyId),
        eq(requestAttachments.requestId, requestId),
        eq(requestAttachments.id, id),
      ),
    );
  return row;
}

export async function deleteAttachment(db: Executor, agencyId: string, id: string) {
  await db
    .delete(requestAttachments)
    .where(and(eq(requestAttachments.agencyId, agencyId), eq(requestAttachments.id, id)));
}

export function listAttachmentsOf(db: Executor, agencyId: string, requestIds: string[]) {
  if (requestIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(requestAttachments)
    .where(and(eq(requestAttachments.agencyId, agencyId), inArray(requestAttachments.requestId, requestIds)))
    .orderBy(asc(requestAttachments.createdAt), asc(requestAttachments.originalName));
}

export function deleteAttachmentsOf(db: Executor, agencyId: string, requestIds: string[]) {
  if (requestIds.length === 0) return Promise.resolve([]);
  return db
    .delete(requestAttachments)
    .where(and(eq(requestAttachments.agencyId, agencyId), inArray(requestAttachments.requestId, requestIds)))
    .returning();
}
