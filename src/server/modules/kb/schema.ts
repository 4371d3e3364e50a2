import { boolean, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { agencies, departments } from '../agencies/schema.js';

export const ANSWER_VARIANTS = ['letter', 'short'] as const;
export type AnswerVariant = (typeof ANSWER_VARIANTS)[number];

/**
 * Answer templates of the knowledge base (seed 001: per-unit answer templates; seed 003: the
 * knowledge base). `body` holds placeholders like {{клиент}} filled from a real request.
 */
export const answerTemplates = pgTable(
  'answer_templates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    body: text('body').notNull(),
    // 'letter' for a written or e-mail answer, 'short' for a social-network or chat reply.
    variant: text('variant').$type<AnswerVariant>().notNull().default('letter'),
    departmentId: uuid('department_id').references(() => departments.id, { onDelete: 'set null' }),
    active: boolean('active').notNull().default(true),
    // Seeded with the agency as a starting point, to be reviewed by its staff.
    starter: boolean('starter').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('answer_templates_agency').on(t.agencyId, t.active)],
);
