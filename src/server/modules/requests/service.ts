import { timingSafeEqual } from 'node:crypto';
import type { RequestChannel } from '../../../common/requests.js';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { endOfLocalDay, localDate } from '../../lib/calendar.js';
import { Invalid, NotFound, StorageFull } from '../../lib/errors.js';
import { fieldCrypto } from '../../lib/field-crypto.js';
import { type PageRequest, pageWindow, toPage } from '../../lib/paging.js';
import type { CalendarService } from '../agencies/calendar.service.js';
import { type FileQuota, storageFullNote } from '../agencies/file-quota.js';
import type { AgencyService } from '../agencies/service.js';
import type { AuditService } from '../audit/service.js';
import type { UserService } from '../auth/users.service.js';
import type { ClientService } from '../clients/service.js';
import { resolvedOfChannel } from './answered.repo.js';
import { channelKeyOf } from './channel-keys.js';
import { registerWorkbook } from './export.js';
import type { RequestNotifier } from './notifier.js';
import type { DeadlinePolicyService } from './policies.service.js';
import { createRegistration, type IntakeInput, type StaffIntakeInput } from './registration.js';
import * as repo from './repo.js';
import { toPublicStatus, toStaffDetail, toSummary } from './views.js';

/** Constant-time, so response timing does not leak how much of a guessed code was right. */
function sameCode(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export const EXPORT_LIMIT = 10_000;
/** The register counts matching requests up to this many; beyond it says «более». */
export const COUNT_CAP = 10_000;

/** A register view as staff ask for it; `resolveFilter` turns it into SQL conditions. */
export interface RegisterQuery extends Omit<repo.RegisterFilter, 'dueBy' | 'assigneeId' | 'departmentIds'> {
  mine?: boolean;
  myDepartments?: boolean;
  department?: string;
  /** Open requests whose term ends within this many working days (0: today), overdue included. */
  dueWithin?: number;
}

const requestNotFound = () =>
  new NotFound('request_not_found', 'Обращение не найдено: проверьте номер и код');

export function createRequestService(deps: {
  db: Db;
  policies: DeadlinePolicyService;
  agencies: AgencyService;
  calendar: CalendarService;
  clients: ClientService;
  notifier: RequestNotifier;
  audit: AuditService;
  users: UserService;
  fileQuota: FileQuota;
}) {
  const { db, policies, agencies, calendar, clients, notifier, audit, users, fileQuota } = deps;
  const registerIn = createRegistration({ db, policies, calendar, clients, notifier, fileQuota });

  /** The register's view in the user's terms («мои», «мой отдел», «срок в N рабочих дней») as SQL filters. */
  async function resolveFilter(actor: Actor, query: RegisterQuery): Promise<repo.RegisterFilter> {
    const { mine, myDepartments, department, dueWithin, ...plain } = query;
    const filter: repo.RegisterFilter = { ...plain };
    if (mine) filter.assigneeId = actor.userId;
    const own = myDepartments ? await users.departmentIdsOf(actor.agencyId, actor.userId) : null;
    if (department) filter.departmentIds = own ? own.filter((id) => id === department) : [department];
    else if (own) filter.departmentIds = own;
    if (dueWithin !== undefined) {
      const agency = await agencies.byId(actor.agencyId);
      const productionCalendar = await calendar.forAgency(actor.agencyId);
      const today = localDate(new Date(), agency.timezone);
      filter.dueBy = endOfLocalDay(productionCalendar.addWorkingDays(today, dueWithin), agency.timezone);
    }
    return filter;
  }

  async function staffDetail(actor: Actor, row: repo.RequestRow) {
    const events = await repo.listEvents(db, actor.agencyId, row.id, { publicOnly: false });
    const attachments = await repo.listAttachments(db, actor.agencyId, row.id);
    const policy = (await policies.forAgency(actor.agencyId))[row.kind];
    return toStaffDetail(row, events, attachments, new Date(), policy);
  }

  return {
    /** Registers a request that arrived electronically: received and registered in one step. */
    async intake(agencySlug: string, input: IntakeInput) {
      const agency = await agencies.findBySlug(agencySlug);
      if (!agency) throw new NotFound('agency_not_found', 'Ведомство не найдено');
      // The portal accepts a request only with this consent: it belongs to the client's history.
      return registerIn(agency, { ...input, consentGiven: true });
    },

    /**
     * A message a channel adapter received (e-mail, a bot, a community): registered with the
     * network's own message id as its key, so a redelivered message returns the first request.
     * Replies go back along `replyRoute`. When the agency's file storage is full the message is
     * still registered, without its files and with a note for staff; `filesKept` is then false
     * and the caller removes the files it stored.
     */
    async registerFromChannel(
      agencyId: string,
      input: Omit<IntakeInput, 'idempotencyKey' | 'channelMessageKey'> & { externalId: string },
    ) {
      const agency = { ...(await agencies.byId(agencyId)), id: agencyId };
      const { externalId, ...rest } = input;
      const registration = { ...rest, ...channelKeyOf(fieldCrypto(), input.channel, externalId) };
      try {
        return { ...(await registerIn(agency, registration)), filesKept: true };
      } catch (error) {
        if (!(error instanceof StorageFull)) throw error;
        const note = storageFullNote(input.files ?? []);
        const withoutFiles = { ...registration, files: [], notes: [...(input.notes ?? []), note] };
        return { ...(await registerIn(agency, withoutFiles)), filesKept: false };
      }
    },

    /** Resolved requests of a channel, for sending the answers back (the ПОС upload of answers). */
    resolvedOfChannel(actor: Actor, channel: RequestChannel, from: Date, to: Date) {
      return resolvedOfChannel(db, actor.agencyId, channel, from, to);
    },

    /**
     * Staff register what came by post, ПОС, МЭДО, the Governor's reception or in person; the
     * channel's own number (e.g. the ПОС id) makes a repeated registration return the first one.
     */
    async registerByStaff(actor: Actor, input: StaffIntakeInput) {
      const agency = { ...(await agencies.byId(actor.agencyId)), id: actor.agencyId };
      if (input.receivedAt.getTime() > Date.now() + 60_000) {
        throw new Invalid('body.receivedAt', 'Дата поступления не может быть в будущем');
      }
      const { externalId, ...rest } = input;
      const key = externalId
        ? channelKeyOf(fieldCrypto(), input.channel, externalId)
        : { idempotencyKey: null };
      return registerIn(
        agency,
        { ...rest, ...key, registeredBy: actor.userId },
        {
          withinTransaction: (tx, row) =>
            audit.record(tx, actor, 'request', row.id, {
              after: { number: row.number, kind: row.kind, channel: row.channel },
            }),
        },
      );
    },

    /**
     * A request another agency on Otklik sent here by competence (59-ФЗ ст. 8 ч. 3): registered
     * anew, linked to the original; the client gets this agency's number and code. Registering
     * the same original twice returns the first copy.
     */
    async registerRedirected(targetSlug: string, original: repo.RequestRow, from: { name: string }) {
      const agency = await agencies.findBySlug(targetSlug);
      if (!agency) throw new Invalid('body.agency', 'Такого ведомства в «Отклике» нет');
      const { row } = await registerIn(agency, {
        kind: original.kind,
        channel: original.channel as RequestChannel,
        text: original.text,
        name: original.contactName,
        email: original.contactEmail,
        phone: original.contactPhone,
        notifyByEmail: original.notifyByEmail,
        urgent: original.urgent,
        idempotencyKey: `redirect:${original.id}`,
        origin: {
          requestId: original.id,
          note: `Поступило по компетенции из ведомства «${from.name}», № ${original.number}`,
        },
      });
      return { id: row.id, number: row.number, agencyName: agency.name };
    },

    /** What a client sees with the number and the code; anything else is 404, as if absent. */
    async publicStatus(agencySlug: string, number: string, code: string) {
      const agency = await agencies.findBySlug(agencySlug);
      if (!agency) throw new NotFound('agency_not_found', 'Ведомство не найдено');
      const row = await repo.findByNumber(db, agency.id, number);
      if (!row || !sameCode(row.trackingCode, code.toUpperCase())) throw requestNotFound();
      const events = await repo.listEvents(db, agency.id, row.id, { publicOnly: true });
      return toPublicStatus(row, events);
    },

    async register(actor: Actor, query: RegisterQuery & PageRequest) {
      const { page, limit, offset } = pageWindow(query);
      const filter = await resolveFilter(actor, query);
      const { total, more, rows } = await repo.listRegister(
        db,
        actor.agencyId,
        filter,
        limit,
        offset,
        COUNT_CAP,
      );
      const items = rows.map((row) => toSummary(row, new Date()));
      return { ...toPage(items, total, page, limit), ...(more ? { totalIsLowerBound: true } : {}) };
    },

    /** The current view of the register as XLSX, at most EXPORT_LIMIT rows in the view's order. */
    async exportRegister(actor: Actor, query: RegisterQuery) {
      const filter = await resolveFilter(actor, query);
      const { more, rows } = await repo.listRegister(
        db,
        actor.agencyId,
        filter,
        EXPORT_LIMIT,
        0,
        EXPORT_LIMIT,
      );
      if (more) {
        throw new Invalid(
          'query',
          `В выгрузке не больше ${EXPORT_LIMIT} обращений, а под условия подходит больше: сузьте отбор`,
          'export_too_large',
        );
      }
      const agency = await agencies.byId(actor.agencyId);
      return registerWorkbook(rows, await policies.forAgency(actor.agencyId), agency.timezone);
    },

    async detail(actor: Actor, id: string) {
      const row = await repo.findById(db, actor.agencyId, id);
      if (!row) throw new NotFound('request_not_found', 'Обращение не найдено');
      return staffDetail(actor, row);
    },

    /** The request staff name by its number, as the knowledge base's template preview asks for it. */
    async detailByNumber(actor: Actor, number: string) {
      const row = await repo.findByNumber(db, actor.agencyId, number);
      if (!row) throw new NotFound('request_not_found', `Обращения № ${number} нет`);
      return staffDetail(actor, row);
    },
  };
}

export type RequestService = ReturnType<typeof createRequestService>;
