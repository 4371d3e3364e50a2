import {
  and,
  asc,
  count,
  desc,
  eq,
  getTableColumns,
  gte,
  inArray,
  isNotNull,
  isNull,
  lt,
  type SQL,
} from 'drizzle-orm';
import type { CallSource } from '../../../common/calls.js';
import type { Executor } from '../../db/client.js';
import { users } from '../auth/schema.js';
import { topics } from '../classification/schema.js';
import { contactIndex } from '../clients/repo.js';
import { clientContacts } from '../clients/schema.js';
import { calls, pbxSettings } from './schema.js';

export type CallRow = typeof calls.$inferSelect;
export type CallInsert = Omit<typeof calls.$inferInsert, 'id' | 'agencyId' | 'createdAt'>;
export type CallPatch = Partial<
  Pick<
    CallRow,
    | 'topicId'
    | 'question'
    | 'answer'
    | 'outcome'
    | 'requestId'
    | 'redirectNote'
    | 'surveyAnswerReceived'
    | 'surveyQuality'
    | 'operatorId'
    | 'callbackDoneAt'
    | 'callbackDoneBy'
  >
>;

export interface CallFilter {
  from?: Date;
  to?: Date;
  answered?: boolean;
  withinHours?: boolean;
  source?: CallSource;
  operatorId?: string;
}

/** The client whose phone contact is this number; several (not yet merged) → the oldest. */
export async function clientByPhone(db: Executor, agencyId: string, normalized: string) {
  const [row] = await db
    .select({ clientId: clientContacts.clientId })
    .from(clientContacts)
    .where(
      and(
        eq(clientContacts.agencyId, agencyId),
        eq(clientContacts.kind, 'phone'),
        eq(clientContacts.valueIndex, contactIndex(normalized)),
      ),
    )
    .orderBy(asc(clientContacts.createdAt))
    .limit(1);
  return row?.clientId ?? null;
}

/** Inserts unless the same source already delivered this external id; `created` tells which. */
export async function insertCall(db: Executor, agencyId: string, values: CallInsert) {
  const [row] = await db
    .insert(calls)
    .values({ ...values, agencyId })
    .onConflictDoNothing({ target: [calls.agencyId, calls.source, calls.externalId] })
    .returning();
  if (row) return { row, created: true };
  const [existing] = await db
    .select()
    .from(calls)
    .where(
      and(
        eq(calls.agencyId, agencyId),
        eq(calls.source, values.source),
        eq(calls.externalId, values.externalId as string),
      ),
    );
  if (!existing) throw new Error('call conflict without a stored call');
  return { row: existing, created: false };
}

export async function findCall(db: Executor, agencyId: string, id: string) {
  const [row] = await db
    .select()
    .from(calls)
    .where(and(eq(calls.agencyId, agencyId), eq(calls.id, id)));
  return row;
}

export async function updateCall(db: Executor, agencyId: string, id: string, patch: CallPatch) {
  const [row] = await db
    .update(calls)
    .set(patch)
    .where(and(eq(calls.agencyId, agencyId), eq(calls.id, id)))
    .returning();
  return row;
}

function conditions(agencyId: string, filter: CallFilter): SQL | undefined {
  const parts: (SQL | undefined)[] = [eq(calls.agencyId, agencyId)];
  if (filter.from) parts.push(gte(calls.startedAt, filter.from));
  if (filter.to) parts.push(lt(calls.startedAt, filter.to));
  if (filter.answered !== undefined) parts.push(eq(calls.answered, filter.answered));
  if (filter.withinHours !== undefined) parts.push(eq(calls.withinHours, filter.withinHours));
  if (filter.source) parts.push(eq(calls.source, filter.source));
  if (filter.operatorId) parts.push(eq(calls.operatorId, filter.operatorId));
  return and(...parts);
}

export async function listCalls(
  db: Executor,
  agencyId: string,
  filter: CallFilter,
  limit: number,
  offset: number,
) {
  const where = conditions(agencyId, filter);
  const [total] = await db.select({ value: count() }).from(calls).where(where);
  // The operator's name comes with the row: operators may not read the staff list, yet see who took a call.
  const rows = await db
    .select({ ...getTableColumns(calls), operatorName: users.name })
    .from(calls)
    .leftJoin(users, eq(users.id, calls.operatorId))
    .where(where)
    .orderBy(desc(calls.startedAt), desc(calls.id))
    .limit(limit)
    .offset(offset);
  return { total: total?.value ?? 0, rows };
}

/** What callers asked since `since`, newest first, with the department of the call's topic. */
export function questionsSince(db: Executor, agencyId: string, since: Date, limit: number) {
  return db
    .select({ id: calls.id, text: calls.question, departmentId: topics.defaultDepartmentId })
    .from(calls)
    .leftJoin(topics, eq(topics.id, calls.topicId))
    .where(and(eq(calls.agencyId, agencyId), gte(calls.startedAt, since), isNotNull(calls.question)))
    .orderBy(desc(calls.startedAt))
    .limit(limit);
}

/** Missed calls of the period, few columns: the report groups them in the agency's time zone. */
export function missedCalls(db: Executor, agencyId: string, from: Date, to: Date) {
  return db
    .select({
      startedAt: calls.startedAt,
      withinHours: calls.withinHours,
      callbackDoneAt: calls.callbackDoneAt,
    })
    .from(calls)
    .where(conditions(agencyId, { from, to, answered: false }));
}

export function callsOfClient(db: Executor, agencyId: string, clientId: string) {
  return db
    .select()
    .from(calls)
    .where(and(eq(calls.agencyId, agencyId), eq(calls.clientId, clientId)))
    .orderBy(desc(calls.startedAt));
}

export async function deleteCallsOfClients(db: Executor, agencyId: string, clientIds: string[]) {
  if (clientIds.length === 0) return;
  await db.delete(calls).where(and(eq(calls.agencyId, agencyId), inArray(calls.clientId, clientIds)));
}

export async function openCallbacks(db: Executor, agencyId: string) {
  const [row] = await db
    .select({ value: count() })
    .from(calls)
    .where(and(eq(calls.agencyId, agencyId), eq(calls.answered, false), isNull(calls.callbackDoneAt)));
  return row?.value ?? 0;
}

export async function findPbxSecret(db: Executor, agencyId: string) {
  const [row] = await db.select().from(pbxSettings).where(eq(pbxSettings.agencyId, agencyId));
  return row;
}

export async function upsertPbxSecret(
  db: Executor,
  agencyId: string,
  values: Omit<typeof pbxSettings.$inferInsert, 'agencyId'>,
) {
  await db
    .insert(pbxSettings)
    .values({ agencyId, ...values })
    .onConflictDoUpdate({ target: pbxSettings.agencyId, set: values });
}
