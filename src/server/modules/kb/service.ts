import type { TemplateVariant } from '../../../common/kb.js';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { formatLongDate } from '../../lib/calendar.js';
import { NotFound } from '../../lib/errors.js';
import type { AgencyService } from '../agencies/service.js';
import type { UserService } from '../auth/users.service.js';
import type { RequestService } from '../requests/service.js';
import { renderTemplate, type TemplateFacts } from './render.js';
import * as repo from './repo.js';

const templateNotFound = () => new NotFound('template_not_found', 'Шаблон ответа не найден');

// Networks where a reply is a chat message or a comment: the short variant fits there.
const SHORT_NETWORKS: readonly string[] = ['telegram', 'vk', 'ok'];

type RequestDetail = Awaited<ReturnType<RequestService['detail']>>;

/** The short variant for a request from a social network or messenger, the formal one otherwise. */
export function variantFor(request: { channel: string; replyNetwork: string | null }): TemplateVariant {
  return SHORT_NETWORKS.includes(request.channel) || SHORT_NETWORKS.includes(request.replyNetwork ?? '')
    ? 'short'
    : 'formal';
}

/** A template's text in a variant; without its own short text the formal one serves. */
const textOf = (template: { body: string; shortBody: string | null }, variant: TemplateVariant) =>
  variant === 'short' ? (template.shortBody ?? template.body) : template.body;

/**
 * Answer templates (kind `template` articles) in use: listed for the pickers, filled in with a
 * request's facts in the variant its channel needs (issue 6 p. 2). They are written and versioned
 * as articles.
 */
export function createKbService(deps: {
  db: Db;
  agencies: AgencyService;
  users: UserService;
  requests: RequestService;
}) {
  const { db, agencies, users, requests } = deps;

  async function factsOf(actor: Actor, request: RequestDetail): Promise<TemplateFacts> {
    const agency = await agencies.byId(actor.agencyId);
    const date = (iso: string) => formatLongDate(new Date(iso), agency.timezone);
    return {
      client: request.contactName,
      number: request.number,
      receivedAt: date(request.receivedAt),
      dueAt: date(request.dueAt),
      // The executor is the assignee, else whoever answers.
      executor: (await users.nameOf(request.assigneeId ?? actor.userId)) ?? '',
    };
  }

  async function activeTemplate(actor: Actor, templateId: string) {
    const template = await repo.findTemplate(db, actor.agencyId, templateId);
    if (!template?.article.active) throw templateNotFound();
    return template.article;
  }

  return {
    /** Active templates for the composer and the social inbox. */
    async list(actor: Actor) {
      const rows = await repo.listTemplates(db, actor.agencyId);
      return rows.map(({ article, departmentId }) => ({
        id: article.id,
        title: article.title,
        departmentId,
        hasShortBody: article.shortBody !== null,
        starter: article.starter,
      }));
    },

    /** The short variant filled with the facts the caller has (a social comment's author…). */
    async renderWith(actor: Actor, templateId: string, facts: Partial<TemplateFacts>) {
      return renderTemplate(textOf(await activeTemplate(actor, templateId), 'short'), facts);
    },

    /** The template filled in with a real request, in the variant its channel needs unless forced. */
    async render(actor: Actor, requestId: string, templateId: string, forced?: TemplateVariant) {
      const request = await requests.detail(actor, requestId);
      const template = await activeTemplate(actor, templateId);
      const variant = forced ?? variantFor(request);
      return { ...renderTemplate(textOf(template, variant), await factsOf(actor, request)), variant };
    },

    /** Both variants of a template being written, filled in with the request of that number. */
    async preview(actor: Actor, input: { requestNumber: string; body: string; shortBody: string | null }) {
      const request = await requests.detailByNumber(actor, input.requestNumber.trim());
      const facts = await factsOf(actor, request);
      const template = { body: input.body, shortBody: input.shortBody?.trim() ? input.shortBody : null };
      return {
        request: { id: request.id, number: request.number, channel: request.channel },
        chosen: variantFor(request),
        formal: renderTemplate(textOf(template, 'formal'), facts),
        short: renderTemplate(textOf(template, 'short'), facts),
      };
    },
  };
}

export type KbService = ReturnType<typeof createKbService>;
