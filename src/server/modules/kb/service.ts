import { addDays } from 'date-fns';
import { DEFAULT_REVIEW_INTERVAL_DAYS } from '../../../common/kb.js';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { localDate } from '../../lib/calendar.js';
import { Invalid, NotFound } from '../../lib/errors.js';
import type { AgencyService } from '../agencies/service.js';
import type { AuditService } from '../audit/service.js';
import type { UserService } from '../auth/users.service.js';
import type { RequestService } from '../requests/service.js';
import { renderTemplate, type TemplateFacts } from './render.js';
import * as repo from './repo.js';

export type AnswerVariant = 'letter' | 'short';

export interface TemplateInput {
  title: string;
  body: string;
  variant: AnswerVariant;
  departmentId: string | null;
}

const templateNotFound = () => new NotFound('template_not_found', 'Шаблон ответа не найден');

export function toTemplate({ article, departmentId }: repo.TemplateRow) {
  return {
    id: article.id,
    title: article.title,
    body: article.body,
    variant: (article.shortBody === null ? 'letter' : 'short') as AnswerVariant,
    departmentId,
    active: article.active,
    starter: article.starter,
    updatedAt: article.updatedAt.toISOString(),
  };
}

/** A template's text as article columns: a short template is its own social-network variant. */
function templateColumns(input: Partial<TemplateInput>) {
  return {
    ...(input.title === undefined ? {} : { title: input.title }),
    ...(input.body === undefined ? {} : { body: input.body, searchText: input.body }),
    ...(input.variant === undefined && input.body === undefined
      ? {}
      : { shortBody: input.variant === 'short' ? (input.body ?? null) : null }),
  };
}

export function createKbService(deps: {
  db: Db;
  audit: AuditService;
  agencies: AgencyService;
  users: UserService;
  requests: RequestService;
}) {
  const { db, audit, agencies, users, requests } = deps;

  async function assertDepartment(agencyId: string, departmentId: string | null | undefined) {
    if (departmentId && !(await agencies.departmentIdsOf(agencyId)).includes(departmentId)) {
      throw new Invalid('body.departmentId', 'Такого подразделения в ведомстве нет');
    }
  }

  return {
    async list(actor: Actor, filter: { q?: string; archived?: boolean }) {
      return (await repo.listTemplates(db, actor.agencyId, filter)).map(toTemplate);
    },

    async create(actor: Actor, input: TemplateInput) {
      await assertDepartment(actor.agencyId, input.departmentId);
      const agency = await agencies.byId(actor.agencyId);
      const reviewDueOn = localDate(addDays(new Date(), DEFAULT_REVIEW_INTERVAL_DAYS), agency.timezone);
      return db.transaction(async (tx) => {
        const sectionId = await repo.templateSectionOf(tx, actor.agencyId, input.departmentId, reviewDueOn);
        const [row] = await repo.insertArticles(
          tx,
          [
            {
              ...templateColumns(input),
              title: input.title,
              body: input.body,
              kind: 'template',
              sectionId,
              agencyId: actor.agencyId,
            },
          ],
          actor.userId,
        );
        if (!row) throw new Error('template insert returned nothing');
        const template = toTemplate({ article: row, departmentId: input.departmentId });
        await audit.record(tx, actor, 'answer_template', row.id, { after: template });
        return template;
      });
    },

    /** Archiving is `active: false`: an answer once built from a template stays explainable. */
    async update(actor: Actor, id: string, patch: Partial<TemplateInput> & { active?: boolean }) {
      await assertDepartment(actor.agencyId, patch.departmentId);
      const agency = await agencies.byId(actor.agencyId);
      const reviewDueOn = localDate(addDays(new Date(), DEFAULT_REVIEW_INTERVAL_DAYS), agency.timezone);
      return db.transaction(async (tx) => {
        const before = await repo.findTemplate(tx, actor.agencyId, id);
        if (!before) throw templateNotFound();
        const current = toTemplate(before);
        const sectionId =
          patch.departmentId === undefined
            ? undefined
            : await repo.templateSectionOf(tx, actor.agencyId, patch.departmentId, reviewDueOn);
        const variant = patch.variant ?? current.variant;
        const article = await repo.updateArticle(
          tx,
          actor.agencyId,
          id,
          {
            ...templateColumns({ ...patch, variant, body: patch.body ?? current.body }),
            ...(sectionId ? { sectionId } : {}),
            ...(patch.active === undefined ? {} : { active: patch.active }),
          },
          actor.userId,
        );
        if (!article) throw templateNotFound();
        const after = {
          article,
          departmentId: patch.departmentId === undefined ? before.departmentId : patch.departmentId,
        };
        await audit.record(tx, actor, 'answer_template', id, {
          before: toTemplate(before),
          after: toTemplate(after),
        });
        return toTemplate(after);
      });
    },

    /** An active template filled in with the facts the caller has (a social comment's author…). */
    async renderWith(actor: Actor, templateId: string, facts: Partial<TemplateFacts>) {
      const template = await repo.findTemplate(db, actor.agencyId, templateId);
      if (!template?.article.active) throw templateNotFound();
      return renderTemplate(template.article.shortBody ?? template.article.body, facts);
    },

    /** The template filled in with a real request; the executor is the assignee, else whoever answers. */
    async render(actor: Actor, requestId: string, templateId: string) {
      const request = await requests.detail(actor, requestId);
      const template = await repo.findTemplate(db, actor.agencyId, templateId);
      if (!template) throw templateNotFound();
      const agency = await agencies.byId(actor.agencyId);
      const date = (iso: string) =>
        new Intl.DateTimeFormat('ru-RU', { dateStyle: 'long', timeZone: agency.timezone }).format(
          new Date(iso),
        );
      const executor = (await users.nameOf(request.assigneeId ?? actor.userId)) ?? '';
      return renderTemplate(template.article.body, {
        client: request.contactName,
        number: request.number,
        receivedAt: date(request.receivedAt),
        dueAt: date(request.dueAt),
        executor,
      });
    },
  };
}

export type KbService = ReturnType<typeof createKbService>;
