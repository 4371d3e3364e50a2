import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { agencies, departments } from '../agencies/schema.js';

/**
 * An agency's own list of request topics (seed 003 p. 9.1: written requests are classified
 * «по теме обращения»). A topic is archived rather than deleted: classified requests keep it.
 */
export const topics = pgTable(
  'topics',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    // Where requests on this topic usually go; the classify action uses it when no department is given.
    defaultDepartmentId: uuid('default_department_id').references(() => departments.id, {
      onDelete: 'set null',
    }),
    archived: boolean('archived').notNull().default(false),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('topics_agency_name').on(t.agencyId, sql`lower(${t.name})`),
    index('topics_agency_order').on(t.agencyId, t.sortOrder),
  ],
);

/** The typical needs behind requests on a topic (seed 003 p. 9.1: «по типовым потребностям клиентов»). */
export const typicalNeeds = pgTable(
  'typical_needs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    topicId: uuid('topic_id')
      .notNull()
      .references(() => topics.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    archived: boolean('archived').notNull().default(false),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('typical_needs_topic_name').on(t.topicId, sql`lower(${t.name})`),
    index('typical_needs_agency_topic').on(t.agencyId, t.topicId),
  ],
);
