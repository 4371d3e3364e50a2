import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type {
  CampaignStatus,
  ConsentEvent,
  ConsentMethod,
  MailFeedback,
  RecipientStatus,
  SubscriberStatus,
} from '../../../common/mailings.js';
import { sealedText } from '../../lib/field-crypto.js';
import { agencies } from '../agencies/schema.js';
import { users } from '../auth/schema.js';

/** What an agency mails about; archived instead of deleted, the ledger names them. */
export const mailingTopics = pgTable(
  'mailing_topics',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    position: integer('position').notNull().default(0),
    archived: boolean('archived').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('mailing_topics_agency_title_uq').on(t.agencyId, t.title)],
);

/**
 * One row per agency and address. The pending_* columns hold what a subscription form asked for
 * until the confirmation link is followed (double opt-in); only the link token's hash is kept.
 * The address is sealed; `emailIndex`, its blind index, is what every lookup matches on.
 */
export const mailingSubscribers = pgTable(
  'mailing_subscribers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    email: sealedText('email').notNull(),
    emailIndex: text('email_index').notNull(),
    status: text('status').$type<SubscriberStatus>().notNull().default('pending'),
    topicIds: uuid('topic_ids').array().notNull().default(sql`'{}'::uuid[]`),
    pendingTopicIds: uuid('pending_topic_ids').array().notNull().default(sql`'{}'::uuid[]`),
    pendingConsentText: text('pending_consent_text'),
    pendingSourcePage: text('pending_source_page'),
    confirmTokenHash: text('confirm_token_hash'),
    confirmExpiresAt: timestamp('confirm_expires_at', { withTimezone: true }),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    bouncedAt: timestamp('bounced_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('mailing_subscribers_agency_email_uq').on(t.agencyId, t.emailIndex),
    uniqueIndex('mailing_subscribers_confirm_token_uq').on(t.confirmTokenHash),
  ],
);

/**
 * The consent ledger (seed 004 p. 12, 14): append-only — the code only inserts, and a trigger
 * (migrations 0021, 0038) refuses UPDATE and DELETE, so a consent once recorded cannot be
 * rewritten; the one UPDATE it lets through is the startup backfill re-sealing the address.
 */
export const mailingConsentEvents = pgTable(
  'mailing_consent_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    subscriberId: uuid('subscriber_id')
      .notNull()
      .references(() => mailingSubscribers.id),
    // Sealed; nothing looks a consent up by address (a subscriber's events go by its id), so no blind index.
    email: sealedText('email').notNull(),
    event: text('event').$type<ConsentEvent>().notNull(),
    method: text('method').$type<ConsentMethod>().notNull(),
    sourcePage: text('source_page'),
    consentText: text('consent_text'),
    /** Topic titles as they were named then, so a later rename does not rewrite history. */
    topics: text('topics').array().notNull().default(sql`'{}'::text[]`),
    ip: text('ip'),
    actorId: uuid('actor_id').references(() => users.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('mailing_consent_events_agency_idx').on(t.agencyId, t.at),
    index('mailing_consent_events_subscriber_idx').on(t.subscriberId, t.at),
  ],
);

export const mailingCampaigns = pgTable(
  'mailing_campaigns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    subject: text('subject').notNull(),
    fromName: text('from_name'),
    html: text('html').notNull(),
    text: text('text').notNull(),
    topicIds: uuid('topic_ids').array().notNull(),
    status: text('status').$type<CampaignStatus>().notNull().default('draft'),
    scheduledAt: timestamp('scheduled_at', { withTimezone: true }),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('mailing_campaigns_agency_idx').on(t.agencyId, t.createdAt),
    index('mailing_campaigns_due_idx').on(t.status, t.scheduledAt),
  ],
);

/**
 * One row per campaign and subscriber, made when sending starts. A node claims a row, then hands
 * it to SMTP right before it sends it; when the lease runs out a row only claimed goes back to
 * the queue, and one handed over becomes `uncertain` and is never sent again.
 */
export const mailingRecipients = pgTable(
  'mailing_recipients',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => mailingCampaigns.id),
    subscriberId: uuid('subscriber_id')
      .notNull()
      .references(() => mailingSubscribers.id),
    /** The subscriber's sealed address, copied as it is stored. */
    email: sealedText('email').notNull(),
    status: text('status').$type<RecipientStatus>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /** Sealed: a relay's refusal quotes the address it was given. */
    lastError: sealedText('last_error'),
    /** A bounce (at send time or a later DSN) or a complaint (ARF) about this e-mail; first one wins. */
    feedback: text('feedback').$type<MailFeedback>(),
    feedbackAt: timestamp('feedback_at', { withTimezone: true }),
    /** Only when the agency opted in to tracking (issue 9 p. 6): first open and first click. */
    openedAt: timestamp('opened_at', { withTimezone: true }),
    clickedAt: timestamp('clicked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('mailing_recipients_campaign_subscriber_uq').on(t.campaignId, t.subscriberId),
    // The claim walks pending rows in the order they were made; the throttle counts the last minute.
    index('mailing_recipients_pending_idx').on(t.id).where(sql`status = 'pending'`),
    index('mailing_recipients_sent_at_idx').on(t.sentAt),
  ],
);

/**
 * Issue 9 p. 6: no tracking by default; an agency may opt in to counting opens (a pixel) and
 * clicks (links through our redirect) of its campaigns. No row means no tracking.
 */
export const mailingSettings = pgTable('mailing_settings', {
  agencyId: uuid('agency_id')
    .primaryKey()
    .references(() => agencies.id),
  trackOpens: boolean('track_opens').notNull().default(false),
  trackClicks: boolean('track_clicks').notNull().default(false),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
