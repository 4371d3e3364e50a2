import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
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
import type { TouchpointKind, TouchpointMode, WorkingHours } from '../../../common/types.js';

export const agencies = pgTable('agencies', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  shortName: text('short_name').notNull(),
  timezone: text('timezone').notNull(),
  workingHours: jsonb('working_hours').$type<WorkingHours>().notNull(),
  // Put before the year and sequence of registration numbers: «ГИОКН-2026-00042».
  requestNumberPrefix: text('request_number_prefix').notNull().default(''),
  // Working days before a request's term when its executor is reminded (issue 4 p. 5), largest first.
  reminderLeadDays: integer('reminder_lead_days').array().notNull().default(sql`'{3,1}'`),
  // Seed 004 p. 4: the interaction history is kept five years after the last interaction.
  retentionYears: integer('retention_years').notNull().default(5),
  // ASVS 2.2.3 / 4.3.1: an administrator without TOTP may only enrol it until they do.
  requireTwoFactorForAdmins: boolean('require_two_factor_for_admins').notNull().default(false),
  // ASVS 12.1.3: the region administrator's quota for the agency's stored files; null takes
  // AGENCY_FILE_QUOTA_MB.
  fileQuotaMb: integer('file_quota_mb'),
  // Bytes of the agency's stored files, kept by triggers on the file tables in the transaction
  // that adds or deletes a file row (migration agency_file_quota), so purges free space too.
  fileBytes: bigint('file_bytes', { mode: 'number' }).notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const departments = pgTable(
  'departments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('departments_agency_name').on(t.agencyId, sql`lower(${t.name})`)],
);

export const touchpoints = pgTable(
  'touchpoints',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<TouchpointKind>().notNull(),
    mode: text('mode').$type<TouchpointMode>().notNull(),
    title: text('title').notNull(),
    value: text('value').notNull(),
    hours: jsonb('hours').$type<WorkingHours | null>(),
    note: text('note'),
    isPublic: boolean('is_public').notNull().default(true),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('touchpoints_agency').on(t.agencyId, t.sortOrder)],
);

// The national production calendar ships in presets/calendar; an agency's administrator
// overrides single days (a regional holiday, a correction before a decree is published).
export const calendarOverrides = pgTable(
  'calendar_overrides',
  {
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    date: date('date', { mode: 'string' }).notNull(),
    kind: text('kind').$type<'working' | 'nonWorking' | 'short'>().notNull(),
    note: text('note'),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.date] })],
);
