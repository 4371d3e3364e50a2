import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { RequestType } from '../../../common/classification.js';
import type { ExternalCategory, ExternalSource } from '../../../common/requests.js';
import { sealedText } from '../../lib/field-crypto.js';
import { sealedRouteJson } from '../../lib/sealed-json.js';
import { agencies, departments } from '../agencies/schema.js';
import { users } from '../auth/schema.js';
import { topics, typicalNeeds } from '../classification/schema.js';
import { clients } from '../clients/schema.js';
import type { OverridableTerm, RequestKind } from './deadlines.js';

/**
 * Where the answers to a request go back on the network it came from (seed 004 p. 3): the chat,
 * the comment thread or the e-mail thread, through the agency's account there.
 */
export interface ReplyRoute {
  network: 'email' | 'telegram' | 'vk' | 'ok';
  accountId: string | null;
  recipient: string;
  thread?: Record<string, string>;
}

import type { RequestStatus } from './lifecycle.js';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const requests = pgTable(
  'requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    number: text('number').notNull(),
    kind: text('kind').$type<RequestKind>().notNull(),
    channel: text('channel').notNull(),
    status: text('status').$type<RequestStatus>().notNull(),
    text: text('text').notNull(),
    clientId: uuid('client_id').references(() => clients.id, { onDelete: 'restrict' }),
    // The contacts as the client gave them in this request (the client record may change later).
    contactName: text('contact_name').notNull(),
    contactEmail: sealedText('contact_email'),
    contactPhone: sealedText('contact_phone'),
    notifyByEmail: boolean('notify_by_email').notNull().default(false),
    urgent: boolean('urgent').notNull().default(false),
    trackingCode: text('tracking_code').notNull(),
    /**
     * What makes a repeat return the first request: a portal's Idempotency-Key, a ПОС id, or, for a
     * message from a network whose ids name a person's chat, the blind index of the key
     * `channelMessageKey` holds sealed (requests/channel-keys.ts).
     */
    idempotencyKey: text('idempotency_key'),
    channelMessageKey: sealedText('channel_message_key'),
    // The recipient (an address or a chat id) is sealed inside the JSON (lib/sealed-json.ts).
    replyRoute: sealedRouteJson<ReplyRoute>('reply_route'),
    departmentId: uuid('department_id').references(() => departments.id, { onDelete: 'set null' }),
    assigneeId: uuid('assignee_id').references(() => users.id, { onDelete: 'set null' }),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    registeredAt: timestamp('registered_at', { withTimezone: true }),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    dueSource: text('due_source').notNull(),
    extendedAt: timestamp('extended_at', { withTimezone: true }),
    // The outcome: an answer (with its form) or a legal ground for refusal / no answer, or where it went.
    answerText: text('answer_text'),
    answerForm: text('answer_form').$type<'oral' | 'written' | 'electronic'>(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    groundCode: text('ground_code'),
    redirectAddressee: text('redirect_addressee'),
    // A redirect within Otklik links both requests (each in its own agency).
    redirectedToId: uuid('redirected_to_id'),
    redirectedFromId: uuid('redirected_from_id'),
    // Classification by an operator (seed 003 p. 9.1, seed 004 p. 8); the confirmed rows train the
    // agency's topic suggestions, so `classifiedAt` marks a request as confirmed.
    topicId: uuid('topic_id').references(() => topics.id, { onDelete: 'set null' }),
    typicalNeedId: uuid('typical_need_id').references(() => typicalNeeds.id, { onDelete: 'set null' }),
    requestType: text('request_type').$type<RequestType>(),
    classifiedAt: timestamp('classified_at', { withTimezone: true }),
    classifiedBy: uuid('classified_by').references(() => users.id, { onDelete: 'set null' }),
    // The sending channel's own categorisation (ПОС category and subcategory, seed 003 p. 10.1)
    // and document details (МЭДО sender, number, date), kept as they came.
    externalCategory: jsonb('external_category').$type<ExternalCategory>(),
    externalSource: jsonb('external_source').$type<ExternalSource>(),
    // Russian full-text search over what staff look for: the client's name and the text.
    search: tsvector('search').generatedAlwaysAs(
      sql`to_tsvector('russian', coalesce(contact_name, '') || ' ' || coalesce(text, ''))`,
    ),
    // The names of the client's files, one a line, so the register finds «скан договора.pdf».
    attachmentNames: text('attachment_names'),
    // Searched beside `search`; dots, dashes and underscores split words, else «договора.pdf» is one token.
    attachmentSearch: tsvector('attachment_search').generatedAlwaysAs(
      sql`to_tsvector('russian', regexp_replace(coalesce(attachment_names, ''), '[._-]+', ' ', 'g'))`,
    ),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('requests_agency_number').on(t.agencyId, t.number),
    uniqueIndex('requests_agency_idempotency').on(t.agencyId, t.idempotencyKey),
    index('requests_agency_status_due').on(t.agencyId, t.status, t.dueAt),
    index('requests_agency_received').on(t.agencyId, t.receivedAt),
    // The startup JSON backfill looks only at requests created since its mark.
    index('requests_created').on(t.createdAt),
    index('requests_agency_due').on(t.agencyId, t.dueAt),
    // «Contains» search on the number («00042» finds «ИНСП-2026-00042») without a table scan.
    index('requests_number_trgm').using('gin', t.number.op('gin_trgm_ops')),
    index('requests_agency_assignee').on(t.agencyId, t.assigneeId),
    index('requests_agency_topic').on(t.agencyId, t.topicId),
    index('requests_search').using('gin', t.search),
    index('requests_attachment_search').using('gin', t.attachmentSearch),
  ],
);

