import { randomInt, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { localDate } from '../../lib/calendar.js';
import { Invalid, NotFound } from '../../lib/errors.js';
import { type PageRequest, pageWindow, toPage } from '../../lib/paging.js';
import type { CalendarService } from '../agencies/calendar.service.js';
import type { AgencyService } from '../agencies/service.js';
import type { ClientService } from '../clients/service.js';
import { answerTerm, type DeadlinePolicies, type RequestKind, termEnd } from './deadlines.js';
import { registerWorkbook } from './export.js';
import type { RequestNotifier } from './notifier.js';
import * as repo from './repo.js';
import { toPublicStatus, toStaffDetail, toSummary } from './views.js';

export interface IntakeInput {
  kind: RequestKind;
  channel: 'portal';
  text: string;
  name: string;
  email: string | null;
  phone: string | null;
  notifyByEmail: boolean;
  idempotencyKey: string | null;
}

// No 0/O, 1/I/L: a code read out over the phone or copied from paper must survive.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const trackingCode = () =>
  Array.from({ length: 10 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');

/** Constant-time, so response timing does not leak how much of a guessed code was right. */
function sameCode(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export const EXPORT_LIMIT = 10_000;

const requestNotFound = () =>
  new NotFound('request_not_found', 'Обращение не найдено: проверьте номер и код');

function isUniqueViolation(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string } }).cause ?? error;
  return (cause as { code?: string }).code === '23505';
}

export function createRequestService(deps: {
  db: Db;
  policies: DeadlinePolicies;
  agencies: AgencyService;
  calendar: CalendarService;
  clients: ClientService;
  notifier: RequestNotifier;
}) {
  const { db, policies, agencies, calendar, clients, notifier } = deps;

  return {
    /** Registers a request that arrived electronically: received and registered in one step. */
    async intake(agencySlug: string, input: IntakeInput) {
      const agency = await agencies.findBySlug(agencySlug);
      if (!agency) throw new NotFound('agency_not_found', 'Ведомство не найдено');
      if (input.notifyByEmail && !input.email) {
        throw new Invalid('body.email', 'Укажите электронную почту, чтобы получать уведомления');
      }
      if (input.idempotencyKey) {
        const existing = await repo.findByIdempotencyKey(db, agency.id, input.idempotencyKey);
        if (existing) return { row: existing, created: false };
      }
      const policy = policies[input.kind];
      const term = answerTerm(policy, false);
      const productionCalendar = await calendar.forAgency(agency.id);
      const now = new Date();
      // The number is taken in a statement of its own: inside the transaction the counter row would
      // stay locked until commit and serialise every intake of the agency. The price is a gap in
      // the numbering if the transaction below fails, which validation above makes rare.
      const year = Number(localDate(now, agency.timezone).slice(0, 4));
      const sequence = await repo.nextSequence(db, agency.id, year);
      const prefix = agency.requestNumberPrefix ? `${agency.requestNumberPrefix}-` : '';
      try {
        const row = await db.transaction(async (tx) => {
          const clientId = await clients.findOrCreate(tx, agency.id, input, now);
          const row = await repo.insertRequest(tx, {
            agencyId: agency.id,
            number: `${prefix}${year}-${String(sequence).padStart(5, '0')}`,
            kind: input.kind,
            channel: input.channel,
            status: 'registered',
            text: input.text,
            clientId,
            contactName: input.name,
            contactEmail: input.email,
            contactPhone: input.phone,
            notifyByEmail: input.notifyByEmail,
            trackingCode: trackingCode(),
            idempotencyKey: input.idempotencyKey,
            receivedAt: now,
            registeredAt: now,
            dueAt: termEnd(term, now, agency.timezone, productionCalendar),
            dueSource: term.source,
          });
          await repo.insertEvents(tx, [
            { agencyId: agency.id, requestId: row.id, at: now, status: 'received' },
            { agencyId: agency.id, requestId: row.id, at: now, status: 'registered' },
          ]);
          // The portal accepts a request only with this consent: it belongs to the client's history.
          await clients.recordConsent(tx, agency.id, clientId, {
            purpose: 'personal_data',
            action: 'given',
            channel: input.channel,
            requestId: row.id,
            at: now,
          });
          return row;
        });
        await notifier.registered(agency, row);
        return { row, created: true };
      } catch (error) {
        // The same key sent twice at once: the loser of the race returns the winner's request.
        if (input.idempotencyKey && isUniqueViolation(error)) {
          const existing = await repo.findByIdempotencyKey(db, agency.id, input.idempotencyKey);
          if (existing) return { row: existing, created: false };
        }
        throw error;
      }
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

    async register(actor: Actor, filter: repo.RegisterFilter & PageRequest) {
      const { page, limit, offset } = pageWindow(filter);
      const { total, rows } = await repo.listRegister(db, actor.agencyId, filter, limit, offset);
      return toPage(
        rows.map((row) => toSummary(row, new Date())),
        total,
        page,
        limit,
      );
    },

    /** The current view of the register as XLSX, at most EXPORT_LIMIT rows in the view's order. */
    async exportRegister(actor: Actor, filter: repo.RegisterFilter) {
      const { total, rows } = await repo.listRegister(db, actor.agencyId, filter, EXPORT_LIMIT, 0);
      if (total > EXPORT_LIMIT) {
        throw new Invalid(
          'query',
          `В выгрузке не больше ${EXPORT_LIMIT} обращений, а под условия подходит ${total}: сузьте отбор`,
          'export_too_large',
        );
      }
      const agency = await agencies.byId(actor.agencyId);
      return registerWorkbook(rows, policies, agency.timezone);
    },

    async detail(actor: Actor, id: string) {
      const row = await repo.findById(db, actor.agencyId, id);
      if (!row) throw new NotFound('request_not_found', 'Обращение не найдено');
      const events = await repo.listEvents(db, actor.agencyId, row.id, { publicOnly: false });
      return toStaffDetail(row, events, new Date(), policies[row.kind]);
    },
  };
}

export type RequestService = ReturnType<typeof createRequestService>;
