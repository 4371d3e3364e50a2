import { addDays, addYears } from 'date-fns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../testing/harness.js';
import { bookSlot, closeCard, openCard, preparedCard, receptionDesk } from '../../testing/reception.js';
import { termEnd } from '../requests/deadlines.js';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness.close());

const cardUrl = (id: string) => `/api/staff/reception/cards/${id}`;

describe('reception card: written answer', () => {
  it('registers a reception appeal with its legal term, links it to the card, the client and the official', async () => {
    const desk = await receptionDesk(harness);
    const { bookingId, cardId } = await preparedCard(desk, 0);
    const again = await desk.receptionist.request({
      method: 'POST',
      url: '/api/staff/reception/cards',
      payload: { bookingId },
    });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(cardId);

    const closed = await closeCard(desk.official, cardId, {
      appliedBefore: true,
      appliedBeforeDetails: 'В мэрию, письмом в марте',
      outcome: 'written',
    });
    expect(closed.statusCode, closed.body).toBe(200);
    const card = closed.json();
    expect(card).toMatchObject({
      closed: true,
      outcome: 'written',
      officialIntroduced: true,
      appliedBefore: true,
    });
    expect(card.request.number).toMatch(/^\d{4}-\d{5}$/);

    const request = (
      await desk.admin.request({ method: 'GET', url: `/api/staff/requests/${card.request.id}` })
    ).json();
    expect(request).toMatchObject({
      number: card.request.number,
      kind: 'reception_appeal',
      channel: 'reception',
      assigneeId: desk.official.info.user.id,
      dueAt: card.request.dueAt,
    });
    expect(request.text).toContain('Предоставление земельного участка под ИЖС');
    expect(request.text).toContain('В мэрию, письмом в марте');
    // 59-ФЗ ст. 12 ч. 1: the reception appeal's term (30 calendar days) from registration.
    const policy = (await harness.services.deadlinePolicies.forAgency(desk.agencyId)).reception_appeal;
    const expected = termEnd(
      policy.answer,
      new Date(request.registeredAt),
      'Asia/Novosibirsk',
      await harness.services.calendar.forAgency(desk.agencyId),
    );
    expect(policy.answer).toMatchObject({ days: 30, dayType: 'calendar' });
    expect(card.request.dueAt).toBe(expected.toISOString());

    const slots = await desk.admin.request({
      method: 'GET',
      url: `/api/staff/reception/slots?from=${card.slot.startsAt.slice(0, 10)}&to=${card.slot.startsAt.slice(0, 10)}`,
    });
    const booking = slots
      .json<{ booking: { id: string; status: string } | null }[]>()
      .find((s) => s.booking?.id === bookingId);
    expect(booking?.booking?.status).toBe('attended');

    const timeline = await desk.admin.request({
      method: 'GET',
      url: `/api/staff/clients/${card.clientId}/timeline`,
    });
    const entry = timeline.json().items.find((item: { kind: string }) => item.kind === 'reception');
    expect(entry).toMatchObject({
      channel: 'reception',
      status: 'closed',
      title: 'Личный приём: Шилохвостов Роман Геннадьевич, Руководитель департамента',
      requestNumber: card.request.number,
    });
  });

  it('keeps a closed card read-only and closes it once', async () => {
    const desk = await receptionDesk(harness);
    const { cardId } = await preparedCard(desk, 0);
    const first = await closeCard(desk.official, cardId, { outcome: 'written' });
    expect(first.statusCode).toBe(200);
    const second = await closeCard(desk.official, cardId, { outcome: 'written' });
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({ error: 'card_closed', field: 'params.id' });
    const edit = await desk.official.request({
      method: 'PATCH',
      url: cardUrl(cardId),
      payload: { name: 'Другое имя' },
    });
    expect(edit.statusCode).toBe(409);
    const card = (await desk.official.request({ method: 'GET', url: cardUrl(cardId) })).json();
    expect(card.name).toBe('Петрова Анна Сергеевна');
    const audit = await desk.admin.request({ method: 'GET', url: '/api/staff/audit?entity=reception_card' });
    const entries = audit.json().items.filter((e: { entityId: string }) => e.entityId === cardId);
    // Opened, prepared, closed.
    expect(entries).toHaveLength(3);
  });

  it('refuses a written answer with neither a postal nor an e-mail address', async () => {
    const desk = await receptionDesk(harness);
    const bookingId = await bookSlot(desk.receptionist, desk.slotIds[0] as string);
    const cardId = await openCard(desk.receptionist, bookingId);
    await desk.receptionist.request({
      method: 'PATCH',
      url: cardUrl(cardId),
      payload: { identityChecked: true, recordingConsent: true },
    });
    const refused = await closeCard(desk.official, cardId, { outcome: 'written' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ field: 'card.postalAddress' });
    await desk.receptionist.request({
      method: 'PATCH',
      url: cardUrl(cardId),
      payload: { postalAddress: '630091, Новосибирск, Красный пр., 18' },
    });
    const closed = await closeCard(desk.official, cardId, { outcome: 'written' });
    expect(closed.statusCode).toBe(200);
    // The answer goes by post: the client's record keeps the address the card took.
    const client = await desk.admin.request({
      method: 'GET',
      url: `/api/staff/clients/${closed.json().clientId}`,
    });
    expect(client.json().postalAddress).toBe('630091, Новосибирск, Красный пр., 18');
  });
});

