import {
  and,
  asc,
  count,
  desc,
  eq,
  ilike,
  inArray,
  isNotNull,
  lt,
  max,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import type { RequestKind } from './deadlines.js';
import { OPEN_STATUSES, type RequestStatus } from './lifecycle.js';
import { requestCounters, requestEvents, requests } from './schema.js';

export type RequestRow = typeof requests.$inferSelect;
export type NewRequest = typeof requests.$inferInsert;

/** The next sequence number for the agency and year; the row lock serialises concurrent intakes. */
export async function nextSequence(db: Executor, agencyId: string, year: number): Promise<number> {
  const [row] = await db
    .insert(requestCounters)
    .values({ agencyId, year, last: 1 })
    .onConflictDoUpdate({
      target: [requestCounters.agencyId, requestCounters.year],
      set: { last: sql`${requestCounters.last} + 1` },
    })
    .returning({ last: requestCounters.last });
  if (!row) throw new Error('request counter upsert returned nothing');
  return row.last;
}

export async function insertRequest(db: Executor, values: NewRequest): Promise<RequestRow> {
  const [row] = await db.insert(requests).values(values).returning();
  if (!row) throw new Error('request insert returned nothing');
  return row;
}

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
  q?: string;
  sort?: 'dueAt' | 'receivedAt' | 'number';
  order?: 'asc' | 'desc';
}

const SORT_COLUMNS = { dueAt: requests.dueAt, receivedAt: requests.receivedAt, number: requests.number };

export async function listRegister(
  db: Executor,
  agencyId: string,
  filter: RegisterFilter,
  limit: number,
  offset: number,
) {
  const conditions: SQL[] = [eq(requests.agencyId, agencyId)];
  if (filter.status?.length) conditions.push(inArray(requests.status, filter.status));
  if (filter.kind?.length) conditions.push(inArray(requests.kind, filter.kind));
  if (filter.channel) conditions.push(eq(requests.channel, filter.channel));
  if (filter.topic) conditions.push(eq(requests.topicId, filter.topic));
  if (filter.overdue) {
    conditions.push(inArray(requests.status, [...OPEN_STATUSES]), lt(requests.dueAt, new Date()));
  }
  if (filter.q) {
    // A number is matched as typed; words by Russian stemming («проверок» finds «проверка»).
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const match = or(
      ilike(requests.number, pattern),
      sql`${requests.search} @@ websearch_to_tsquery('russian', ${filter.q})`,
    );
    if (match) conditions.push(match);
  }
  const where = and(...conditions);
  const column = SORT_COLUMNS[filter.sort ?? 'dueAt'];
  const direction = (filter.order ?? (filter.sort === 'receivedAt' ? 'desc' : 'asc')) === 'asc' ? asc : desc;
  const [total] = await db.select({ value: count() }).from(requests).where(where);
  const rows = await db
    .select()
    .from(requests)
    .where(where)
    .orderBy(direction(column), asc(requests.id))
    .limit(limit)
    .offset(offset);
  return { total: total?.value ?? 0, rows };
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
