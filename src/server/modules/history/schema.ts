import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { agencies } from '../agencies/schema.js';
import { users } from '../auth/schema.js';
import { clients } from '../clients/schema.js';

/** Seed 004 p. 4: each time the whole history was handed to the client, by staff or by portal link. */
export const historyExports = pgTable(
  'history_exports',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    via: text('via').$type<'staff' | 'portal'>().notNull(),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    requestCount: integer('request_count').notNull(),
    fileCount: integer('file_count').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('history_exports_client').on(t.clientId, t.at)],
);

/** A one-time download link sent to the client's e-mail; only the SHA-256 of the token is kept. */
export const historyLinks = pgTable('history_links', {
  id: uuid('id').primaryKey().defaultRandom(),
  agencyId: uuid('agency_id')
    .notNull()
    .references(() => agencies.id, { onDelete: 'cascade' }),
  clientId: uuid('client_id')
    .notNull()
    .references(() => clients.id, { onDelete: 'cascade' }),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
});

/**
 * Every portal ask for a link, known address or not, by hashed address: the per-address rate
 * limit must treat both alike, or its answers would tell which addresses are clients.
 */
export const historyLinkAsks = pgTable(
  'history_link_asks',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    addressHash: text('address_hash').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('history_link_asks_address').on(t.agencyId, t.addressHash, t.at)],
);

/** What the retention job removed; client ids only as hashes, no personal data survives here. */
export const retentionPurges = pgTable(
  'retention_purges',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull(),
    cutoff: timestamp('cutoff', { withTimezone: true }).notNull(),
    clientCount: integer('client_count').notNull(),
    requestCount: integer('request_count').notNull(),
    // Social-network comments and messages removed with the purged requests or by their authors' age.
    socialItemCount: integer('social_item_count').notNull().default(0),
    clientIdHashes: jsonb('client_id_hashes').$type<string[]>().notNull(),
  },
  (t) => [index('retention_purges_agency_at').on(t.agencyId, t.at)],
);
