import {
  and,
  asc,
  count,
  desc,
  eq,
  getTableColumns,
  ilike,
  inArray,
  lt,
  ne,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { FeedbackActionSort, FeedbackActionStatus } from '../../../common/feedback-actions.js';
import type { Executor } from '../../db/client.js';
import { departments } from '../agencies/schema.js';
import { memberships, users } from '../auth/schema.js';
import { requests } from '../requests/schema.js';
import { surveyResponses, surveys, surveyVersions } from '../surveys/schema.js';
import { feedbackActionLinks, feedbackActions } from './schema.js';

export type ActionRow = typeof feedbackActions.$inferSelect;
export type ActionFields = Pick<
  ActionRow,
  'finding' | 'decision' | 'ownerId' | 'departmentId' | 'dueOn' | 'status' | 'doneOn' | 'result'
>;
export type LinkInsert = Omit<typeof feedbackActionLinks.$inferInsert, 'id' | 'agencyId' | 'actionId'>;

export interface ActionFilter {
  status?: FeedbackActionStatus;
  ownerId?: string;
  departmentId?: string;
  /** Not done and due before this local date. */
  overdueBefore?: string;
  search?: string;
  requestId?: string;
  surveyId?: string;
  sort: FeedbackActionSort;
  order: 'asc' | 'desc';
}

const listColumns = {
  ...getTableColumns(feedbackActions),
  ownerName: users.name,
  departmentName: departments.name,
};
export type ActionListRow = ActionRow & { ownerName: string | null; departmentName: string | null };

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

const linkedTo = (
  agencyId: string,
  column: typeof feedbackActionLinks.requestId | typeof feedbackActionLinks.surveyId,
  id: string,
) =>
  sql`exists (select 1 from ${feedbackActionLinks} where ${feedbackActionLinks.actionId} = ${feedbackActions.id} and ${feedbackActionLinks.agencyId} = ${agencyId} and ${column} = ${id})`;

function conditions(agencyId: string, filter: ActionFilter) {
  const where: (SQL | undefined)[] = [eq(feedbackActions.agencyId, agencyId)];
  if (filter.status) where.push(eq(feedbackActions.status, filter.status));
  if (filter.ownerId) where.push(eq(feedbackActions.ownerId, filter.ownerId));
  if (filter.departmentId) where.push(eq(feedbackActions.departmentId, filter.departmentId));
  if (filter.overdueBefore) {
    where.push(ne(feedbackActions.status, 'done'), lt(feedbackActions.dueOn, filter.overdueBefore));
  }
  if (filter.search) {
    const pattern = `%${escapeLike(filter.search)}%`;
    where.push(
      or(
        ilike(feedbackActions.finding, pattern),
        ilike(feedbackActions.decision, pattern),
        ilike(sql`coalesce(${feedbackActions.result}, '')`, pattern),
      ),
    );
  }
  if (filter.requestId) where.push(linkedTo(agencyId, feedbackActionLinks.requestId, filter.requestId));
  if (filter.surveyId) where.push(linkedTo(agencyId, feedbackActionLinks.surveyId, filter.surveyId));
  return and(...where);
}

// Planned → in progress → done reads as the order of work, not the alphabet.
const statusRank = sql`case ${feedbackActions.status} when 'planned' then 0 when 'in_progress' then 1 else 2 end`;

export async function listActions(
  db: Executor,
  agencyId: string,
  filter: ActionFilter,
  limit: number,
  offset: number,
) {
  const where = conditions(agencyId, filter);
  const direction = filter.order === 'asc' ? asc : desc;
  const key =
    filter.sort === 'status'
      ? statusRank
      : filter.sort === 'createdAt'
        ? feedbackActions.createdAt
        : feedbackActions.dueOn;
  const [rows, [total]] = await Promise.all([
    db
      .select(listColumns)
      .from(feedbackActions)
      .leftJoin(users, eq(users.id, feedbackActions.ownerId))
      .leftJoin(departments, eq(departments.id, feedbackActions.departmentId))
      .where(where)
      .orderBy(direction(key), direction(feedbackActions.createdAt), asc(feedbackActions.id))
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(feedbackActions).where(where),
  ]);
  return { rows: rows as ActionListRow[], total: total?.n ?? 0 };
}

export async function findAction(db: Executor, agencyId: string, id: string) {
  const [row] = await db
    .select(listColumns)
    .from(feedbackActions)
    .leftJoin(users, eq(users.id, feedbackActions.ownerId))
    .leftJoin(departments, eq(departments.id, feedbackActions.departmentId))
    .where(and(eq(feedbackActions.agencyId, agencyId), eq(feedbackActions.id, id)));
  return row as ActionListRow | undefined;
}

export async function insertAction(
  db: Executor,
  values: ActionFields & { agencyId: string; createdBy: string },
) {
  const [row] = await db.insert(feedbackActions).values(values).returning();
  if (!row) throw new Error('feedback action insert returned nothing');
  return row;
}

export async function updateAction(db: Executor, agencyId: string, id: string, set: Partial<ActionFields>) {
  const [row] = await db
    .update(feedbackActions)
    .set({ ...set, updatedAt: new Date() })
    .where(and(eq(feedbackActions.agencyId, agencyId), eq(feedbackActions.id, id)))
    .returning();
  return row;
}

export async function replaceLinks(db: Executor, agencyId: string, actionId: string, links: LinkInsert[]) {
  await db
    .delete(feedbackActionLinks)
    .where(and(eq(feedbackActionLinks.agencyId, agencyId), eq(feedbackActionLinks.actionId, actionId)));
  if (links.length > 0) {
    await db.insert(feedbackActionLinks).values(links.map((link) => ({ ...link, agencyId, actionId })));
  }
}

/** The links of the given decisions, with what a reader needs to recognise each target. */
export async function linksOf(db: Executor, agencyId: string, actionIds: string[]) {
  if (actionIds.length === 0) return [];
  return db
    .select({
      actionId: feedbackActionLinks.actionId,
      requestId: feedbackActionLinks.requestId,
      requestNumber: requests.number,
      surveyId: feedbackActionLinks.surveyId,
      surveyTitle: sql<
        string | null
      >`(select ${surveyVersions.definition}->>'title' from ${surveyVersions} where ${surveyVersions.surveyId} = ${feedbackActionLinks.surveyId} order by ${surveyVersions.number} desc limit 1)`,
      responseId: feedbackActionLinks.surveyResponseId,
      question: feedbackActionLinks.question,
    })
    .from(feedbackActionLinks)
    .leftJoin(requests, eq(requests.id, feedbackActionLinks.requestId))
    .where(and(eq(feedbackActionLinks.agencyId, agencyId), inArray(feedbackActionLinks.actionId, actionIds)))
    .orderBy(asc(requests.number), asc(feedbackActionLinks.id));
}

/** The agency's requests with these numbers: a number of another agency is simply not found. */
export const requestsByNumber = (db: Executor, agencyId: string, numbers: string[]) =>
  numbers.length === 0
    ? Promise.resolve([])
    : db
        .select({ id: requests.id, number: requests.number })
        .from(requests)
        .where(and(eq(requests.agencyId, agencyId), inArray(requests.number, numbers)));

export const responsesById = (db: Executor, agencyId: string, ids: string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .select({ id: surveyResponses.id, surveyId: surveyResponses.surveyId })
        .from(surveyResponses)
        .where(and(eq(surveyResponses.agencyId, agencyId), inArray(surveyResponses.id, ids)));

/** Whether some version of the agency's survey asks this question. */
export async function surveyAsks(db: Executor, agencyId: string, surveyId: string, question: string) {
  const [row] = await db
    .select({ id: surveys.id })
    .from(surveys)
    .where(
      and(
        eq(surveys.agencyId, agencyId),
        eq(surveys.id, surveyId),
        sql`exists (select 1 from ${surveyVersions}, jsonb_array_elements(${surveyVersions.definition}->'questions') q where ${surveyVersions.surveyId} = ${surveys.id} and q->>'id' = ${question})`,
      ),
    );
  return Boolean(row);
}

export async function departmentExists(db: Executor, agencyId: string, id: string) {
  const [row] = await db
    .select({ id: departments.id })
    .from(departments)
    .where(and(eq(departments.agencyId, agencyId), eq(departments.id, id)));
  return Boolean(row);
}

/** Open decisions, and those of them past due: for dashboards. */
export async function openAndOverdue(db: Executor, agencyId: string, today: string) {
  const [row] = await db
    .select({
      open: count(),
      overdue: sql<number>`count(*) filter (where ${feedbackActions.dueOn} < ${today})`.mapWith(Number),
    })
    .from(feedbackActions)
    .where(and(eq(feedbackActions.agencyId, agencyId), ne(feedbackActions.status, 'done')));
  return { open: row?.open ?? 0, overdue: row?.overdue ?? 0 };
}

/** Whom a decision can be given to: the agency's active staff, by name. */
export const activeStaff = (db: Executor, agencyId: string) =>
  db
    .select({ id: users.id, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.agencyId, agencyId), eq(memberships.active, true)))
    .orderBy(asc(users.name), asc(users.id));
