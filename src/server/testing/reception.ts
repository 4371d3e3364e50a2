import { expect } from 'vitest';
import { agencyWithStaff, type Harness, type StaffClient } from './harness.js';
import { colleague } from './kb.js';

/** Every day, the calendar keeps the working ones: tests near today need not know which they are. */
const DAILY = { weekdays: [1, 2, 3, 4, 5, 6, 7], start: '14:00', end: '17:00', minutes: 30 };

/** The local date `days` from today. */
export const daysAhead = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

export interface ReceptionDesk {
  slug: string;
  agencyId: string;
  /** An admin of the agency, not linked to the official. */
  admin: StaffClient;
  receptionist: StaffClient;
  /** The user the reception official is linked to (role «head» here, though any would do). */
  official: StaffClient;
  officialId: string;
  videoRoomId: string;
  plainRoomId: string;
  /** Free future slots of the official, in the room with video recording. */
  slotIds: string[];
}

async function created(staff: StaffClient, url: string, payload: Record<string, unknown>) {
  const response = await staff.request({ method: 'POST', url, payload });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string }>().id;
}

/** An agency with a receptionist, an official linked to a user, two rooms and a fortnight of slots. */
export async function receptionDesk(harness: Harness): Promise<ReceptionDesk> {
  const { slug, staff: admin } = await agencyWithStaff(harness, ['admin']);
  const agencyId = (await harness.services.agencies.findBySlug(slug))?.id as string;
  const receptionist = await colleague(harness, admin, ['receptionist']);
  const official = await colleague(harness, admin, ['head']);
  const officialId = await created(admin, '/api/staff/reception/officials', {
    name: 'Шилохвостов Роман Геннадьевич',
    position: 'Руководитель департамента',
    userId: official.info.user.id,
  });
  const videoRoomId = await created(admin, '/api/staff/reception/rooms', {
    name: 'Кабинет 101 (видеозапись)',
    videoRecording: true,
  });
  const plainRoomId = await created(admin, '/api/staff/reception/rooms', {
    name: 'Кабинет 102',
    videoRecording: false,
  });
  const generated = await admin.request({
    method: 'POST',
    url: '/api/staff/reception/slots/generate',
    payload: { officialId, roomId: videoRoomId, from: daysAhead(3), to: daysAhead(16), pattern: DAILY },
  });
  expect(generated.statusCode, generated.body).toBe(201);
  const slots = await admin.request({
    method: 'GET',
    url: `/api/staff/reception/slots?from=${daysAhead(3)}&to=${daysAhead(16)}`,
  });
  const slotIds = slots.json<{ id: string }[]>().map((slot) => slot.id);
  return {
    slug,
    agencyId,
    admin,
    receptionist,
    official,
    officialId,
    videoRoomId,
    plainRoomId,
    slotIds,
  };
}

/** A staff booking of the slot (as from an oral request); returns the booking id. */
export function bookSlot(staff: StaffClient, slotId: string, contact: Record<string, unknown> = {}) {
  return created(staff, '/api/staff/reception/bookings', {
    slotId,
    source: 'oral',
    name: 'Петрова Анна Сергеевна',
    phone: '+7 913 000-11-22',
    topic: 'Предоставление земельного участка под ИЖС',
    ...contact,
  });
}

/** Opens the booking's card as `staff`; returns the card id. */
export async function openCard(staff: StaffClient, bookingId: string) {
  const response = await staff.request({
    method: 'POST',
    url: '/api/staff/reception/cards',
    payload: { bookingId },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string }>().id;
}

/** The receptionist's part (p. 35.2) done: identity checked, consent to recording given. */
export async function preparedCard(
  desk: ReceptionDesk,
  slotIndex: number,
  contact: Record<string, unknown> = {},
) {
  const bookingId = await bookSlot(desk.receptionist, desk.slotIds[slotIndex] as string, contact);
  const cardId = await openCard(desk.receptionist, bookingId);
  const prepared = await desk.receptionist.request({
    method: 'PATCH',
    url: `/api/staff/reception/cards/${cardId}`,
    payload: { identityChecked: true, recordingConsent: true, email: 'petrova@example.org' },
  });
  expect(prepared.statusCode, prepared.body).toBe(200);
  return { bookingId, cardId };
}

export const closeCard = (staff: StaffClient, cardId: string, payload: Record<string, unknown>) =>
  staff.request({
    method: 'POST',
    url: `/api/staff/reception/cards/${cardId}/close`,
    payload: { officialIntroduced: true, appliedBefore: false, ...payload },
  });
