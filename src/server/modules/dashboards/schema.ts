import { pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { ReportFrequency } from '../../../common/dashboard.js';
import { agencies } from '../agencies/schema.js';
import { users } from '../auth/schema.js';

/** Who asked for «Мониторинг» by e-mail, and how often (issue 11 p. 4); one choice per agency. */
export const dashboardReportSubscriptions = pgTable(
  'dashboard_report_subscriptions',
  {
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    frequency: text('frequency').$type<ReportFrequency>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.userId] })],
);

/**
 * Reports already sent, one per person and period: a node claims a report by inserting its row,
 * so a run repeated by another node, or after a crash, never sends a period twice.
 */
export const dashboardReportDeliveries = pgTable(
  'dashboard_report_deliveries',
  {
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    // 'weekly:2026-11-16' — the frequency and the period's first day.
    period: text('period').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.userId, t.period] })],
);
