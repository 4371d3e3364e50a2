import { and, asc, eq, gt, gte, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { receptionBookings, receptionOfficials, receptionRooms, receptionSlots } from './schema.js';

export type OfficialRow = typeof receptionOfficials.$inferSelect;
export type RoomRow = typeof receptionRooms.$inferSelect;
export type SlotRow = typeof receptionSlots.$inferSelect;
export type BookingRow = typeof receptionBookings.$inferSelect;

/** Bookings that hold their slot: all but a cancelled one. */
const LIVE = ['booked', 'held', 'attended', 'no_show'] as const;

export const listOfficials = (db: Executor, agencyId: string) =>
  db
    .select()
    .from(receptionOfficials)
    .where(eq(receptionOfficials.agencyId, agencyId))
    .orderBy(asc(receptionOfficials.name));

export async function findOfficial(db: Executor, agencyId: string, id: string) {
  const [row] = await db
    .select()
    .from(receptionOfficials)
    .where(and(eq(receptionOfficials.agencyId, agencyId), eq(receptionOfficials.id, id)));
  return row;
}

export async function insertOfficial(db: Executor, values: typeof receptionOfficials.$inferInsert) {
  const [row] = await db.insert(receptionOfficials).values(values).returning();
  return row as OfficialRow;
}

export async function updateOfficial(
  db: Executor,
  agencyId: string,
  id: string,
  patch: Partial<Pick<OfficialRow, 'name' | 'position' | 'userId' | 'active'>>,
) {
  const [row] = await db
    .update(receptionOfficials)
    .set(patch)
    .where(and(eq(receptionOfficials.agencyId, agencyId), eq(receptionOfficials.id, id)))
    .returning();
  return row;
}

export const listRooms = (db: Executor, agencyId: string) =>
  db
    .select()
    .from(receptionRooms)
    .where(eq(receptionRooms.agencyId, agencyId))
    .orderBy(asc(receptionRooms.name));

export async function findRoom(db: Executor, agencyId: string, id: string) {
  const [row] = await db
    .select()
    .from(receptionRooms)
    .where(and(eq(receptionRooms.agencyId, agencyId), eq(receptionRooms.id, id)));
  return row;
}

export async function insertRoom(db: Executor, values: typeof receptionRooms.$inferInsert) {
  const [row] = await db.insert(receptionRooms).values(values).returning();
  return row as RoomRow;
}

export async function updateRoom(
  db: Executor,
  agencyId: string,
  id: string,
  patch: Partial<Pick<RoomRow, 'name' | 'videoRecording'>>,
) {
  const [row] = await db
    .update(receptionRooms)
    .set(patch)
    .where(and(eq(receptionRooms.agencyId, agencyId), eq(receptionRooms.id, id)))
    .returning();
  return row;
}

/** Inserts the slots that do not exist yet; returns only the new ones. */
export async function insertSlots(db: Executor, values: (typeof receptionSlots.$inferInsert)[]) {
  if (values.length === 0) return [];
  return db
    .insert(receptionSlots)
    .values(values)
    .onConflictDoNothing({ target: [receptionSlots.officialId, receptionSlots.startsAt] })
    .returning();
}

/** Slots in [from, to) with the official and the live booking, if any. */
export function listSlotsWithBookings(db: Executor, agencyId: string, from: Date, to: Date) {
  return db
    .select({
      slot: receptionSlots,
      official: receptionOfficials,
      room: receptionRooms,
      booking: receptionBookings,
    })
    .from(receptionSlots)
    .innerJoin(receptionOfficials, eq(receptionOfficials.id, receptionSlots.officialId))
    .leftJoin(receptionRooms, eq(receptionRooms.id, receptionSlots.roomId))
    .leftJoin(
      receptionBookings,
      and(eq(receptionBookings.slotId, receptionSlots.id), inArray(receptionBookings.status, [...LIVE])),
    )
    .where(
      and(
        eq(receptionSlots.agencyId, agencyId),
        gte(receptionSlots.startsAt, from),
        lt(receptionSlots.startsAt, to),
      ),
    )
    .orderBy(asc(receptionSlots.startsAt), asc(receptionOfficials.name));
}

export async function findSlot(db: Executor, agencyId: string, id: string) {
  const [row] = await db
    .select({ slot: receptionSlots, official: receptionOfficials })
    .from(receptionSlots)
    .innerJoin(receptionOfficials, eq(receptionOfficials.id, receptionSlots.officialId))
    .where(and(eq(receptionSlots.agencyId, agencyId), eq(receptionSlots.id, id)));
  return row;
}

/** Fails with a unique violation when the slot already has a live booking (partial unique index). */
export async function insertBooking(db: Executor, values: typeof receptionBookings.$inferInsert) {
  const [row] = await db.insert(receptionBookings).values(values).returning();
  return row as BookingRow;
}

export async function findBooking(db: Executor, agencyId: string, id: string) {
  const [row] = await db
    .select()
    .from(receptionBookings)
    .where(and(eq(receptionBookings.agencyId, agencyId), eq(receptionBookings.id, id)));
  return row;
}

export async function findBookingByToken(db: Executor, agencyId: string, tokenHash: string) {
  const [row] = await db
    .select({ booking: receptionBookings, slot: receptionSlots })
    .from(receptionBookings)
    .innerJoin(receptionSlots, eq(receptionSlots.id, receptionBookings.slotId))
    .where(and(eq(receptionBookings.agencyId, agencyId), eq(receptionBookings.cancelTokenHash, tokenHash)));
  return row;
}

/** Cancels a live booking; the token is spent with it. Undefined when it was not live any more. */
export async function cancelBooking(db: Executor, agencyId: string, id: string, at: Date) {
  const [row] = await db
    .update(receptionBookings)
    .set({ status: 'cancelled', cancelledAt: at, cancelTokenHash: null })
    .where(
      and(
        eq(receptionBookings.agencyId, agencyId),
        eq(receptionBookings.id, id),
        eq(receptionBookings.status, 'booked'),
      ),
    )
    .returning();
  return row;
}

/** Live bookings with an e-mail or a phone whose slot starts in (now, until], not reminded yet. */
export function bookingsToRemind(db: Executor, agencyId: string, now: Date, until: Date) {
  return db
    .select({ booking: receptionBookings, slot: receptionSlots, official: receptionOfficials })
    .from(receptionBookings)
    .innerJoin(receptionSlots, eq(receptionSlots.id, receptionBookings.slotId))
    .innerJoin(receptionOfficials, eq(receptionOfficials.id, receptionSlots.officialId))
    .where(
      and(
        eq(receptionBookings.agencyId, agencyId),
        eq(receptionBookings.status, 'booked'),
        isNull(receptionBookings.remindedAt),
        sql`(${receptionBookings.email} is not null or ${receptionBookings.phone} is not null)`,
        gt(receptionSlots.startsAt, now),
        lt(receptionSlots.startsAt, until),
      ),
    );
}

/** Claims the reminder of one booking; false when another run claimed it first. */
export async function claimReminder(db: Executor, id: string, at: Date): Promise<boolean> {
  const rows = await db
    .update(receptionBookings)
    .set({ remindedAt: at })
    .where(and(eq(receptionBookings.id, id), isNull(receptionBookings.remindedAt)))
    .returning({ id: receptionBookings.id });
  return rows.length === 1;
}
