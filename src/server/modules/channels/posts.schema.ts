import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { agencies } from '../agencies/schema.js';
import { channelAccounts, type Network, outboundMessages } from './schema.js';

/**
 * A post on the agency's initiative (seed 001 p. 6.1) to its Telegram channel, VK wall and OK
 * group. Each chosen account gets a delivery: an outbox row whose status is the network's status.
 */
export const channelPosts = pgTable(
  'channel_posts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    text: text('text').notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('channel_posts_agency').on(t.agencyId, t.createdAt)],
);

export const channelPostDeliveries = pgTable(
  'channel_post_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    postId: uuid('post_id')
      .notNull()
      .references(() => channelPosts.id, { onDelete: 'cascade' }),
    accountId: uuid('account_id').references(() => channelAccounts.id, { onDelete: 'set null' }),
    // Kept as they were at posting time: the history stays readable after an account is removed.
    network: text('network').$type<Network>().notNull(),
    accountTitle: text('account_title').notNull(),
    outboundId: uuid('outbound_id').references(() => outboundMessages.id, { onDelete: 'set null' }),
  },
  (t) => [index('channel_post_deliveries_post').on(t.postId)],
);

/** Per-agency texts of the social inbox: the canned invitation to an individual channel. */
export const socialSettings = pgTable('social_settings', {
  agencyId: uuid('agency_id')
    .primaryKey()
    .references(() => agencies.id, { onDelete: 'cascade' }),
  inviteText: text('invite_text'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