/** Everything that happened to a request, in order; `note` of public events is shown to the client. */
export const requestEvents = pgTable(
  'request_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    requestId: uuid('request_id')
      .notNull()
      .references(() => requests.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    status: text('status').$type<RequestStatus>().notNull(),
    note: text('note'),
    isPublic: boolean('is_public').notNull().default(true),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [index('request_events_request').on(t.requestId, t.at)],
);

/** Registration numbers run per agency and year without gaps from concurrent submissions. */
export const requestCounters = pgTable(
  'request_counters',
  {
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.year] })],
);

/**
 * Reminders and escalations already sent: one per request, reminder and term, so a sweep run by
 * several nodes, or run again, never repeats one; an extended term gets its own reminders.
 */
export const requestReminders = pgTable(
  'request_reminders',
  {
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    requestId: uuid('request_id')
      .notNull()
      .references(() => requests.id, { onDelete: 'cascade' }),
    // 'lead:3' — three working days before the term; 'overdue' — the escalation to the head.
    reminder: text('reminder').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.reminder, t.dueAt] })],
);

/** A staff member's own named views of the register, kept as the console's URL query. */
export const registerViews = pgTable(
  'register_views',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    query: text('query').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('register_views_user_name').on(t.agencyId, t.userId, sql`lower(${t.name})`)],
);

/** An agency's own term for a kind of request, in place of the preset one (issue 4 p. 1). */
export const deadlineOverrides = pgTable(
  'deadline_overrides',
  {
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<RequestKind>().notNull(),
    term: text('term').$type<OverridableTerm>().notNull(),
    days: integer('days').notNull(),
    dayType: text('day_type').$type<'calendar' | 'working'>().notNull(),
    // The act that sets the agency's term, shown next to every deadline computed from it.
    source: text('source').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.kind, t.term] })],
);

/** Files a client sent with a request ('incoming') or staff attached to the answer ('answer'). */
export const requestAttachments = pgTable(
  'request_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    requestId: uuid('request_id')
      .notNull()
      .references(() => requests.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<'incoming' | 'answer'>().notNull(),
    originalName: text('original_name').notNull(),
    // The key in the attachment store: a random UUID, never derived from the name.
    storageKey: text('storage_key').notNull(),
    // Detected from the content (magic bytes), not taken from the name or the client's header.
    mimeType: text('mime_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    // Null when the client uploaded it.
    uploadedBy: uuid('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('request_attachments_request').on(t.agencyId, t.requestId)],
);
