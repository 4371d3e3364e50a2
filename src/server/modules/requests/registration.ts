import { randomInt, randomUUID } from 'node:crypto';
import type { ExternalCategory, ExternalSource, RequestChannel } from '../../../common/requests.js';
import type { Db, Executor } from '../../db/client.js';
import type { Upload } from '../../http/uploads.js';
import { localDate } from '../../lib/calendar.js';
import { Invalid } from '../../lib/errors.js';
import type { CalendarService } from '../agencies/calendar.service.js';
import type { FileQuota } from '../agencies/file-quota.js';
import type { ClientService, ContactInput } from '../clients/service.js';
import { answerTerm, type RequestKind, registeredLate, termEnd } from './deadlines.js';
import type { RequestNotifier } from './notifier.js';
import type { DeadlinePolicyService } from './policies.service.js';
import { createRegistrationStatement } from './registration-statement.js';
import * as repo from './repo.js';
import type { ReplyRoute } from './schema.js';

export interface IntakeInput {
  kind: RequestKind;
  channel: RequestChannel;
  text: string;
  name: string;
  email: string | null;
  phone: string | null;
  notifyByEmail: boolean;
  /** The channel's own message id or the portal's Idempotency-Key: a redelivery makes no second request. */
  idempotencyKey: string | null;
  /** The network message's own key when `idempotencyKey` is its blind index (channel-keys.ts); stored sealed. */
  channelMessageKey?: string | null;
  /** When the message reached the agency, if before its registration (post, ПОС, reception). */
  receivedAt?: Date;
  /** Fast-track (ПОС, seed 003 p. 10.1) or an urgent appeal: the policy's shortened term. */
  urgent?: boolean;
  /** Already in the attachment store; their rows are written in the intake transaction. */
  files?: Upload[];
  /** The sender's messenger id (Telegram, VK, OK): matches the client like an e-mail does. */
  messenger?: ContactInput['messenger'];
  /** Where answers go back on the request's own network; none for the portal and paper. */
  replyRoute?: ReplyRoute;
  /** The sending channel's own categorisation and document details (ПОС, МЭДО, the reception). */
  externalCategory?: ExternalCategory | null;
  externalSource?: ExternalSource | null;
  /** Internal notes for staff written with the registration (e.g. files a channel could not keep). */
  notes?: string[];
}

/** A request registered by staff from a channel without its own intake (post, ПОС, МЭДО, reception…). */
export interface StaffIntakeInput
  extends Omit<IntakeInput, 'receivedAt' | 'idempotencyKey' | 'channelMessageKey'> {
  receivedAt: Date;
  externalId: string | null;
}

// No 0/O, 1/I/L: a code read out over the phone or copied from paper must survive.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const trackingCode = () =>
  Array.from({ length: 10 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');

export function attachmentRows(
  agencyId: string,
  requestId: string,
  kind: repo.AttachmentRow['kind'],
  uploadedBy: string | null,
  files: Upload[] = [],
) {
  return files.map((file) => ({
    agencyId,
    requestId,
    kind,
    originalName: file.name,
    storageKey: file.key,
    mimeType: file.mimeType,
    size: file.size,
    sha256: file.sha256,
    uploadedBy,
  }));
}

function isUniqueViolation(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string } }).cause ?? error;
  return (cause as { code?: string }).code === '23505';
}

/** What a caller adds to a registration. */
export interface Extras {
  /** The caller's own writes (the audit of a staff registration), committed together. */
  withinTransaction?: (tx: Executor, row: repo.RequestRow) => Promise<void>;
}

export type Registration = IntakeInput & {
  registeredBy?: string;
  /** The portal's consent to personal-data processing (152-ФЗ ст. 9), kept in the client's history. */
  consentGiven?: boolean;
  origin?: { requestId: string; note: string };
};

export type Agency = {
  id: string;
  slug: string;
  shortName: string;
  timezone: string;
  requestNumberPrefix: string;
};

/**
 * Registration of a request from any channel: the number, the client, the legal deadline, the
 * events and files, then the acknowledgement. The request service and its channels call it.
 */
