import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { CallOutcome, CallQuality, CallSource } from '../../../common/calls.js';
import { sealedText } from '../../lib/field-crypto.js';
import { agencies } from '../agencies/schema.js';
import { users } from '../auth/schema.js';
import { clients } from '../clients/schema.js';

/**
 * A consult-line call (PBX, logged by hand, or a ЕКЦ 110 consultation). `withinHours` is fixed at
 * intake, so a later change of the hours or the calendar does not rewrite past statistics.
 */
export const calls = pgTable(
  'calls',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    source: text('source').$type<CallSource>().notNull(),
    externalId: text('external_id'),
    callerPhone: sealedText('caller_phone').notNull(),
    clientId: uuid('client_id').references(() => clients.id, { onDelete: 'set null' }),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    answered: boolean('answered').notNull(),
    durationSec: integer('duration_sec').notNull().default(0),
    withinHours: boolean('within_hours').notNull(),
    operatorId: uuid('operator_id').references(() => users.id, { onDelete: 'set null' }),
    topicId: uuid('topic_id'),
    question: text('question'),
    answer: text('answer'),
    outcome: text('outcome').$type<CallOutcome>(),
    requestId: uuid('request_id'),
    redirectNote: text('redirect_note'),
    surveyAnswerReceived: boolean('survey_answer_received'),
    surveyQuality: text('survey_quality').$type<CallQuality>(),
    callbackDueAt: timestamp('callback_due_at', { withTimezone: true }),
    callbackDoneAt: timestamp('callback_done_at', { withTimezone: true }),
    callbackDoneBy: uuid('callback_done_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // A PBX redelivers on timeouts: the same call id of the same source is one call.
    uniqueIndex('calls_agency_source_external').on(t.agencyId, t.source, t.externalId),
    index('calls_agency_started').on(t.agencyId, t.startedAt),
    index('calls_agency_client').on(t.agencyId, t.clientId),
  ],
);

/** The PBX webhook's shared secret of an agency, sealed like the ПОС one (lib/secret-box.ts). */
export const pbxSettings = pgTable('pbx_settings', {
  agencyId: uuid('agency_id')
    .primaryKey()
    .references(() => agencies.id, { onDelete: 'cascade' }),
  sealedSecret: text('sealed_secret').notNull(),
  rotatedAt: timestamp('rotated_at', { withTimezone: true }).notNull().defaultNow(),
  rotatedBy: uuid('rotated_by').references(() => users.id, { onDelete: 'set null' }),
});
