import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { BookingChannel, BookingSource, BookingStatus } from '../../../common/reception.js';
import { sealedText } from '../../lib/field-crypto.js';
import { agencies } from '../agencies/schema.js';
import { users } from '../auth/schema.js';

/** The head and the officials the head authorised to receive citizens (seed 003 p. 28, 35.3). */
export const receptionOfficials = pgTable(
  'reception_officials',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    name: text('name').notNull(),
    position: text('position').notNull(),
    userId: uuid('user_id').references(() => users.id),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('reception_officials_agency_idx').on(t.agencyId)],
);

/** A room with video recording is used only when the citizen consents to it (seed 003 p. 35.2). */
export const receptionRooms = pgTable(
  'reception_rooms',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    name: text('name').notNull(),
    videoRecording: boolean('video_recording').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('reception_rooms_agency_idx').on(t.agencyId)],
);

export const receptionSlots = pgTable(
  'reception_slots',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    officialId: uuid('official_id')
      .notNull()
      .references(() => receptionOfficials.id),
    roomId: uuid('room_id').references(() => receptionRooms.id),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // Generating the same pattern twice must not create a second slot for the same official and time.
  (t) => [
    uniqueIndex('reception_slots_official_start_uq').on(t.officialId, t.startsAt),
    index('reception_slots_agency_start_idx').on(t.agencyId, t.startsAt),
  ],
);

export const receptionBookings = pgTable(
  'reception_bookings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    slotId: uuid('slot_id')
      .notNull()
      .references(() => receptionSlots.id),
    name: text('name').notNull(),
    phone: sealedText('phone'),
    email: sealedText('email'),
    topic: text('topic').notNull(),
    channel: text('channel').$type<BookingChannel>().notNull(),
    source: text('source').$type<BookingSource>().notNull(),
    status: text('status').$type<BookingStatus>().notNull().default('booked'),
    cancelTokenHash: text('cancel_token_hash'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
  },
  // The database, not the code, guarantees one live booking per slot under concurrent attempts;
  // a visit that took place (or was missed) keeps its slot, only a cancellation frees it.
  (t) => [
    uniqueIndex('reception_bookings_live_slot_uq')
      .on(t.slotId)
      .where(sql`status in ('booked', 'held', 'attended', 'no_show')`),
    uniqueIndex('reception_bookings_cancel_token_uq').on(t.cancelTokenHash),
    index('reception_bookings_agency_idx').on(t.agencyId, t.createdAt),
  ],
);
