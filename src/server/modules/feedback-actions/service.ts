import type {
  FeedbackAction,
  FeedbackActionLink,
  FeedbackActionLinksInput,
  FeedbackActionSort,
  FeedbackActionStatus,
} from '../../../common/feedback-actions.js';
import type { Page } from '../../../common/types.js';
import type { Db, Executor } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { localDate } from '../../lib/calendar.js';
import { Invalid, NotFound } from '../../lib/errors.js';
import { type PageRequest, pageWindow, toPage } from '../../lib/paging.js';
import type { AgencyService } from '../agencies/service.js';
import type { AuditService } from '../audit/service.js';
import type { UserService } from '../auth/users.service.js';
import * as repo from './repo.js';

export interface FeedbackActionInput {
  finding: string;
  decision: string;
  ownerId: string | null;
  departmentId: string | null;
  dueOn: string;
  links: FeedbackActionLinksInput;
}

export interface StatusChange {
  status: FeedbackActionStatus;
  doneOn?: string;
  result?: string;
}

export interface FeedbackActionQuery extends PageRequest {
  status?: FeedbackActionStatus;
  ownerId?: string;
  departmentId?: string;
  overdue?: boolean;
  search?: string;
  requestId?: string;
  surveyId?: string;
  sort?: FeedbackActionSort;
  order?: 'asc' | 'desc';
}

const actionNotFound = () => new NotFound('feedback_action_not_found', 'Решение не найдено');
const unique = <T>(values: T[]) => [...new Set(values)];

