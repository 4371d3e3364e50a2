import type { Db } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { Invalid, NotFound } from '../../lib/errors.js';
import type { AgencyService } from '../agencies/service.js';
import type { AuditService } from '../audit/service.js';
import type { UserService } from '../auth/users.service.js';
import type { RequestService } from '../requests/service.js';
import { renderTemplate, type TemplateFacts } from './render.js';
import * as repo from './repo.js';
import type { AnswerVariant } from './schema.js';

export interface TemplateInput {
  title: string;
  body: string;
  variant: AnswerVariant;
  departmentId: string | null;
}

const templateNotFound = () => new NotFound('template_not_found', 'Шаблон ответа не найден');

export function toTemplate(row: repo.TemplateRow) {
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    variant: row.variant,
    departmentId: row.departmentId,
    active: row.active,
    starter: row.starter,
    updatedAt: row.updatedAt.toISOString(),
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
      return db.transaction(async (tx) => {
        const [row] = await repo.insertTemplates(tx, [{ ...input, agencyId: actor.agencyId }]);
        if (!row) throw new Error('template insert returned nothing');
        await audit.record(tx, actor, 'answer_template', row.id, { after: toTemplate(row) });
        return toTemplate(row);
      });
    },

    /** Archiving is `active: false`: an answer once built from a template stays explainable. */
    async update(actor: Actor, id: string, patch: Partial<TemplateInput> & { active?: boolean }) {
      await assertDepartment(actor.agencyId, patch.departmentId);
      return db.transaction(async (tx) => {
        const before = await repo.findTemplate(tx, actor.agencyId, id);
        if (!before) throw templateNotFound();
        const after = await repo.updateTemplate(tx, actor.agencyId, id, patch);
        if (!after) throw templateNotFound();
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
      if (!template?.active) throw templateNotFound();
      return renderTemplate(template.body, facts);
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
      return renderTemplate(template.body, {
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
