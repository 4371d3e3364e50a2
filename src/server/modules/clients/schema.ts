import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { agencies } from '../agencies/schema.js';

// A client as the agency knows them: people write from several channels, so contacts are kept
// here once and every request, call or visit points at the client.
export const clients = pgTable(
  'clients',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    email: text('email'),
    phone: text('phone'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastInteractionAt: timestamp('last_interaction_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('clients_agency_email').on(t.agencyId, sql`lower(${t.email})`),
    index('clients_agency_phone').on(t.agencyId, t.phone),
  ],
);
