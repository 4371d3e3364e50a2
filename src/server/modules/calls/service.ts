import { randomBytes } from 'node:crypto';
import type { CallOutcome, CallQuality, CallSource } from '../../../common/calls.js';
import type { TimelineEntry } from '../../../common/clients.js';
import type { WorkingHours } from '../../../common/types.js';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { endOfLocalDay, isWithinWorkingHours, localDate, startOfLocalDay } from '../../lib/calendar.js';
import { Invalid, NotFound, Unauthorized } from '../../lib/errors.js';
import { type PageRequest, pageWindow, toPage } from '../../lib/paging.js';
import type { SecretBox } from '../../lib/secret-box.js';
import type { CalendarService } from '../agencies/calendar.service.js';
import * as touchpointRepo from '../agencies/repo.js';
import type { AgencyService } from '../agencies/service.js';
import type { AuditService } from '../audit/service.js';
import { normalizePhone } from '../clients/contacts.js';
import { signatureMatches } from '../imports/pos-settings.js';
import type { RequestService } from '../requests/service.js';
import * as repo from './repo.js';

/** As many recent questions as the request source gives the KB proposals job. */
const RECENT_QUESTIONS = 20_000;

export interface CallIntake {
  source: CallSource;
  externalId: string | null;
  caller: string;
  startedAt: Date;
  answered: boolean;
  durationSec: number;
  operatorId: string | null;
}

export interface CallCardPatch {
  topicId?: string | null;
  question?: string | null;
  answer?: string | null;
  outcome?: CallOutcome | null;
  redirectNote?: string | null;
  surveyAnswerReceived?: boolean | null;
  surveyQuality?: CallQuality | null;
}

const callNotFound = () => new NotFound('call_not_found', 'Звонок не найден');
const pbxNotConfigured = () =>
  new Unauthorized('pbx_not_configured', 'Приём звонков АТС для ведомства не настроен');

/** ЕКЦ 110 has hours of its own in the registry; the consult line usually follows the agency's. */
const TOUCHPOINT_OF: Record<CallSource, 'consult_line' | 'ekc'> = {
  pbx: 'consult_line',
  manual: 'consult_line',
  ekc110: 'ekc',
};

