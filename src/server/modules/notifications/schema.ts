import { bigserial, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { agencies } from '../agencies/schema.js';
import { users } from '../auth/schema.js';

/** What the console's bell shows a staff member: reminders, escalations; e-mailed as well. */
export const staffNotifications = pgTable(
  'staff_notifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind')
      .$type<
        | 'deadline_reminder'
        | 'deadline_overdue'
        | 'kb_review_reminder'
        | 'kb_review_overdue'
        | 'site_review_reminder'
        | 'site_review_overdue'
      >()
      .notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    // A console path, e.g. /requests/<id>.
    link: text('link'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [index('staff_notifications_user').on(t.agencyId, t.userId, t.createdAt)],
);
