import { sql } from 'drizzle-orm';
import { bigserial, boolean, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { ClientKind, ContactKind } from '../../../common/clients.js';
import { sealedText } from '../../lib/field-crypto.js';
import { agencies } from '../agencies/schema.js';
import { users } from '../auth/schema.js';

export type { ClientKind, ContactKind };

// A client as the agency knows them: people write from several channels, so contacts are kept
// once per client and every request, call or visit points at the client.
export const clients = pgTable(
  'clients',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<ClientKind>().notNull().default('person'),
    name: text('name').notNull(),
    organisationName: text('organisation_name'),
    inn: text('inn'),
    postalAddress: sealedText('postal_address'),
    // A legal hold stops the retention job (ARCHITECTURE §3) for as long as it is set.
    legalHold: boolean('legal_hold').notNull().default(false),
    legalHoldReason: text('legal_hold_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastInteractionAt: timestamp('last_interaction_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('clients_agency_last_interaction').on(t.agencyId, t.lastInteractionAt),
    index('clients_agency_name').on(t.agencyId, sql`lower(${t.name})`),
  ],
);

/**
 * One way to reach a client. `value` is sealed; `valueIndex` is the blind index of the normalised
 * value (lib/field-crypto.ts), which matching, bounces and merge suggestions compare.
 */
export const clientContacts = pgTable(
  'client_contacts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<ContactKind>().notNull(),
    value: sealedText('value').notNull(),
    valueIndex: text('value_index').notNull(),
    verified: boolean('verified').notNull().default(false),
    // Where the contact came from: a channel («portal», «email», …) or «staff».
    source: text('source').notNull(),
    // The last delivery failure report for an e-mail address: staff see «адрес недоступен». The
    // receiving server's diagnosis usually quotes the address, so it is sealed like the value.
    bouncedAt: timestamp('bounced_at', { withTimezone: true }),
    bounceReason: sealedText('bounce_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('client_contacts_client_value').on(t.clientId, t.kind, t.valueIndex),
    index('client_contacts_agency_value').on(t.agencyId, t.kind, t.valueIndex),
  ],
);

/** Consent given or withdrawn (152-ФЗ ст. 9): kept as events, so the history shows when and where. */
export const clientConsentEvents = pgTable(
  'client_consent_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    purpose: text('purpose').$type<'personal_data' | 'mailing'>().notNull(),
    action: text('action').$type<'given' | 'withdrawn'>().notNull(),
    channel: text('channel').notNull(),
    requestId: uuid('request_id'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('client_consent_events_client').on(t.clientId, t.at)],
);

/** A merged-away client id and the record that absorbed it, so old links still resolve. */
export const clientMerges = pgTable(
  'client_merges',
  {
    mergedId: uuid('merged_id').primaryKey(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    survivorId: uuid('survivor_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('client_merges_survivor').on(t.survivorId)],
);
