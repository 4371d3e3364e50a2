import { boolean, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { CardOutcome } from '../../../common/reception.js';
import { sealedText } from '../../lib/field-crypto.js';
import { agencies } from '../agencies/schema.js';
import { users } from '../auth/schema.js';
import { clients } from '../clients/schema.js';
import { receptionBookings, receptionRooms, receptionSlots } from './schema.js';

/**
 * The card of one personal reception (seed 003 p. 35.2–35.3). Of the identity document only the
 * fact of the check is kept — who checked and when, no document details (152-ФЗ ст. 5 ч. 7).
 */
export const receptionCards = pgTable(
  'reception_cards',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    slotId: uuid('slot_id')
      .notNull()
      .references(() => receptionSlots.id),
    bookingId: uuid('booking_id')
      .notNull()
      .references(() => receptionBookings.id),
    clientId: uuid('client_id').references(() => clients.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    phone: sealedText('phone'),
    email: sealedText('email'),
    postalAddress: sealedText('postal_address'),
    topic: text('topic').notNull(),
    identityCheckedAt: timestamp('identity_checked_at', { withTimezone: true }),
    identityCheckedBy: uuid('identity_checked_by').references(() => users.id, { onDelete: 'set null' }),
    // Null until the citizen was asked; false sends the reception to a room without video.
    recordingConsent: boolean('recording_consent'),
    roomId: uuid('room_id').references(() => receptionRooms.id),
    officialIntroduced: boolean('official_introduced').notNull().default(false),
    appliedBefore: boolean('applied_before'),
    appliedBeforeDetails: text('applied_before_details'),
    outcome: text('outcome').$type<CardOutcome>(),
    oralAnswerConsent: boolean('oral_answer_consent'),
    answerText: text('answer_text'),
    redirectNote: text('redirect_note'),
    requestId: uuid('request_id'),
    conductedBy: uuid('conducted_by').references(() => users.id, { onDelete: 'set null' }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One card per visit: opening it again returns the same card.
    uniqueIndex('reception_cards_booking_uq').on(t.bookingId),
    index('reception_cards_agency_client').on(t.agencyId, t.clientId),
  ],
);
