import { addDays } from 'date-fns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencyWithStaff, createHarness, type Harness } from '../../testing/harness.js';
import { colleague } from '../../testing/kb.js';
import { bookSlot, closeCard, openCard, preparedCard, receptionDesk } from '../../testing/reception.js';
import { expectTenantIsolation } from '../../testing/tenancy.js';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness.close());

/** Who may do what with a card (seed 003 p. 35.1), across agencies too, and hostile bodies. */
const cardUrl = (id: string) => `/api/staff/reception/cards/${id}`;

describe('reception card: who conducts', () => {
  it('lets only the official linked to the slot close the card; an admin and the receptionist get 403', async () => {
    const desk = await receptionDesk(harness);
    const { cardId } = await preparedCard(desk, 0);
    const written = { outcome: 'written' };
    for (const stranger of [desk.admin, desk.receptionist]) {
      const refused = await closeCard(stranger, cardId, written);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().message).toMatch(/^Приём ведёт только уполномоченное должностное лицо/);
    }
    // Another official's user is no more authorised for this slot than anyone else.
    const otherUser = await colleague(harness, desk.admin, ['head']);
    await desk.admin.request({
      method: 'POST',
      url: '/api/staff/reception/officials',
      payload: { name: 'Другое лицо', position: 'Заместитель', userId: otherUser.info.user.id },
    });
    expect((await closeCard(otherUser, cardId, written)).statusCode).toBe(403);
    const card = await desk.official.request({ method: 'GET', url: cardUrl(cardId) });
    expect(card.json()).toMatchObject({ closed: false, canConduct: true, canPrepare: true });
    const asAdmin = await desk.admin.request({ method: 'GET', url: cardUrl(cardId) });
    expect(asAdmin.json()).toMatchObject({ canConduct: false, canPrepare: true });
  });

  it('lets an operator read a card but not prepare it, and keeps staff without a reception role out', async () => {
    const desk = await receptionDesk(harness);
    const { cardId } = await preparedCard(desk, 0);
    const operator = await colleague(harness, desk.admin, ['operator']);
    expect((await operator.request({ method: 'GET', url: cardUrl(cardId) })).json()).toMatchObject({
      canPrepare: false,
      canConduct: false,
    });
    const edit = await operator.request({
      method: 'PATCH',
      url: cardUrl(cardId),
      payload: { name: 'Иванов' },
    });
    expect(edit.statusCode).toBe(403);
    const analyst = await colleague(harness, desk.admin, ['analyst']);
    expect((await analyst.request({ method: 'GET', url: cardUrl(cardId) })).statusCode).toBe(403);
    const open = await analyst.request({
      method: 'POST',
      url: '/api/staff/reception/cards',
      payload: { slotId: desk.slotIds[1], name: 'Иванов', topic: 'Вопрос' },
    });
    expect(open.statusCode).toBe(403);
  });
});

describe('reception card: tenancy and hostile input', () => {
  it("hides one agency's cards and bookings from another's staff", async () => {
    await expectTenantIsolation(harness, {
      roles: ['admin'],
      async create(staff) {
        const official = await staff.request({
          method: 'POST',
          url: '/api/staff/reception/officials',
          payload: { name: 'Лицо', position: 'Руководитель', userId: staff.info.user.id },
        });
        const today = new Date().toISOString().slice(0, 10);
        const later = addDays(new Date(), 20).toISOString().slice(0, 10);
        await staff.request({
          method: 'POST',
          url: '/api/staff/reception/slots/generate',
          payload: {
            officialId: official.json().id,
            from: addDays(new Date(), 3).toISOString().slice(0, 10),
            to: later,
            pattern: { weekdays: [1, 2, 3, 4, 5, 6, 7], start: '10:00', end: '11:00', minutes: 30 },
          },
        });
        const slots = await staff.request({
          method: 'GET',
          url: `/api/staff/reception/slots?from=${today}&to=${later}`,
        });
        const bookingId = await bookSlot(staff, slots.json()[0].id);
        return openCard(staff, bookingId);
      },
      requests: (id) => [
        { method: 'GET', url: cardUrl(id) },
        { method: 'PATCH', url: cardUrl(id), payload: { name: 'Чужой' } },
        {
          method: 'POST',
          url: `${cardUrl(id)}/close`,
          payload: { officialIntroduced: true, appliedBefore: false, outcome: 'written' },
        },
      ],
    });
    const a = await receptionDesk(harness);
    const bookingId = await bookSlot(a.receptionist, a.slotIds[0] as string);
    const { staff: b } = await agencyWithStaff(harness, ['admin']);
    const foreign = await b.request({
      method: 'POST',
      url: '/api/staff/reception/cards',
      payload: { bookingId },
    });
    expect(foreign.statusCode).toBe(404);
    const noShow = await b.request({
      method: 'POST',
      url: `/api/staff/reception/bookings/${bookingId}/no-show`,
    });
    expect(noShow.statusCode).toBe(404);
  });

  it('answers hostile input with 400 and a field, and stores markup as plain text', async () => {
    const desk = await receptionDesk(harness);
    const { cardId } = await preparedCard(desk, 0);
    const patch = (payload: unknown) =>
      desk.receptionist.request({
        method: 'PATCH',
        url: cardUrl(cardId),
        payload: payload as Record<string, unknown>,
      });
    for (const payload of [
      { name: 'x'.repeat(201) },
      { postalAddress: 'x'.repeat(501) },
      { recordingConsent: 'yes' },
      { roomId: "1' or '1'='1" },
      { clientId: '00000000-0000-0000-0000-000000000000' },
      { email: 'not-an-email' },
    ]) {
      const response = await patch(payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().message).toEqual(expect.any(String));
    }
    for (const payload of [
      { bookingId: 'not-a-uuid' },
      { slotId: desk.slotIds[3], name: 'x'.repeat(201), topic: 'Тема' },
      { slotId: desk.slotIds[3], name: 'Имя', topic: 'Тема', bookingId: desk.slotIds[3] },
    ]) {
      const opened = await desk.receptionist.request({
        method: 'POST',
        url: '/api/staff/reception/cards',
        payload,
      });
      expect(opened.statusCode, JSON.stringify(payload)).toBe(400);
    }
    const foreignRoom = await patch({ roomId: '00000000-0000-4000-8000-000000000000' });
    expect(foreignRoom.json()).toMatchObject({ field: 'body.roomId', message: 'Помещение не найдено' });
    const badOutcome = await closeCard(desk.official, cardId, { outcome: 'delete_all' });
    expect(badOutcome.statusCode).toBe(400);
    const huge = await closeCard(desk.official, cardId, {
      outcome: 'oral',
      oralAnswerConsent: true,
      answerText: 'я'.repeat(10_001),
    });
    expect(huge.statusCode).toBe(400);
    const markup = '<script>alert(1)</script>; DROP TABLE reception_cards;';
    const stored = await patch({ topic: markup });
    expect(stored.json().topic).toBe(markup);
  });
});
