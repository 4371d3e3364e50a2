import { randomInt, randomUUID } from 'node:crypto';
import type { SQLWrapper } from 'drizzle-orm';
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

/** What a caller adds to a registration: rows in the request's own statement, or its own writes. */
export interface Extras {
  /** INSERTs of rows that belong to the request (the consent), written with it in one statement. */
  linked?: (tx: Executor, request: { id: string; clientId: string; at: Date }) => SQLWrapper[];
  /** The caller's own writes (the audit of a staff registration), committed together. */
  withinTransaction?: (tx: Executor, row: repo.RequestRow) => Promise<void>;
}

export type Registration = IntakeInput & {
  registeredBy?: string;
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

  /** The number, the legal deadline from registration (59-ФЗ ст. 12 ч. 1) and a late-registration note. */
  async function numberAndTerm(agency: Agency, input: Registration) {
    const [agencyPolicies, productionCalendar] = await Promise.all([
      policies.forAgency(agency.id),
      calendar.forAgency(agency.id),
    ]);
    const policy = agencyPolicies[input.kind];
    const term = answerTerm(policy, input.urgent ?? false);
    const now = new Date();
    const receivedAt = input.receivedAt ?? now;
    // The number is taken in a statement of its own: inside the transaction the counter row would
    // stay locked until commit and serialise every intake of the agency. The price is a gap in
    // the numbering if the transaction below fails, which validation above makes rare.
    const year = Number(localDate(now, agency.timezone).slice(0, 4));
    const sequence = await repo.nextSequence(db, agency.id, year);
    const prefix = agency.requestNumberPrefix ? `${agency.requestNumberPrefix}-` : '';
    return {
      now,
      receivedAt,
      number: `${prefix}${year}-${String(sequence).padStart(5, '0')}`,
      dueAt: termEnd(term, now, agency.timezone, productionCalendar),
      dueSource: term.source,
      late: registeredLate(policy, receivedAt, now, agency.timezone, productionCalendar),
    };
  }

  /**
   * The client, then the request with its events, files and the caller's linked rows: two
   * statements (issue 4, intake benchmark). The id is made here so the rows can go in with it.
   */
  async function write(
    tx: Executor,
    agency: Agency,
    input: Registration,
    terms: Awaited<ReturnType<typeof numberAndTerm>>,
    extras: Extras,
  ) {
    const { now, receivedAt, late, ...numbered } = terms;
    const clientId = await clients.findOrCreate(tx, agency.id, input, now);
    const id = randomUUID();
    const event = { agencyId: agency.id, requestId: id };
    const internal = (note: string) => ({
      ...event,
      at: now,
      status: 'registered' as const,
      note,
      isPublic: false,
    });
    const files = attachmentRows(agency.id, id, 'incoming', null, input.files);
    const row = await repo.insertRequest(
      tx,
      {
        ...numbered,
        id,
        agencyId: agency.id,
        kind: input.kind,
        channel: input.channel,
        status: 'registered',
        text: input.text,
        clientId,
        contactName: input.name,
        contactEmail: input.email,
        contactPhone: input.phone,
        notifyByEmail: input.notifyByEmail,
        urgent: input.urgent ?? false,
        trackingCode: trackingCode(),
        idempotencyKey: input.idempotencyKey,
        channelMessageKey: input.channelMessageKey ?? null,
        replyRoute: input.replyRoute ?? null,
        attachmentNames: input.files?.map((file) => file.name).join('\n') || null,
        receivedAt,
        registeredAt: now,
        redirectedFromId: input.origin?.requestId ?? null,
        externalCategory: input.externalCategory ?? null,
        externalSource: input.externalSource ?? null,
      },
      [
        repo.eventsInsert(tx, [
          { ...event, at: receivedAt, status: 'received' },
          { ...event, at: now, status: 'registered', actorId: input.registeredBy ?? null },
          ...(input.origin ? [internal(input.origin.note)] : []),
          ...(late ? [internal(late)] : []),
          ...(input.notes ?? []).map(internal),
        ]),
        ...(files.length ? [repo.attachmentsInsert(tx, files)] : []),
        ...(extras.linked?.(tx, { id, clientId, at: now }) ?? []),
      ],
    );
    if (files.length) {
      await fileQuota.enforce(tx, agency.id, 'body.files', input.channel === 'portal' ? 'public' : 'staff');
    }
    await extras.withinTransaction?.(tx, row);
    await notifier.registered(agency, row, tx);
    return row;
  }

  /**
   * Registers a request. The agency's policies and calendar come from the services' per-node
   * caches (LOOKUP_TTL_MS); `extras` lets a caller add its own rows so they commit together.
   */
  async function registerIn(agency: Agency, input: Registration, extras: Extras = {}) {
    if (input.notifyByEmail && !input.email) {
      throw new Invalid('body.email', 'Укажите электронную почту, чтобы получать уведомления');
    }
    if (input.idempotencyKey) {
      const existing = await repo.findByIdempotencyKey(db, agency.id, input.idempotencyKey);
      if (existing) return { row: existing, created: false };
    }
    const terms = await numberAndTerm(agency, input);
    try {
      const row = await db.transaction((tx) => write(tx, agency, input, terms, extras));
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
