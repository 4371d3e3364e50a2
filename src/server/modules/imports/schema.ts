import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { agencies } from '../agencies/schema.js';
import { users } from '../auth/schema.js';

/**
 * The ПОС webhook's shared secret of an agency. HMAC needs the secret itself, so it is kept
 * sealed (AES-256-GCM with SECRETS_KEY, lib/secret-box.ts), never in the clear.
 */
export const posSettings = pgTable('pos_settings', {
  agencyId: uuid('agency_id')
    .primaryKey()
    .references(() => agencies.id, { onDelete: 'cascade' }),
  sealedSecret: text('sealed_secret').notNull(),
  rotatedAt: timestamp('rotated_at', { withTimezone: true }).notNull().defaultNow(),
  rotatedBy: uuid('rotated_by').references(() => users.id, { onDelete: 'set null' }),
});
