import { sql } from 'drizzle-orm';
import { check, date, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { FeedbackActionStatus } from '../../../common/feedback-actions.js';
import { agencies, departments } from '../agencies/schema.js';
import { users } from '../auth/schema.js';
import { requests } from '../requests/schema.js';
import { surveyResponses, surveys } from '../surveys/schema.js';

/**
 * A decision taken after analysing feedback (seed 000 p. 6.3): what was found, what was decided,
 * who answers for it and by when, and how it ended.
 */
export const feedbackActions = pgTable(
  'feedback_actions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    finding: text('finding').notNull(),
    decision: text('decision').notNull(),
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'set null' }),
    departmentId: uuid('department_id').references(() => departments.id, { onDelete: 'set null' }),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    status: text('status').$type<FeedbackActionStatus>().notNull().default('planned'),
    doneOn: date('done_on', { mode: 'string' }),
    result: text('result'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('feedback_actions_agency_due').on(t.agencyId, t.status, t.dueOn),
    check('feedback_actions_done_has_date', sql`(${t.status} = 'done') = (${t.doneOn} is not null)`),
  ],
);

/**
 * What prompted a decision: a request, one survey answer, or a survey question as a whole.
 * `surveyId` is kept for an answer too, so a survey's analytics finds every decision about it.
 * A link goes with its target: a request purged by retention leaves the decision standing.
 */
export const feedbackActionLinks = pgTable(
  'feedback_action_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    actionId: uuid('action_id')
      .notNull()
      .references(() => feedbackActions.id, { onDelete: 'cascade' }),
    requestId: uuid('request_id').references(() => requests.id, { onDelete: 'cascade' }),
    surveyId: uuid('survey_id').references(() => surveys.id, { onDelete: 'cascade' }),
    surveyResponseId: uuid('survey_response_id').references(() => surveyResponses.id, {
      onDelete: 'cascade',
    }),
    question: text('question'),
  },
  (t) => [
    index('feedback_action_links_action').on(t.actionId),
    index('feedback_action_links_request').on(t.agencyId, t.requestId),
    index('feedback_action_links_survey').on(t.agencyId, t.surveyId),
    check(
      'feedback_action_links_one_target',
      sql`(${t.requestId} is not null and ${t.surveyId} is null) or (${t.requestId} is null and ${t.surveyId} is not null and (${t.surveyResponseId} is null) <> (${t.question} is null))`,
    ),
  ],
);
