import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { Answers, SurveyChannel, SurveyDefinition } from '../../../common/surveys.js';
import { agencies } from '../agencies/schema.js';
import { users } from '../auth/schema.js';
import { clients } from '../clients/schema.js';

export const surveys = pgTable(
  'surveys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    slug: text('slug').notNull(),
    /** The preset the survey came from: loading presets again finds it and adds nothing. */
    presetKey: text('preset_key'),
    published: boolean('published').notNull().default(false),
    /** Seed 002 p. 3.3: no contact, IP, cookie or browser data kept with the answers. */
    anonymous: boolean('anonymous').notNull().default(true),
    /** One answer per person: only holders of a one-time token may answer. */
    requireToken: boolean('require_token').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('surveys_agency_slug_uq').on(t.agencyId, t.slug),
    uniqueIndex('surveys_agency_preset_uq').on(t.agencyId, t.presetKey),
  ],
);

/** What respondents were shown. A version is never edited: an edit is the next version. */
export const surveyVersions = pgTable(
  'survey_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => surveys.id),
    number: integer('number').notNull(),
    definition: jsonb('definition').$type<SurveyDefinition>().notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('survey_versions_number_uq').on(t.surveyId, t.number)],
);

/**
 * One questionnaire. Deliberately no column for who answered — no IP, user agent, cookie,
 * contact or token — so an anonymous answer cannot be traced back (seed 002 p. 3.3).
 */
export const surveyResponses = pgTable(
  'survey_responses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => surveys.id),
    versionId: uuid('version_id')
      .notNull()
      .references(() => surveyVersions.id),
    channel: text('channel').$type<SurveyChannel>().notNull(),
    answers: jsonb('answers').$type<Answers>().notNull(),
    /** The operator who typed in a phone or paper answer; null for the respondent's own. */
    enteredBy: uuid('entered_by').references(() => users.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    /** Gave the top satisfaction answer of the form answered (answer-values.ts isSatisfied). */
    satisfied: boolean('satisfied').notNull().default(false),
  },
  (t) => [
    index('survey_responses_survey_idx').on(t.agencyId, t.surveyId, t.submittedAt),
    index('survey_responses_version_idx').on(t.versionId),
  ],
);

/** One-time tokens: only the SHA-256 of a token is kept, and nothing links it to the answer it allowed. */
export const surveyTokens = pgTable(
  'survey_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => surveys.id),
    tokenHash: text('token_hash').notNull(),
    /** An e-mail or SMS poll's token: the answer it allows is recorded under that channel. */
    channel: text('channel').$type<SurveyChannel>(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('survey_tokens_hash_uq').on(t.tokenHash),
    index('survey_tokens_unused_idx').on(t.surveyId).where(sql`used_at is null`),
  ],
);

/**
 * The answers of `survey_responses` one value a row, written with each response, so analytics
 * over a million answers are plain indexed GROUP BYs instead of JSON walks. `row` is '' for
 * questions without rows; a multiple choice gives a row per chosen option. Channel and time are
 * copied from the response so breakdowns need no join.
 */
export const surveyAnswerValues = pgTable(
  'survey_answer_values',
  {
    responseId: uuid('response_id')
      .notNull()
      .references(() => surveyResponses.id, { onDelete: 'cascade' }),
    agencyId: uuid('agency_id').notNull(),
    surveyId: uuid('survey_id').notNull(),
    channel: text('channel').$type<SurveyChannel>().notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    question: text('question').notNull(),
    row: text('row').notNull().default(''),
    value: text('value').notNull(),
    /** Copied from the response, so breakdowns count the satisfied without a self-join. */
    satisfied: boolean('satisfied').notNull().default(false),
  },
  (t) => [
    index('survey_answer_values_question_idx').on(t.agencyId, t.surveyId, t.question, t.submittedAt),
    index('survey_answer_values_response_idx').on(t.responseId, t.question),
  ],
);

export const POLL_CHANNELS = ['email', 'sms'] as const;
export type PollChannel = (typeof POLL_CHANNELS)[number];

/** An e-mail or SMS poll (issue 8 p. 3): one invitation per consenting client, sent through the outbox. */
export const surveyPolls = pgTable(
  'survey_polls',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => surveys.id),
    channel: text('channel').$type<PollChannel>().notNull(),
    audience: integer('audience').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('survey_polls_survey_idx').on(t.agencyId, t.surveyId, t.createdAt)],
);

/**
 * Who a poll was sent to, for progress and for «once per client». Deliberately no token here:
 * nothing joins an invitation to the answer it made possible.
 */
export const surveyPollRecipients = pgTable(
  'survey_poll_recipients',
  {
    pollId: uuid('poll_id')
      .notNull()
      .references(() => surveyPolls.id, { onDelete: 'cascade' }),
    agencyId: uuid('agency_id').notNull(),
    // A client erased by retention or merged away takes their poll rows along.
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    outboundId: uuid('outbound_id').notNull(),
  },
  (t) => [uniqueIndex('survey_poll_recipients_uq').on(t.pollId, t.clientId)],
);