export function createRegistration(deps: {
  db: Db;
  policies: DeadlinePolicyService;
  calendar: CalendarService;
  clients: ClientService;
  notifier: RequestNotifier;
  fileQuota: FileQuota;
}) {
  const { db, policies, calendar, clients, notifier, fileQuota } = deps;
  const statement = createRegistrationStatement(db);

  /** The number's year and prefix, the legal deadline from registration (59-ФЗ ст. 12 ч. 1) and a late-registration note. */
  async function registrationTerms(agency: Agency, input: Registration) {
    const [agencyPolicies, productionCalendar] = await Promise.all([
      policies.forAgency(agency.id),
      calendar.forAgency(agency.id),
    ]);
    const policy = agencyPolicies[input.kind];
    const term = answerTerm(policy, input.urgent ?? false);
    const now = new Date();
    const receivedAt = input.receivedAt ?? now;
    const year = Number(localDate(now, agency.timezone).slice(0, 4));
    const prefix = agency.requestNumberPrefix ? `${agency.requestNumberPrefix}-` : '';
    return {
      now,
      receivedAt,
      year,
      /** The number up to its sequence, which the registration's statement takes. */
      numberHead: `${prefix}${year}-`,
      dueAt: termEnd(term, now, agency.timezone, productionCalendar),
      dueSource: term.source,
      late: registeredLate(policy, receivedAt, now, agency.timezone, productionCalendar),
    };
  }

  /**
   * The number, the client, the request, its events, files, acknowledgement and consent in one
   * statement (registration-statement.ts; issue 4, intake benchmark). The id is made here so the rows can
   * go in with it; the sequence and the client's id are taken inside the statement. The counter
   * row is locked first and stays locked until commit, which without files or the caller's own
   * writes comes with the statement itself.
   */
  async function write(
    executor: Executor,
    agency: Agency,
    input: Registration,
    terms: Awaited<ReturnType<typeof registrationTerms>>,
    extras: Extras,
  ) {
    const { now, receivedAt, late, year, numberHead, ...term } = terms;
    const files = input.files ?? [];
    const request = {
      ...term,
      id: randomUUID(),
      agencyId: agency.id,
      kind: input.kind,
      channel: input.channel,
      text: input.text,
      contactName: input.name,
      contactEmail: input.email,
      contactPhone: input.phone,
      notifyByEmail: input.notifyByEmail,
      urgent: input.urgent ?? false,
      trackingCode: trackingCode(),
      idempotencyKey: input.idempotencyKey,
      channelMessageKey: input.channelMessageKey ?? null,
      replyRoute: input.replyRoute ?? null,
      attachmentNames: files.map((file) => file.name).join('\n') || null,
      receivedAt,
      registeredAt: now,
      redirectedFromId: input.origin?.requestId ?? null,
      externalCategory: input.externalCategory ?? null,
      externalSource: input.externalSource ?? null,
    };
    // The acknowledgement quotes the number before the statement takes its sequence: it is
    // written with an unguessable stand-in, which the statement replaces. No text a client sent
    // can contain it.
    const standIn = `N${randomUUID().replaceAll('-', '')}`;
    const row = await statement(executor, {
      request,
      numberHead,
      year,
      registeredBy: input.registeredBy ?? null,
      contacts: clients.storedContactsOf(input),
      notes: [...(input.origin ? [input.origin.note] : []), ...(late ? [late] : []), ...(input.notes ?? [])],
      files,
      messages: notifier.registered(agency, {
        ...request,
        clientId: null,
        number: `${numberHead}${standIn}`,
      }),
      standIn,
      consent: input.consentGiven ?? false,
    });
    if (files.length) {
      await fileQuota.enforce(
        executor,
        agency.id,
        'body.files',
        input.channel === 'portal' ? 'public' : 'staff',
      );
    }
    await extras.withinTransaction?.(executor, row);
    return row;
  }

  /**
   * Registers a request. The agency's policies and calendar come from the services' per-node
   * caches (LOOKUP_TTL_MS); `extras` lets a caller add its own rows so they commit together.
   * Without files to count or writes of the caller's own, the registration is one statement and
   * needs no transaction of its own: a statement is atomic.
   */
  async function registerIn(agency: Agency, input: Registration, extras: Extras = {}) {
    if (input.notifyByEmail && !input.email) {
      throw new Invalid('body.email', 'Укажите электронную почту, чтобы получать уведомления');
    }
    if (input.idempotencyKey) {
      const existing = await repo.findByIdempotencyKey(db, agency.id, input.idempotencyKey);
      if (existing) return { row: existing, created: false };
    }
    const terms = await registrationTerms(agency, input);
    const oneStatement = !input.files?.length && !extras.withinTransaction;
    try {
      const row = oneStatement
        ? await write(db, agency, input, terms, extras)
        : await db.transaction((tx) => write(tx, agency, input, terms, extras));
      notifier.afterCommit();
      return { row, created: true };
    } catch (error) {
      // The same key sent twice at once: the loser of the race returns the winner's request.
      if (input.idempotencyKey && isUniqueViolation(error)) {
        const existing = await repo.findByIdempotencyKey(db, agency.id, input.idempotencyKey);
        if (existing) return { row: existing, created: false };
      }
      throw error;
    }
  }

  return registerIn;
}
