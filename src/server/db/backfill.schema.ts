import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * How far the startup backfill of contacts inside JSON has checked a table, and under which
 * key: a later start under the same key looks only at rows from the mark on (json-backfill.ts).
 */
export const jsonBackfillMarks = pgTable('json_backfill_marks', {
  tableName: text('table_name').primaryKey(),
  keyId: text('key_id').notNull(),
  // The largest value of the table's mark column when a finished pass began, as text.
  checkedFrom: text('checked_from').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