export function createCallService(deps: {
  db: Db;
  audit: AuditService;
  agencies: AgencyService;
  calendar: CalendarService;
  box: SecretBox;
  requests: RequestService;
}) {
  const { db, audit, agencies, calendar, box, requests } = deps;

  async function hoursFor(agencyId: string, source: CallSource): Promise<WorkingHours> {
    const agency = await agencies.byId(agencyId);
    const touchpoints = await touchpointRepo.listTouchpoints(db, agencyId, { publicOnly: false });
    const own = touchpoints.find((t) => t.kind === TOUCHPOINT_OF[source] && t.hours)?.hours;
    return own ?? agency.workingHours;
  }

  /**
   * Whether the call came within the line's hours, and for a missed one when it must be called
   * back: by the end of the same working day, or of the next working day when it came outside hours.
   */
  async function classify(agencyId: string, source: CallSource, startedAt: Date, answered: boolean) {
    const agency = await agencies.byId(agencyId);
    const days = await calendar.forAgency(agencyId);
    const withinHours = isWithinWorkingHours(
      startedAt,
      agency.timezone,
      await hoursFor(agencyId, source),
      days,
    );
    if (answered) return { withinHours, callbackDueAt: null };
    const day = localDate(startedAt, agency.timezone);
    const dueDay = withinHours ? day : days.nextWorkingDay(day);
    return { withinHours, callbackDueAt: endOfLocalDay(dueDay, agency.timezone) };
  }

  async function requireCall(agencyId: string, id: string) {
    const row = await repo.findCall(db, agencyId, id);
    if (!row) throw callNotFound();
    return row;
  }

  async function intake(
    agencyId: string,
    input: CallIntake,
    actor: Actor | null,
    card: Pick<CallCardPatch, 'question' | 'answer'> = {},
  ) {
    const phone = normalizePhone(input.caller);
    if (phone.length < 5) throw new Invalid('body.caller', 'Номер телефона звонящего указан неверно');
    const { withinHours, callbackDueAt } = await classify(
      agencyId,
      input.source,
      input.startedAt,
      input.answered,
    );
    return db.transaction(async (tx) => {
      const clientId = await repo.clientByPhone(tx, agencyId, phone);
      const result = await repo.insertCall(tx, agencyId, {
        source: input.source,
        externalId: input.externalId,
        callerPhone: phone,
        clientId,
        startedAt: input.startedAt,
        answered: input.answered,
        durationSec: input.durationSec,
        withinHours,
        operatorId: input.operatorId,
        callbackDueAt,
        question: card.question ?? null,
        answer: card.answer ?? null,
        outcome: card.answer ? 'answered' : null,
      });
      if (result.created && actor)
        await audit.record(tx, actor, 'call', result.row.id, { after: result.row });
      return result;
    });
  }

  return {
    intake,

    /** Logged by hand by the operator who took (or missed) it. */
    log(actor: Actor, input: Omit<CallIntake, 'externalId' | 'operatorId'>) {
      return intake(actor.agencyId, { ...input, externalId: null, operatorId: actor.userId }, actor);
    },

    /** A consultation from another system's export (ЕКЦ 110), with what was asked and answered. */
    importCall(actor: Actor, input: CallIntake & { question: string | null; answer: string | null }) {
      const { question, answer, ...call } = input;
      return intake(actor.agencyId, call, actor, { question, answer });
    },

    async list(actor: Actor, filter: repo.CallFilter & PageRequest) {
      const { page, limit, offset } = pageWindow(filter);
      const { total, rows } = await repo.listCalls(db, actor.agencyId, filter, limit, offset);
      return toPage(rows, total, page, limit);
    },

    get: (actor: Actor, id: string) => requireCall(actor.agencyId, id),

    /** The card and the survey in one request; the survey needs an answered call. */
    async update(actor: Actor, id: string, patch: CallCardPatch) {
      const before = await requireCall(actor.agencyId, id);
      const surveyed = patch.surveyAnswerReceived != null || patch.surveyQuality != null;
      if (surveyed && !before.answered) {
        throw new Invalid('body.surveyQuality', 'Опрос проводится только по состоявшемуся разговору');
      }
      if (patch.outcome === 'redirected' && !(patch.redirectNote ?? before.redirectNote)?.trim()) {
        throw new Invalid('body.redirectNote', 'Укажите, куда перенаправлен звонящий');
      }
      if (patch.outcome === 'request' && !before.requestId) {
        throw new Invalid('body.outcome', 'Исход «обращение» ставится при регистрации обращения по звонку');
      }
      return db.transaction(async (tx) => {
        const after = await repo.updateCall(tx, actor.agencyId, id, {
          ...patch,
          operatorId: before.operatorId ?? actor.userId,
        });
        if (!after) throw callNotFound();
        await audit.record(tx, actor, 'call', id, { before, after });
        return after;
      });
    },

    /**
     * Registers the caller's question as a request (kind consult_call) and links it to the call.
     * Keyed by the call's id, so a repeated click returns the same request.
     */
    async toRequest(
      actor: Actor,
      id: string,
      input: { name: string; email: string | null; text: string | null },
    ) {
      const before = await requireCall(actor.agencyId, id);
      if (!before.answered) throw new Invalid('params.id', 'По пропущенному звонку сначала перезвоните');
      const text = (input.text ?? before.question ?? '').trim();
      if (!text) throw new Invalid('body.text', 'Запишите вопрос звонящего');
      const { row: request } = await requests.registerByStaff(actor, {
        kind: 'consult_call',
        channel: before.source === 'ekc110' ? 'ekc' : 'consult_line',
        receivedAt: before.startedAt,
        text,
        name: input.name,
        email: input.email,
        phone: `+${before.callerPhone}`,
        notifyByEmail: Boolean(input.email),
        externalId: `call:${before.id}`,
      });
      return db.transaction(async (tx) => {
        const after = await repo.updateCall(tx, actor.agencyId, id, {
          requestId: request.id,
          outcome: 'request',
          question: before.question ?? text,
          operatorId: before.operatorId ?? actor.userId,
        });
        if (!after) throw callNotFound();
        await audit.record(tx, actor, 'call', id, { before, after });
        return { call: after, requestId: request.id, number: request.number };
      });
    },

    /** Questions asked on the line, for finding those asked often with no KB answer (seed 003 p. 41). */
    async questionsSince(agencyId: string, since: Date) {
      const rows = await repo.questionsSince(db, agencyId, since, RECENT_QUESTIONS);
      return rows.map((row) => ({ ...row, text: row.text ?? '', source: 'call' as const }));
    },

    /** The client's calls as timeline entries (seed 004 p. 4), oldest first as the timeline expects. */
    async timelineOf(agencyId: string, clientId: string): Promise<TimelineEntry[]> {
      const rows = await repo.callsOfClient(db, agencyId, clientId);
      return rows.reverse().map((row) => ({
        kind: 'call',
        at: row.startedAt.toISOString(),
        channel: row.source === 'ekc110' ? 'ekc' : 'consult_line',
        status: row.answered ? 'answered' : 'missed',
        title: row.answered
          ? `Звонок на консультационную линию (${Math.ceil(row.durationSec / 60)} мин)`
          : 'Пропущенный звонок на консультационную линию',
        detail: [row.question, row.answer].filter(Boolean).join('\n') || null,
        requestId: row.requestId,
        requestNumber: null,
        internal: false,
      }));
    },

    async callbackDone(actor: Actor, id: string) {
      const before = await requireCall(actor.agencyId, id);
      if (before.answered) throw new Invalid('params.id', 'Звонок принят: перезванивать не нужно');
      if (before.callbackDoneAt) return before;
      return db.transaction(async (tx) => {
        const after = await repo.updateCall(tx, actor.agencyId, id, {
          callbackDoneAt: new Date(),
          callbackDoneBy: actor.userId,
        });
        if (!after) throw callNotFound();
        await audit.record(tx, actor, 'call', id, { before, after });
        return after;
      });
    },

    /** Missed calls of [from, to] (local dates) by day and by hour, within vs outside hours. */
    async missedReport(actor: Actor, from: string, to: string) {
      if (from > to) throw new Invalid('querystring.to', 'Конец периода раньше начала');
      const agency = await agencies.byId(actor.agencyId);
      const zone = agency.timezone;
      const rows = await repo.missedCalls(
        db,
        actor.agencyId,
        startOfLocalDay(from, zone),
        new Date(endOfLocalDay(to, zone).getTime() + 1),
      );
      const byDay = new Map<string, { date: string; withinHours: number; outsideHours: number }>();
      const byHour = Array.from({ length: 24 }, (_, hour) => ({ hour, withinHours: 0, outsideHours: 0 }));
      let withinHours = 0;
      let callbacksDone = 0;
      for (const row of rows) {
        const date = localDate(row.startedAt, zone);
        const hour = Number(
          new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', hourCycle: 'h23' }).format(
            row.startedAt,
          ),
        );
        const day = byDay.get(date) ?? { date, withinHours: 0, outsideHours: 0 };
        const slot = byHour[hour] as (typeof byHour)[number];
        if (row.withinHours) {
          day.withinHours += 1;
          slot.withinHours += 1;
          withinHours += 1;
        } else {
          day.outsideHours += 1;
          slot.outsideHours += 1;
        }
        byDay.set(date, day);
        if (row.callbackDoneAt) callbacksDone += 1;
      }
      return {
        from,
        to,
        total: rows.length,
        withinHours,
        outsideHours: rows.length - withinHours,
        callbacksDone,
        callbacksOpen: rows.length - callbacksDone,
        byDay: [...byDay.values()].sort((a, b) => a.date.localeCompare(b.date)),
        byHour,
      };
    },

    async pbxStatus(actor: Actor) {
      const row = await repo.findPbxSecret(db, actor.agencyId);
      return { configured: Boolean(row), rotatedAt: row?.rotatedAt.toISOString() ?? null };
    },

    /** A new secret replaces the old one at once; the plain value is returned this one time. */
    async rotatePbxSecret(actor: Actor) {
      const secret = randomBytes(32).toString('hex');
      const values = { sealedSecret: box.seal(secret), rotatedAt: new Date(), rotatedBy: actor.userId };
      await db.transaction(async (tx) => {
        await repo.upsertPbxSecret(tx, actor.agencyId, values);
        await audit.record(tx, actor, 'pbx_settings', actor.agencyId, {
          after: { rotatedAt: values.rotatedAt },
        });
      });
      return { secret, rotatedAt: values.rotatedAt.toISOString() };
    },

    /** Throws 401 unless the raw body is signed with the agency's current PBX secret. */
    async verifyPbx(agencyId: string, body: Buffer, signature: string | undefined) {
      const row = await repo.findPbxSecret(db, agencyId);
      if (!row) throw pbxNotConfigured();
      let secret: string;
      try {
        secret = box.open(row.sealedSecret);
      } catch {
        throw pbxNotConfigured();
      }
      if (!signatureMatches(secret, body, signature)) {
        throw new Unauthorized(
          'bad_signature',
          'Подпись запроса (X-Pbx-Signature) не совпадает: звонок не принят',
        );
      }
    },

    /** Rows removed with a purged client (retention.onPurge). */
    purgeClients: repo.deleteCallsOfClients,
  };
}

export type CallService = ReturnType<typeof createCallService>;
