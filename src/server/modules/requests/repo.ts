import { and, asc, count, desc, eq, ilike, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import type { RequestKind } from './deadlines.js';
import { OPEN_STATUSES, type RequestStatus } from './lifecycle.js';
import { requestAttachments, requestCounters, requestEvents, requests } from './schema.js';

export type RequestRow = typeof requests.$inferSelect;
export type NewRequest = typeof requests.$inferInsert;
export type AttachmentRow = typeof requestAttachments.$inferSelect;

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
  if (filter.overdue) {
    conditions.push(inArray(requests.status, [...OPEN_STATUSES]), lt(requests.dueAt, new Date()));
  }
  if (filter.q) {
    // A number is matched as typed; words by Russian stemming («проверок» finds «проверка»).
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const match = or(
      ilike(requests.number, pattern),
      sql`${requests.search} @@ websearch_to_tsquery('russian', ${filter.q})`,
      sql`${requests.attachmentSearch} @@ websearch_to_tsquery('russian', ${filter.q})`,
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
