import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { requests } from '../requests/schema.js';
import { receptionCards } from './cards.schema.js';
import { receptionBookings, receptionOfficials, receptionRooms, receptionSlots } from './schema.js';

export type CardRow = typeof receptionCards.$inferSelect;
export type CardPatch = Partial<Omit<CardRow, 'id' | 'agencyId' | 'slotId' | 'bookingId' | 'createdAt'>>;

/** The card with what the page shows beside it: the slot, its official and room, the booking, the appeal. */
export async function findCard(db: Executor, agencyId: string, id: string) {
  const [row] = await db
    .select({
      card: receptionCards,
      slot: receptionSlots,
      official: receptionOfficials,
      slotRoom: receptionRooms,
      booking: receptionBookings,
      request: { id: requests.id, number: requests.number, dueAt: requests.dueAt },
    })
    .from(receptionCards)
    .innerJoin(receptionSlots, eq(receptionSlots.id, receptionCards.slotId))
    .innerJoin(receptionOfficials, eq(receptionOfficials.id, receptionSlots.officialId))
    .innerJoin(receptionBookings, eq(receptionBookings.id, receptionCards.bookingId))
    .leftJoin(receptionRooms, eq(receptionRooms.id, receptionSlots.roomId))
    .leftJoin(requests, eq(requests.id, receptionCards.requestId))
    .where(and(eq(receptionCards.agencyId, agencyId), eq(receptionCards.id, id)));
  return row;
}

export type CardRecord = NonNullable<Awaited<ReturnType<typeof findCard>>>;

export async function findCardIdByBooking(db: Executor, agencyId: string, bookingId: string) {
  const [row] = await db
    .select({ id: receptionCards.id })
    .from(receptionCards)
    .where(and(eq(receptionCards.agencyId, agencyId), eq(receptionCards.bookingId, bookingId)));
  return row?.id;
}

/** Undefined when the booking has a card already (a concurrent opening won). */
export async function insertCard(db: Executor, values: typeof receptionCards.$inferInsert) {
  const [row] = await db
    .insert(receptionCards)
    .values(values)
    .onConflictDoNothing({ target: receptionCards.bookingId })
    .returning();
  return row;
}

/** Changes an open card only; undefined when it is closed (or absent). */
export async function updateOpenCard(db: Executor, agencyId: string, id: string, patch: CardPatch) {
  const [row] = await db
    .update(receptionCards)
    .set(patch)
    .where(
      and(eq(receptionCards.agencyId, agencyId), eq(receptionCards.id, id), isNull(receptionCards.closedAt)),
    )
    .returning();
  return row;
}

/** Moves a booking that is still `booked` to how the visit went; undefined otherwise. */
export async function settleBooking(
  db: Executor,
  agencyId: string,
  bookingId: string,
  status: 'attended' | 'no_show',
) {
  const [row] = await db
    .update(receptionBookings)
    .set({ status })
    .where(
      and(
        eq(receptionBookings.agencyId, agencyId),
        eq(receptionBookings.id, bookingId),
        eq(receptionBookings.status, 'booked'),
      ),
    )
    .returning();
  return row;
}

/** The client's cards, oldest first, with the official and the appeal number for the timeline. */
export function cardsOfClient(db: Executor, agencyId: string, clientId: string) {
  return db
    .select({
      card: receptionCards,
      startsAt: receptionSlots.startsAt,
      official: { name: receptionOfficials.name, position: receptionOfficials.position },
      requestNumber: requests.number,
    })
    .from(receptionCards)
    .innerJoin(receptionSlots, eq(receptionSlots.id, receptionCards.slotId))
    .innerJoin(receptionOfficials, eq(receptionOfficials.id, receptionSlots.officialId))
    .leftJoin(requests, eq(requests.id, receptionCards.requestId))
    .where(and(eq(receptionCards.agencyId, agencyId), eq(receptionCards.clientId, clientId)))
    .orderBy(asc(receptionSlots.startsAt));
}

export async function reassignClient(db: Executor, agencyId: string, fromId: string, toId: string) {
  await db
    .update(receptionCards)
    .set({ clientId: toId })
    .where(and(eq(receptionCards.agencyId, agencyId), eq(receptionCards.clientId, fromId)));
}

/** The cards of purged clients and the bookings they were opened from: both hold personal data. */
export async function deleteCardsOfClients(db: Executor, agencyId: string, clientIds: string[]) {
  if (clientIds.length === 0) return;
  const deleted = await db
    .delete(receptionCards)
    .where(and(eq(receptionCards.agencyId, agencyId), inArray(receptionCards.clientId, clientIds)))
    .returning({ bookingId: receptionCards.bookingId });
  if (deleted.length === 0) return;
  await db.delete(receptionBookings).where(
    and(
      eq(receptionBookings.agencyId, agencyId),
      inArray(
        receptionBookings.id,
        deleted.map((row) => row.bookingId),
      ),
    ),
  );
}