describe('reception card: the steps of p. 35.2–35.3', () => {
  it('requires the identity check (kept as a fact: who and when) before closing', async () => {
    const desk = await receptionDesk(harness);
    const bookingId = await bookSlot(desk.receptionist, desk.slotIds[0] as string);
    const cardId = await openCard(desk.receptionist, bookingId);
    const refused = await closeCard(desk.official, cardId, {
      outcome: 'oral',
      oralAnswerConsent: true,
      answerText: 'Ответ',
    });
    expect(refused.json()).toMatchObject({
      field: 'card.identityChecked',
      message: expect.stringMatching(/документ/),
    });
    const checked = await desk.receptionist.request({
      method: 'PATCH',
      url: cardUrl(cardId),
      payload: { identityChecked: true },
    });
    expect(checked.json().identityCheckedAt).toEqual(expect.any(String));
    const audit = await desk.admin.request({ method: 'GET', url: '/api/staff/audit?entity=reception_card' });
    const change = audit
      .json()
      .items.find(
        (e: { entityId: string; after: { identityCheckedBy?: string } }) =>
          e.entityId === cardId && e.after.identityCheckedBy,
      );
    expect(change.after.identityCheckedBy).toBe(desk.receptionist.info.user.id);
  });

  it('sends a citizen who refuses video recording to a room without it', async () => {
    const desk = await receptionDesk(harness);
    const bookingId = await bookSlot(desk.receptionist, desk.slotIds[0] as string);
    const cardId = await openCard(desk.receptionist, bookingId);
    const patch = (payload: Record<string, unknown>) =>
      desk.receptionist.request({ method: 'PATCH', url: cardUrl(cardId), payload });
    const inVideoRoom = await patch({ identityChecked: true, recordingConsent: false });
    expect(inVideoRoom.statusCode).toBe(400);
    expect(inVideoRoom.json()).toMatchObject({
      field: 'body.roomId',
      message: expect.stringMatching(/без видеозаписи/),
    });
    expect((await patch({ recordingConsent: false, roomId: desk.videoRoomId })).statusCode).toBe(400);
    // Not asked yet: the card may be saved (as the page does, with every field), but the official
    // cannot close a reception in a recording room.
    const unaskedSave = await patch({
      identityChecked: true,
      postalAddress: 'Новосибирск',
      roomId: null,
      recordingConsent: null,
    });
    expect(unaskedSave.statusCode, unaskedSave.body).toBe(200);
    expect(unaskedSave.json().recordingConsent).toBeNull();
    const unasked = await closeCard(desk.official, cardId, { outcome: 'written' });
    expect(unasked.json()).toMatchObject({ field: 'card.recordingConsent' });
    const moved = await patch({ recordingConsent: false, roomId: desk.plainRoomId });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({
      recordingConsent: false,
      room: { id: desk.plainRoomId, videoRecording: false },
    });
    expect((await closeCard(desk.official, cardId, { outcome: 'written' })).statusCode).toBe(200);
  });

  it('records the introduction, the earlier applications and each outcome with what it needs', async () => {
    const desk = await receptionDesk(harness);
    const { cardId } = await preparedCard(desk, 0);
    const fieldOf = async (payload: Record<string, unknown>) =>
      (await closeCard(desk.official, cardId, payload)).json().field;
    expect(await fieldOf({ officialIntroduced: false, outcome: 'written' })).toBe('body.officialIntroduced');
    expect(await fieldOf({ appliedBefore: true, appliedBeforeDetails: '  ', outcome: 'written' })).toBe(
      'body.appliedBeforeDetails',
    );
    expect(await fieldOf({ outcome: 'oral', answerText: 'Ответ дан' })).toBe('body.oralAnswerConsent');
    expect(await fieldOf({ outcome: 'oral', oralAnswerConsent: true })).toBe('body.answerText');
    expect(await fieldOf({ outcome: 'outside_competence' })).toBe('body.redirectNote');
    const oral = await closeCard(desk.official, cardId, {
      outcome: 'oral',
      oralAnswerConsent: true,
      answerText: 'Участок предоставляется без торгов; заявление подаётся через МФЦ',
    });
    expect(oral.json()).toMatchObject({
      closed: true,
      outcome: 'oral',
      oralAnswerConsent: true,
      request: null,
    });

    const other = await preparedCard(desk, 1);
    const outside = await closeCard(desk.official, other.cardId, {
      outcome: 'outside_competence',
      redirectNote: 'В мэрию Новосибирска, письменно',
      answerText: 'ignored',
    });
    expect(outside.json()).toMatchObject({
      outcome: 'outside_competence',
      redirectNote: 'В мэрию Новосибирска, письменно',
      answerText: null,
    });
  });
});

