import { sql } from 'drizzle-orm';
import {
  boolean,
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
import { sealedText } from '../../lib/field-crypto.js';
import { sealedThreadJson } from '../../lib/sealed-json.js';
import { agencies } from '../agencies/schema.js';
import { clients } from '../clients/schema.js';
import { requests } from '../requests/schema.js';

export const NETWORKS = ['email', 'telegram', 'vk', 'ok'] as const;
export type Network = (typeof NETWORKS)[number];
/** What the outbox sends on: every network, plus SMS, which only sends (notices) and has no account. */
export const OUTBOUND_NETWORKS = [...NETWORKS, 'sms'] as const;
export type OutboundNetwork = (typeof OUTBOUND_NETWORKS)[number];

/**
 * An agency's account on a network (its bot, community, group, mailbox). Settings are plain;
 * credentials are sealed with the key from SECRETS_KEY and never leave the server.
 */
export const channelAccounts = pgTable(
  'channel_accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    network: text('network').$type<Network>().notNull(),
    title: text('title').notNull(),
    settings: jsonb('settings').$type<Record<string, string>>().notNull().default({}),
    sealedSecrets: text('sealed_secrets'),
    enabled: boolean('enabled').notNull().default(true),
    lastCheckedAt: timestamp('last_checked_at', { withTimezone: true }),
    lastOkAt: timestamp('last_ok_at', { withTimezone: true }),
    lastError: text('last_error'),
    /** Where a polling adapter resumes (VK Long Poll `ts`): advanced only after what it read is committed. */
    pollCursor: text('poll_cursor'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('channel_accounts_agency').on(t.agencyId, t.network)],
);

export const OUTBOUND_STATUSES = ['pending', 'sending', 'sent', 'failed', 'uncertain'] as const;
export type OutboundStatus = (typeof OUTBOUND_STATUSES)[number];

export interface OutboundAttachment {
  filename: string;
  contentType: string;
  /** A key in the agency's attachment store: the file is read when the message is sent. */
  storageKey: string;
}

/** Where on the network the message goes besides the recipient: the thread or post it answers (its ids sealed). */
export type OutboundThread = Record<string, string>;

/**
 * The outbox: every message Otklik sends (e-mail, bot replies, wall answers) is a row written in
 * the transaction of the change it reports, then delivered by the dispatcher with retries.
 */
export const outboundMessages = pgTable(
  'outbound_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id').references(() => agencies.id, { onDelete: 'cascade' }),
    network: text('network').$type<OutboundNetwork>().notNull(),
    accountId: uuid('account_id').references(() => channelAccounts.id, { onDelete: 'set null' }),
    /** The citizen's address, phone or messenger id: sealed; `recipientIndex` is its blind index. */
    recipient: sealedText('recipient').notNull(),
    recipientIndex: text('recipient_index').notNull(),
    thread: sealedThreadJson<OutboundThread>('thread'),
    /** The blind index of the chat and the message `thread.replyTo` answers (reply-index.ts): sealed ids, matched without opening them. */
    replyToIndex: text('reply_to_index'),
    subject: text('subject'),
    body: text('body').notNull(),
    attachments: jsonb('attachments').$type<OutboundAttachment[]>().notNull().default([]),
    // Cascade: the retention purge of a request or client takes its messages with it.
    requestId: uuid('request_id').references(() => requests.id, { onDelete: 'cascade' }),
    clientId: uuid('client_id').references(() => clients.id, { onDelete: 'cascade' }),
    status: text('status').$type<OutboundStatus>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    /** Sealed: a network's diagnosis quotes whatever it was given (an address, a number, a chat id). */
    lastError: sealedText('last_error'),
    /** The network's id of what was sent (e-mail Message-ID, Telegram message_id…): replies are matched by it. */
    externalId: text('external_id'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('outbound_due').on(t.nextAttemptAt).where(sql`${t.status} in ('pending', 'sending')`),
    index('outbound_agency').on(t.agencyId, t.createdAt),
    // The startup backfill of sealed threads resumes from its mark by creation time.
    index('outbound_created').on(t.createdAt),
    index('outbound_request').on(t.requestId),
    index('outbound_external').on(t.network, t.externalId),
    index('outbound_reply_to').on(t.replyToIndex).where(sql`${t.replyToIndex} is not null`),
  ],
);

export const SOCIAL_ITEM_STATUSES = ['new', 'answered', 'invited', 'converted', 'dismissed'] as const;
export type SocialItemStatus = (typeof SOCIAL_ITEM_STATUSES)[number];

/**
 * The social inbox (seed 001 p. 6.2, seed 000 p. 3.1–3.2): comments and messages from every
 * network in one queue, each in its network's thread (a post's comments, a chat).
 */
export const socialItems = pgTable(
  'social_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    accountId: uuid('account_id').references(() => channelAccounts.id, { onDelete: 'set null' }),
    network: text('network').$type<Network>().notNull(),
    kind: text('kind').$type<'comment' | 'message'>().notNull(),
    /**
     * The network's own id of the comment or message, sealed: a private message's reads
     * "<chat>:<message>", and the chat's id is its person's. A redelivery is recognised by its blind index.
     */
    externalId: sealedText('external_id').notNull(),
    externalIndex: text('external_index').notNull(),
    /**
     * The post or chat the item belongs to, and the comment it answers, as the network names them.
     * The thread and the author are sealed (a private chat's id is its person's); their blind
     * indexes group an author's items and a thread's.
     */
    threadId: sealedText('thread_id').notNull(),
    threadIndex: text('thread_index').notNull(),
    parentId: text('parent_id'),
    threadTitle: text('thread_title'),
    authorId: sealedText('author_id').notNull(),
    authorIndex: text('author_index').notNull(),
    authorName: text('author_name').notNull(),
    text: text('text').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    status: text('status').$type<SocialItemStatus>().notNull().default('new'),
    requestId: uuid('request_id').references(() => requests.id, { onDelete: 'set null' }),
    handledBy: uuid('handled_by'),
    /** Why staff dismissed it (spam, off-topic): kept for the head who reviews the queue. */
    dismissReason: text('dismiss_reason'),
    /** The answer or invitation sent from the queue: its delivery status shows next to the item. */
    replyId: uuid('reply_id').references(() => outboundMessages.id, { onDelete: 'set null' }),
    handledAt: timestamp('handled_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('social_items_external').on(t.agencyId, t.network, t.externalIndex),
    index('social_items_queue').on(t.agencyId, t.status, t.receivedAt),
    index('social_items_thread').on(t.agencyId, t.network, t.threadIndex),
    // Retention keeps an author's items while any of them is recent.
    index('social_items_author').on(t.agencyId, t.network, t.authorIndex),
  ],
);

export const INBOUND_EMAIL_KINDS = ['reply', 'bounce'] as const;

/**
 * Inbound e-mails that did not become a request of their own (a client's reply, a delivery
 * failure report), by Message-ID: written with their effect, so a redelivery changes nothing.
 */
export const inboundEmails = pgTable(
  'inbound_emails',
  {
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    messageId: text('message_id').notNull(),
    kind: text('kind').$type<(typeof INBOUND_EMAIL_KINDS)[number]>().notNull(),
    requestId: uuid('request_id').references(() => requests.id, { onDelete: 'cascade' }),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.messageId] })],
);
