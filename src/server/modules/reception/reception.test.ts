import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencyWithStaff, createHarness, type Harness, type StaffClient } from '../../testing/harness.js';
import { expectTenantIsolation } from '../../testing/tenancy.js';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness.close());

interface PublicSlot {
  id: string;
  startsAt: string;
  official: string;
  available: boolean;
}

const TUESDAY_AFTERNOONS = { weekdays: [2], start: '14:00', end: '17:00', minutes: 30 };
/** Every day, the calendar leaves the working ones: tests near today need not know which they are. */
const DAILY = { weekdays: [1, 2, 3, 4, 5, 6, 7], start: '14:00', end: '17:00', minutes: 30 };

/** The local date `days` from today; public tests stay relative to the clock the portal reads. */
const ahead = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** An agency with one official and a schedule over the given period; returns its public slots. */
async function schedule(staff: StaffClient, from: string, to: string, pattern = TUESDAY_AFTERNOONS) {
  const official = await staff.request({
    method: 'POST',
    url: '/api/staff/reception/officials',
    payload: { name: 'Иванов Иван Иванович', position: 'Руководитель' },
  });
  expect(official.statusCode).toBe(201);
  const room = await staff.request({
    method: 'POST',
    url: '/api/staff/reception/rooms',
    payload: { name: 'Кабинет 101', videoRecording: true },
  });
  expect(room.statusCode).toBe(201);
  const generated = await staff.request({
    method: 'POST',
    url: '/api/staff/reception/slots/generate',
    payload: { officialId: official.json().id, roomId: room.json().id, from, to, pattern },
  });
  expect(generated.statusCode, generated.body).toBe(201);
  return { officialId: official.json().id as string, generated: generated.json() };
}

const publicSlots = async (slug: string) =>
  (await harness.app.inject({ method: 'GET', url: `/api/public/${slug}/reception/slots` })).json<
    PublicSlot[]
  >();

const bookPublic = (slug: string, payload: Record<string, unknown>) =>
  harness.app.inject({
    method: 'POST',
    url: `/api/public/${slug}/bookings`,
    payload: { name: 'Петрова Анна', topic: 'Сохранение фасада дома', consent: true, ...payload },
  });

describe('slot generation', () => {
  it('makes slots from a weekly pattern on working days only, holidays skipped, in the agency time zone', async () => {
    const { staff } = await agencyWithStaff(harness, ['receptionist']);
    // 2027-01-05 is a Tuesday inside the New Year holidays; 2027-01-12 is a working Tuesday.
    const { generated } = await schedule(staff, '2027-01-01', '2027-01-14');
    expect(generated).toEqual({ created: 6, skipped: 0 });
    const slots = await staff.request({
      method: 'GET',
      url: '/api/staff/reception/slots?from=2027-01-01&to=2027-01-14',
    });
    const starts = slots.json<{ startsAt: string }[]>().map((slot) => slot.startsAt);
    // 14:00 in Novosibirsk (UTC+7) is 07:00 UTC.
    expect(starts).toEqual([
      '2027-01-12T07:00:00.000Z',
      '2027-01-12T07:30:00.000Z',
      '2027-01-12T08:00:00.000Z',
      '2027-01-12T08:30:00.000Z',
      '2027-01-12T09:00:00.000Z',
      '2027-01-12T09:30:00.000Z',
    ]);
  });

  it('keeps existing slots when the same pattern is generated again', async () => {
    const { staff } = await agencyWithStaff(harness, ['admin']);
    const { officialId } = await schedule(staff, '2027-02-01', '2027-02-07');
    const again = await staff.request({
      method: 'POST',
      url: '/api/staff/reception/slots/generate',
      payload: { officialId, from: '2027-02-01', to: '2027-02-07', pattern: TUESDAY_AFTERNOONS },
    });
    expect(again.json()).toEqual({ created: 0, skipped: 6 });
  });

  it('refuses a reversed period and an operator, who may only read', async () => {
    const { staff } = await agencyWithStaff(harness, ['admin']);
    const { officialId } = await schedule(staff, '2027-02-01', '2027-02-07');
    const reversed = await staff.request({
      method: 'POST',
      url: '/api/staff/reception/slots/generate',
      payload: { officialId, from: '2027-02-07', to: '2027-02-01', pattern: TUESDAY_AFTERNOONS },
    });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json()).toMatchObject({ field: 'body.to', message: 'Конец периода раньше его начала' });

    const { staff: operator } = await agencyWithStaff(harness, ['operator']);
    const read = await operator.request({ method: 'GET', url: '/api/staff/reception/officials' });
    expect(read.statusCode).toBe(200);
    const write = await operator.request({
      method: 'POST',
      url: '/api/staff/reception/rooms',
      payload: { name: 'Зал', videoRecording: false },
    });
    expect(write.statusCode).toBe(403);
  });
});