describe('reception card: walk-ins, no-shows, retention', () => {
  it('opens a walk-in card on a free slot and refuses one on a booked slot', async () => {
    const desk = await receptionDesk(harness);
    const walkIn = await desk.receptionist.request({
      method: 'POST',
      url: '/api/staff/reception/cards',
      payload: { slotId: desk.slotIds[2], name: 'Сидоров Пётр', topic: 'Аренда помещения' },
    });
    expect(walkIn.statusCode, walkIn.body).toBe(201);
    expect(walkIn.json()).toMatchObject({
      name: 'Сидоров Пётр',
      booking: { source: 'oral', status: 'booked' },
    });
    const taken = await desk.receptionist.request({
      method: 'POST',
      url: '/api/staff/reception/cards',
      payload: { slotId: desk.slotIds[2], name: 'Другой', topic: 'Вопрос' },
    });
    expect(taken.statusCode).toBe(409);
  });

  it('marks a no-show only once the slot has begun, after which no card opens', async () => {
    const desk = await receptionDesk(harness);
    const bookingId = await bookSlot(desk.receptionist, desk.slotIds[0] as string);
    const early = await desk.receptionist.request({
      method: 'POST',
      url: `/api/staff/reception/bookings/${bookingId}/no-show`,
    });
    expect(early.statusCode).toBe(400);
    const receptionist = {
      userId: desk.receptionist.info.user.id,
      agencyId: desk.agencyId,
      roles: ['receptionist' as const],
      isRegionAdmin: false,
    };
    const marked = await harness.services.receptionCards.markNoShow(
      receptionist,
      bookingId,
      addDays(new Date(), 30),
    );
    expect(marked.status).toBe('no_show');
    const open = await desk.receptionist.request({
      method: 'POST',
      url: '/api/staff/reception/cards',
      payload: { bookingId },
    });
    expect(open.statusCode).toBe(409);
  });

  it('removes the card and its booking with the client after five years', async () => {
    const desk = await receptionDesk(harness);
    const { cardId } = await preparedCard(desk, 0);
    const closed = await closeCard(desk.official, cardId, {
      outcome: 'oral',
      oralAnswerConsent: true,
      answerText: 'Ответ',
    });
    expect(closed.json().clientId).toEqual(expect.any(String));
    const only = { agencyIds: [desk.agencyId] };
    await harness.services.retention.purgeExpired(addDays(addYears(new Date(), 5), -1), only);
    expect((await desk.admin.request({ method: 'GET', url: cardUrl(cardId) })).statusCode).toBe(200);
    const { results } = await harness.services.retention.purgeExpired(
      addDays(addYears(new Date(), 5), 1),
      only,
    );
    expect(results.find((r) => r.agencyId === desk.agencyId)?.clients).toBe(1);
    expect((await desk.admin.request({ method: 'GET', url: cardUrl(cardId) })).statusCode).toBe(404);
  });
});

describe('reception card: client merges', () => {
  it('moves the visit to the surviving client when two clients are merged', async () => {
    const desk = await receptionDesk(harness);
    const oral = { outcome: 'oral', oralAnswerConsent: true, answerText: 'Ответ дан устно' };
    const first = await preparedCard(desk, 0, { phone: '+7 913 000-00-01' });
    const survivor = (await closeCard(desk.official, first.cardId, oral)).json().clientId;
    const second = await preparedCard(desk, 1, { phone: '+7 913 000-00-02' });
    // preparedCard gives both the same e-mail: make the second one a different person's record.
    await desk.receptionist.request({
      method: 'PATCH',
      url: cardUrl(second.cardId),
      payload: { email: 'another@example.org' },
    });
    const merged = (await closeCard(desk.official, second.cardId, oral)).json().clientId;
    expect(merged).not.toBe(survivor);
    const merge = await desk.admin.request({
      method: 'POST',
      url: `/api/staff/clients/${survivor}/merge`,
      payload: { mergedId: merged },
    });
    expect(merge.statusCode, merge.body).toBe(200);
    const timeline = await desk.admin.request({
      method: 'GET',
      url: `/api/staff/clients/${survivor}/timeline`,
    });
    const visits = timeline.json().items.filter((item: { kind: string }) => item.kind === 'reception');
    expect(visits).toHaveLength(2);
    expect((await desk.admin.request({ method: 'GET', url: cardUrl(second.cardId) })).json().clientId).toBe(
      survivor,
    );
  });
});
