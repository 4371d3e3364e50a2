import type { Db } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { Conflict, Invalid, NotFound } from '../../lib/errors.js';
import type { CalendarService } from '../agencies/calendar.service.js';
import type { AgencyService } from '../agencies/service.js';
import type { AuditService } from '../audit/service.js';
import type { UserService } from '../auth/users.service.js';
import { termEnd } from './deadlines.js';
import type { LegalGround, LegalGrounds } from './grounds.js';
import { nextStatus, type RequestAction, transitionError } from './lifecycle.js';
import type { RequestNotifier } from './notifier.js';
import type { DeadlinePolicyService } from './policies.service.js';
import * as repo from './repo.js';
import type { RequestService } from './service.js';

interface Step {
  patch?: Partial<repo.NewRequest>;
  /** Shown to the client on the status page and in the notification; null keeps the event internal. */
  publicNote: string | null;
}

export interface Outcome {
  reason: string;
  groundCode: string;
}

const notFound = () => new NotFound('request_not_found', 'Обращение не найдено');

export function createRequestActions(deps: {
  db: Db;
  policies: DeadlinePolicyService;
  grounds: LegalGrounds;
  agencies: AgencyService;
  calendar: CalendarService;
  users: UserService;
  audit: AuditService;
  notifier: RequestNotifier;
  requests: Pick<RequestService, 'registerRedirected'>;
}) {
  const { db, policies, grounds, agencies, calendar, users, audit, notifier, requests } = deps;

  /** One transition: lock, check the lifecycle, apply, record the event and the audit row, then notify. */
  async function transition(
    actor: Actor,
    id: string,
    action: RequestAction,
    step: (row: repo.RequestRow) => Promise<Step>,
  ) {
    const { before, after, note } = await db.transaction(async (tx) => {
      const before = await repo.lockById(tx, actor.agencyId, id);
      if (!before) throw notFound();
      const illegal = transitionError(action, before.status);
      if (illegal) throw new Conflict('illegal_transition', illegal);
      const { patch, publicNote } = await step(before);
      const status = nextStatus(action, before.status);
      const after = await repo.updateRequest(tx, actor.agencyId, id, { ...patch, status });
      await repo.insertEvents(tx, [
        {
          agencyId: actor.agencyId,
          requestId: id,
          status,
          note: publicNote,
          isPublic: publicNote !== null || status !== before.status,
          actorId: actor.userId,
        },
      ]);
      await audit.record(tx, actor, 'request', id, {
        before: { status: before.status },
        after: { status, ...patch },
      });
      return { before, after, note: publicNote };
    });
    if (after.status !== before.status) await notifier.statusChanged(actor.agencyId, after, note);
    return after;
  }

  // An article number not yet checked against the law's current edition never reaches a citizen.
  const citationFor = (g: LegalGround) =>
    g.unverified ? (g.citation.split(' ')[0] ?? g.citation) : g.citation;

  function ground(kind: repo.RequestRow['kind'], list: 'appeal' | 'info_request', code: string) {
    const found = grounds[list].find((g) => g.code === code);
    if (!found) throw new Invalid('body.groundCode', 'Выберите основание из перечня');
    const applies =
      list === 'info_request' ? kind === 'info_request' : kind === 'appeal' || kind === 'reception_appeal';
    if (!applies) {
      throw new Invalid(
        'body.groundCode',
        list === 'info_request'
          ? 'Основания 8-ФЗ применяются только к запросам информации'
          : 'Основания ст. 11 59-ФЗ применяются только к обращениям',
      );
    }
    return found;
  }

  async function redirectWithinOtklik(actor: Actor, id: string, targetSlug: string) {
    const from = await agencies.get(actor);
    if (from.slug === targetSlug) throw new Invalid('body.agency', 'Обращение уже в этом ведомстве');
    const row = await repo.findById(db, actor.agencyId, id);
    if (!row) throw notFound();
    // Checked before the copy is made there; the transition checks again under its lock.
    const illegal = transitionError('redirect', row.status);
    if (illegal) throw new Conflict('illegal_transition', illegal);
    return requests.registerRedirected(targetSlug, row, from);
  }

  return {
    async assign(
      actor: Actor,
      id: string,
      input: { departmentId: string | null; assigneeId: string | null },
    ) {
      if (
        input.departmentId &&
        !(await agencies.departmentIdsOf(actor.agencyId)).includes(input.departmentId)
      ) {
        throw new Invalid('body.departmentId', 'Такого подразделения в ведомстве нет');
      }
      if (input.assigneeId && !(await users.isActiveMember(actor.agencyId, input.assigneeId))) {
        throw new Invalid('body.assigneeId', 'Исполнитель должен быть сотрудником ведомства');
      }
      if (!input.departmentId && !input.assigneeId)
        throw new Invalid('body.assigneeId', 'Укажите подразделение или исполнителя');
      return transition(actor, id, 'assign', async () => ({ patch: input, publicNote: null }));
    },

    start: (actor: Actor, id: string) => transition(actor, id, 'start', async () => ({ publicNote: null })),

    /** 59-ФЗ ст. 12 ч. 2 / 8-ФЗ ст. 21 ч. 2: once, within the policy's limit, with the reason told to the client. */
    async extend(actor: Actor, id: string, input: { days: number; reason: string }) {
      const agency = await agencies.get(actor);
      const productionCalendar = await calendar.forAgency(actor.agencyId);
      const agencyPolicies = await policies.forAgency(actor.agencyId);
      return transition(actor, id, 'extend', async (row) => {
        const limit = agencyPolicies[row.kind].extension;
        if (!limit)
          throw new Conflict(
            'extension_not_allowed',
            'Для этого вида сообщений продление срока не предусмотрено',
          );
        if (row.extendedAt)
          throw new Conflict('already_extended', 'Срок уже продлевался: продлить можно только один раз');
        if (input.days > limit.days) {
          throw new Invalid('body.days', `Не больше ${limit.days} дней (${limit.source})`);
        }
        // The extension counts from the old deadline; the start day is not counted.
        const dueAt = termEnd({ ...limit, days: input.days }, row.dueAt, agency.timezone, productionCalendar);
        const date = new Intl.DateTimeFormat('ru-RU', {
          dateStyle: 'long',
          timeZone: agency.timezone,
        }).format(dueAt);
        return {
          patch: { dueAt, extendedAt: new Date(), dueSource: limit.source },
          publicNote: `Срок рассмотрения продлён до ${date}. Причина: ${input.reason}`,
        };
      });
    },

    /** The executor's signature goes under the answer the client reads (seed 004 p. 3). */
    async answer(actor: Actor, id: string, input: { text: string; form: 'oral' | 'written' | 'electronic' }) {
      const signature = await users.signatureOf(actor.userId);
      const text = signature ? `${input.text.trimEnd()}\n\n${signature}` : input.text;
      return transition(actor, id, 'answer', async () => ({
        patch: { answerText: text, answerForm: input.form, resolvedAt: new Date() },
        publicNote: text,
      }));
    },

    refuse: (actor: Actor, id: string, input: Outcome) =>
      transition(actor, id, 'refuse', async (row) => {
        const g = ground(row.kind, 'info_request', input.groundCode);
        return {
          patch: { groundCode: g.code, answerText: input.reason, resolvedAt: new Date() },
          publicNote: `Отказано в предоставлении информации: ${g.title} (${citationFor(g)}). ${input.reason}`,
        };
      }),

    leaveWithoutAnswer: (actor: Actor, id: string, input: Outcome) =>
      transition(actor, id, 'leave_without_answer', async (row) => {
        const g = ground(row.kind, 'appeal', input.groundCode);
        return {
          patch: { groundCode: g.code, answerText: input.reason, resolvedAt: new Date() },
          publicNote: `Обращение оставлено без ответа по существу: ${g.title} (${citationFor(g)}). ${input.reason}`,
        };
      }),

    /** 59-ФЗ ст. 8 ч. 3: to another agency on Otklik (a linked request there) or an addressee outside it. */
    async redirect(actor: Actor, id: string, input: { agency?: string; addressee?: string; reason: string }) {
      if (!input.agency && !input.addressee) {
        throw new Invalid('body.addressee', 'Укажите ведомство в «Отклике» или адресата');
      }
      const target = input.agency ? await redirectWithinOtklik(actor, id, input.agency) : null;
      const addressee = target?.agencyName ?? input.addressee ?? '';
      const there = target ? ` (зарегистрировано под № ${target.number})` : '';
      return transition(actor, id, 'redirect', async () => ({
        patch: { redirectAddressee: addressee, redirectedToId: target?.id ?? null, resolvedAt: new Date() },
        publicNote: `Обращение направлено по компетенции: ${addressee}${there}. ${input.reason}`,
      }));
    },

    close: (actor: Actor, id: string) => transition(actor, id, 'close', async () => ({ publicNote: null })),
  };
}

export type RequestActions = ReturnType<typeof createRequestActions>;