describe('booking', () => {
  it('lets exactly one of 30 concurrent attempts book a slot; the others get 409 in Russian', async () => {
    const { slug, staff } = await agencyWithStaff(harness, ['admin']);
    await schedule(staff, ahead(14), ahead(27), DAILY);
    const before = await publicSlots(slug);
    const [slot] = before;
    expect(before.length).toBeGreaterThan(1);
    const attempts = await Promise.all(
      Array.from({ length: 30 }, (_, i) => bookPublic(slug, { slotId: slot?.id, name: `Гражданин ${i}` })),
    );
    const codes = attempts.map((response) => response.statusCode);
    expect(codes.filter((code) => code === 201)).toHaveLength(1);
    expect(codes.filter((code) => code === 409)).toHaveLength(29);
    const refusal = attempts.find((response) => response.statusCode === 409)?.json();
    expect(refusal).toMatchObject({ error: 'slot_taken', message: expect.stringMatching(/уже занято/) });
    const after = await publicSlots(slug);
    expect(after.find((s) => s.id === slot?.id)?.available).toBe(false);
    expect(after.filter((s) => s.available)).toHaveLength(before.length - 1);
  });

  it('answers 201 {id, startsAt} and e-mails a confirmation with a cancellation link', async () => {
    const { slug, staff } = await agencyWithStaff(harness, ['admin']);
    await schedule(staff, ahead(14), ahead(27), DAILY);
    const [slot] = await publicSlots(slug);
    expect(slot?.official).toBe('Иванов Иван Иванович, Руководитель');
    const response = await bookPublic(slug, { slotId: slot?.id, email: 'anna@example.org' });
    expect(response.statusCode).toBe(201);
    expect(Object.keys(response.json()).sort()).toEqual(['id', 'startsAt']);
    expect(response.json().startsAt).toBe(slot?.startsAt);
    const mails = (await harness.outbox()).filter((mail) => mail.startsWith('To: anna@example.org'));
    expect(mails).toHaveLength(1);
    expect(mails[0]).toContain('Иванов Иван Иванович');
    expect(mails[0]).toMatch(new RegExp(`/${slug}/bookings/cancel\\?token=[A-Za-z0-9_-]{43}`));
  });

  it('refuses without consent, with bad fields, for past or unknown slots, with field paths in Russian', async () => {
    const { slug, staff } = await agencyWithStaff(harness, ['admin']);
    await schedule(staff, ahead(-30), ahead(-16), DAILY);
    const { generated } = await schedule(staff, ahead(14), ahead(27), DAILY);
    const slots = await publicSlots(slug);
    // Only future slots reach the portal.
    expect(slots.every((slot) => slot.startsAt > new Date().toISOString())).toBe(true);
    expect(slots).toHaveLength(generated.created);
    const slotId = slots[0]?.id;

    const noConsent = await bookPublic(slug, { slotId, consent: false });
    expect(noConsent.statusCode).toBe(400);
    expect(noConsent.json()).toMatchObject({
      field: 'body.consent',
      message: expect.stringMatching(/согласия/),
    });

    const badEmail = await bookPublic(slug, { slotId, email: 'not-an-address' });
    expect(badEmail.statusCode).toBe(400);
    expect(badEmail.json().field).toBe('body.email');
    expect(badEmail.json().message).toMatch(/[а-я]/);

    const blankName = await bookPublic(slug, { slotId, name: '   ' });
    expect(blankName.json().field).toBe('body.name');

    const extra = await bookPublic(slug, { slotId, status: 'held' });
    expect(extra.statusCode).toBe(400);

    const hostile = await bookPublic(slug, { slotId: "' or 1=1 --" });
    expect(hostile.statusCode).toBe(400);
    expect(hostile.json().field).toBe('body.slotId');

    const unknown = await bookPublic(slug, { slotId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.statusCode).toBe(404);

    const past = await staff.request({
      method: 'GET',
      url: `/api/staff/reception/slots?from=${ahead(-30)}&to=${ahead(-16)}`,
    });
    const pastSlot = past.json<{ id: string }[]>()[0];
    const late = await bookPublic(slug, { slotId: pastSlot?.id });
    expect(late.statusCode).toBe(400);
    expect(late.json()).toMatchObject({ field: 'body.slotId', message: 'Это время уже прошло' });
  });

  it('lets staff book from a written or oral request, lists it with the slot, cancels it and audits both', async () => {
    const { slug, staff } = await agencyWithStaff(harness, ['receptionist']);
    await schedule(staff, ahead(14), ahead(27), DAILY);
    const [slot] = await publicSlots(slug);
    const booked = await staff.request({
      method: 'POST',
      url: '/api/staff/reception/bookings',
      payload: {
        slotId: slot?.id,
        source: 'oral',
        name: 'Сидоров Пётр',
        phone: '+7 913 000-00-00',
        topic: 'Ремонт крыши',
      },
    });
    expect(booked.statusCode, booked.body).toBe(201);
    expect(booked.json()).toMatchObject({ channel: 'staff', source: 'oral', status: 'booked' });
    const listed = await staff.request({
      method: 'GET',
      url: `/api/staff/reception/slots?from=${ahead(14)}&to=${ahead(27)}`,
    });
    const withBooking = listed
      .json<{ id: string; booking: { name: string } | null }[]>()
      .find((s) => s.id === slot?.id);
    expect(withBooking?.booking?.name).toBe('Сидоров Пётр');

    const twice = await bookPublic(slug, { slotId: slot?.id });
    expect(twice.statusCode).toBe(409);

    const cancelled = await staff.request({
      method: 'POST',
      url: `/api/staff/reception/bookings/${booked.json().id}/cancel`,
    });
    expect(cancelled.json().status).toBe('cancelled');
    const again = await staff.request({
      method: 'POST',
      url: `/api/staff/reception/bookings/${booked.json().id}/cancel`,
    });
    expect(again.statusCode).toBe(409);
    // A cancelled booking frees the slot.
    expect((await bookPublic(slug, { slotId: slot?.id })).statusCode).toBe(201);

    const agencyId = (await harness.services.agencies.findBySlug(slug))?.id ?? '';
    const audit = await harness.services.audit.list(agencyId, { entity: 'reception_booking' });
    const actions = audit.items.filter((a) => a.entityId === booked.json().id).map((a) => a.action);
    expect(actions.sort()).toEqual(['create', 'update']);
  });
});

describe('cancellation link', () => {
  it('shows the booking, cancels it once on POST, and is useless afterwards or when guessed', async () => {
    const { slug, staff } = await agencyWithStaff(harness, ['admin']);
    await schedule(staff, ahead(14), ahead(27), DAILY);
    const [slot] = await publicSlots(slug);
    await bookPublic(slug, { slotId: slot?.id, email: 'cancel-me@example.org' });
    const mail = (await harness.outbox()).find((m) => m.startsWith('To: cancel-me@example.org')) ?? '';
    const token = /token=([A-Za-z0-9_-]+)/.exec(mail)?.[1] ?? '';
    expect(token).toHaveLength(43);
    const url = `/api/public/${slug}/bookings/cancel`;

    const shown = await harness.app.inject({ method: 'GET', url: `${url}?token=${token}` });
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toEqual({ startsAt: slot?.startsAt, topic: 'Сохранение фасада дома' });
    // Opening the link changes nothing: the slot is still taken.
    expect((await publicSlots(slug)).find((s) => s.id === slot?.id)?.available).toBe(false);

    const guessed = await harness.app.inject({
      method: 'POST',
      url,
      payload: { token: `${token.slice(0, -2)}AA` },
    });
    expect(guessed.statusCode).toBe(404);

    const other = await agencyWithStaff(harness, ['admin']);
    const elsewhere = await harness.app.inject({
      method: 'POST',
      url: `/api/public/${other.slug}/bookings/cancel`,
      payload: { token },
    });
    expect(elsewhere.statusCode).toBe(404);

    const cancelled = await harness.app.inject({ method: 'POST', url, payload: { token } });
    expect(cancelled.statusCode).toBe(200);
    expect((await publicSlots(slug)).find((s) => s.id === slot?.id)?.available).toBe(true);

    const reused = await harness.app.inject({ method: 'POST', url, payload: { token } });
    expect(reused.statusCode).toBe(404);
    expect(reused.json().message).toMatch(/недействительна/);
    expect((await harness.app.inject({ method: 'GET', url: `${url}?token=${token}` })).statusCode).toBe(404);
  });
});

describe('reminder', () => {
  it('e-mails once the day before and not for cancelled bookings', async () => {
    const { slug, staff } = await agencyWithStaff(harness, ['admin']);
    await schedule(staff, ahead(14), ahead(27), DAILY);
    const [first, second] = await publicSlots(slug);
    await bookPublic(slug, { slotId: first?.id, email: 'remind@example.org' });
    const other = await bookPublic(slug, { slotId: second?.id, email: 'gone@example.org' });
    await staff.request({ method: 'POST', url: `/api/staff/reception/bookings/${other.json().id}/cancel` });

    const start = new Date(first?.startsAt ?? '');
    const twoDaysBefore = new Date(start.getTime() - 48 * 3600_000);
    await harness.services.reception.remindAll(twoDaysBefore);
    const dayBefore = new Date(start.getTime() - 20 * 3600_000);
    await harness.services.reception.remindAll(dayBefore);
    await harness.services.reception.remindAll(new Date(dayBefore.getTime() + 3600_000));

    const mails = await harness.outbox();
    const reminders = mails.filter((m) => m.includes('Subject: Напоминание о личном приёме'));
    expect(reminders.filter((m) => m.startsWith('To: remind@example.org'))).toHaveLength(1);
    expect(reminders.filter((m) => m.startsWith('To: gone@example.org'))).toHaveLength(0);
  });
});

describe('tenancy', () => {
  it('hides one agency’s officials, rooms and bookings from another', async () => {
    await expectTenantIsolation(harness, {
      create: async (staff) => {
        const official = await staff.request({
          method: 'POST',
          url: '/api/staff/reception/officials',
          payload: { name: 'Чужой Руководитель', position: 'Руководитель' },
        });
        return official.json().id;
      },
      requests: (id) => [
        { method: 'PATCH', url: `/api/staff/reception/officials/${id}`, payload: { active: false } },
      ],
      lists: ['/api/staff/reception/officials'],
    });
    await expectTenantIsolation(harness, {
      create: async (staff) => {
        const slug = staff.info.currentAgency ?? '';
        await schedule(staff, ahead(14), ahead(27), DAILY);
        const [slot] = await publicSlots(slug);
        const booking = await bookPublic(slug, { slotId: slot?.id });
        return booking.json().id;
      },
      requests: (id) => [{ method: 'POST', url: `/api/staff/reception/bookings/${id}/cancel` }],
      lists: [`/api/staff/reception/slots?from=${ahead(14)}&to=${ahead(27)}`],
    });
  });
});
