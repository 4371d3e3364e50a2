import type * as repo from './repo.js';

/** What the console and the audit see of the reception rows. */
export const toOfficial = (row: repo.OfficialRow) => ({
  id: row.id,
  name: row.name,
  position: row.position,
  userId: row.userId,
  active: row.active,
});
export const toRoom = (row: repo.RoomRow) => ({
  id: row.id,
  name: row.name,
  videoRecording: row.videoRecording,
});
export const toBooking = (row: repo.BookingRow) => ({
  id: row.id,
  slotId: row.slotId,
  name: row.name,
  phone: row.phone,
  email: row.email,
  topic: row.topic,
  channel: row.channel,
  source: row.source,
  status: row.status,
  createdAt: row.createdAt.toISOString(),
});