/** The log of decisions taken after analysing feedback (seed 000 p. 6.3, issue 11 p. 5). */
export function createFeedbackActions(deps: {
  db: Db;
  audit: AuditService;
  agencies: AgencyService;
  users: UserService;
}) {
  const { db, audit, agencies, users } = deps;

  async function today(agencyId: string, now = new Date()) {
    return localDate(now, (await agencies.byId(agencyId)).timezone);
  }

  /** Every link resolved within the actor's agency; anything else is a 400 naming the field. */
  async function resolveLinks(agencyId: string, input: FeedbackActionLinksInput): Promise<repo.LinkInsert[]> {
    const numbers = unique(input.requestNumbers.map((n) => n.trim()));
    const responseIds = unique(input.surveyResponseIds);
    const questions = unique(input.surveyQuestions.map((q) => JSON.stringify([q.surveyId, q.question]))).map(
      (key) => JSON.parse(key) as [string, string],
    );
    if (numbers.length + responseIds.length + questions.length === 0) {
      throw new Invalid('body.links', 'Укажите обращения или ответы опросов, по которым принято решение');
    }
    const found = new Map((await repo.requestsByNumber(db, agencyId, numbers)).map((r) => [r.number, r.id]));
    const links: repo.LinkInsert[] = [];
    numbers.forEach((number, index) => {
      const requestId = found.get(number);
      if (!requestId) {
        throw new Invalid(
          `body.links.requestNumbers.${index}`,
          `Обращение № ${number} в ведомстве не найдено`,
        );
      }
      links.push({ requestId });
    });
    const responses = new Map((await repo.responsesById(db, agencyId, responseIds)).map((r) => [r.id, r]));
    responseIds.forEach((id, index) => {
      const response = responses.get(id);
      if (!response) {
        throw new Invalid(`body.links.surveyResponseIds.${index}`, 'Такого ответа на опрос в ведомстве нет');
      }
      links.push({ surveyId: response.surveyId, surveyResponseId: id });
    });
    for (const [index, [surveyId, question]] of questions.entries()) {
      if (!(await repo.surveyAsks(db, agencyId, surveyId, question))) {
        throw new Invalid(`body.links.surveyQuestions.${index}`, 'Такого вопроса в опросах ведомства нет');
      }
      links.push({ surveyId, question });
    }
    return links;
  }

  async function checkInput(agencyId: string, input: FeedbackActionInput) {
    if (input.ownerId && (await users.activeMembers(agencyId, [input.ownerId])).length === 0) {
      throw new Invalid('body.ownerId', 'Ответственный должен быть сотрудником ведомства');
    }
    if (input.departmentId && !(await repo.departmentExists(db, agencyId, input.departmentId))) {
      throw new Invalid('body.departmentId', 'Такого подразделения в ведомстве нет');
    }
    return resolveLinks(agencyId, input.links);
  }

  function linkOf(row: Awaited<ReturnType<typeof repo.linksOf>>[number]): FeedbackActionLink {
    if (row.requestId) return { kind: 'request', requestId: row.requestId, number: row.requestNumber ?? '' };
    const survey = { surveyId: row.surveyId ?? '', surveyTitle: row.surveyTitle ?? '' };
    return row.responseId
      ? { kind: 'survey_response', ...survey, responseId: row.responseId }
      : { kind: 'survey_question', ...survey, question: row.question ?? '' };
  }

  async function present(
    executor: Executor,
    agencyId: string,
    rows: repo.ActionListRow[],
    localToday: string,
  ): Promise<FeedbackAction[]> {
    const links = await repo.linksOf(
      executor,
      agencyId,
      rows.map((row) => row.id),
    );
    return rows.map((row) => ({
      id: row.id,
      finding: row.finding,
      decision: row.decision,
      ownerId: row.ownerId,
      ownerName: row.ownerName,
      departmentId: row.departmentId,
      departmentName: row.departmentName,
      dueOn: row.dueOn,
      status: row.status,
      doneOn: row.doneOn,
      result: row.result,
      overdue: row.status !== 'done' && row.dueOn < localToday,
      links: links.filter((link) => link.actionId === row.id).map(linkOf),
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    }));
  }

  async function load(executor: Executor, agencyId: string, id: string, localToday: string) {
    const row = await repo.findAction(executor, agencyId, id);
    if (!row) throw actionNotFound();
    const [action] = await present(executor, agencyId, [row], localToday);
    return action as FeedbackAction;
  }

  /** What the audit log keeps of a decision: its fields and what it is linked to, readably. */
  const snapshot = ({ overdue: _o, createdAt: _c, updatedAt: _u, ...action }: FeedbackAction) => action;

  return {
    async list(actor: Actor, query: FeedbackActionQuery): Promise<Page<FeedbackAction>> {
      const { page, limit, offset } = pageWindow(query);
      const localToday = await today(actor.agencyId);
      const { rows, total } = await repo.listActions(
        db,
        actor.agencyId,
        {
          status: query.status,
          ownerId: query.ownerId,
          departmentId: query.departmentId,
          overdueBefore: query.overdue ? localToday : undefined,
          search: query.search?.trim() || undefined,
          requestId: query.requestId,
          surveyId: query.surveyId,
          sort: query.sort ?? 'dueOn',
          order: query.order ?? 'asc',
        },
        limit,
        offset,
      );
      return toPage(await present(db, actor.agencyId, rows, localToday), total, page, limit);
    },

    /** Writers pick an owner from here: analysts may not read the full staff directory. */
    owners: (actor: Actor) => repo.activeStaff(db, actor.agencyId),

    async get(actor: Actor, id: string) {
      return load(db, actor.agencyId, id, await today(actor.agencyId));
    },

    async create(actor: Actor, input: FeedbackActionInput) {
      const links = await checkInput(actor.agencyId, input);
      const localToday = await today(actor.agencyId);
      return db.transaction(async (tx) => {
        const row = await repo.insertAction(tx, {
          agencyId: actor.agencyId,
          createdBy: actor.userId,
          finding: input.finding.trim(),
          decision: input.decision.trim(),
          ownerId: input.ownerId,
          departmentId: input.departmentId,
          dueOn: input.dueOn,
          status: 'planned',
          doneOn: null,
          result: null,
        });
        await repo.replaceLinks(tx, actor.agencyId, row.id, links);
        const created = await load(tx, actor.agencyId, row.id, localToday);
        await audit.record(tx, actor, 'feedback_action', row.id, { after: snapshot(created) });
        return created;
      });
    },

    async update(actor: Actor, id: string, input: FeedbackActionInput) {
      const localToday = await today(actor.agencyId);
      await load(db, actor.agencyId, id, localToday);
      const links = await checkInput(actor.agencyId, input);
      return db.transaction(async (tx) => {
        const before = await load(tx, actor.agencyId, id, localToday);
        await repo.updateAction(tx, actor.agencyId, id, {
          finding: input.finding.trim(),
          decision: input.decision.trim(),
          ownerId: input.ownerId,
          departmentId: input.departmentId,
          dueOn: input.dueOn,
        });
        await repo.replaceLinks(tx, actor.agencyId, id, links);
        const after = await load(tx, actor.agencyId, id, localToday);
        await audit.record(tx, actor, 'feedback_action', id, {
          before: snapshot(before),
          after: snapshot(after),
        });
        return after;
      });
    },

    /** Planned → in progress → done; a done decision states its result and may be reopened. */
    async setStatus(actor: Actor, id: string, change: StatusChange) {
      const localToday = await today(actor.agencyId);
      const set: Partial<repo.ActionFields> = { status: change.status, doneOn: null };
      if (change.status === 'done') {
        const result = change.result?.trim();
        if (!result) throw new Invalid('body.result', 'Опишите результат выполненного решения');
        const doneOn = change.doneOn ?? localToday;
        if (doneOn > localToday) throw new Invalid('body.doneOn', 'Дата выполнения не может быть в будущем');
        Object.assign(set, { doneOn, result });
      } else if (change.result !== undefined) {
        set.result = change.result.trim() || null;
      }
      return db.transaction(async (tx) => {
        const before = await load(tx, actor.agencyId, id, localToday);
        await repo.updateAction(tx, actor.agencyId, id, set);
        const after = await load(tx, actor.agencyId, id, localToday);
        await audit.record(tx, actor, 'feedback_action', id, {
          before: snapshot(before),
          after: snapshot(after),
        });
        return after;
      });
    },

    /** Open decisions and those past their due date, for the heads' dashboards (issue 11 p. 1). */
    async countOpenAndOverdue(agencyId: string, now = new Date()) {
      return repo.openAndOverdue(db, agencyId, await today(agencyId, now));
    },
  };
}

export type FeedbackActions = ReturnType<typeof createFeedbackActions>;
