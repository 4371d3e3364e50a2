import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencyWithStaff, createHarness, type Harness } from '../../testing/harness.js';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness.close());

const appeal = {
  kind: 'appeal',
  text: 'Прошу отремонтировать дорогу у дома 5 по ул. Садовой',
  name: 'Ковалёв Игорь',
  email: 'kovalev@example.ru',
  notifyByEmail: true,
  consent: true,
};

describe('redirect by competence (59-ФЗ ст. 8 ч. 3)', () => {
  it('within Otklik: registers a linked request in the other agency and tells the client both numbers', async () => {
    const from = await agencyWithStaff(harness, ['operator']);
    const to = await agencyWithStaff(harness, ['operator']);
    const submitted = (
      await harness.app.inject({ method: 'POST', url: `/api/public/${from.slug}/requests`, payload: appeal })
    ).json();
    const id = (await from.staff.request({ method: 'GET', url: '/api/staff/requests' })).json().items[0].id;
    const outboxBefore = (await harness.outbox()).length;

    const redirect = (payload: object) =>
      from.staff.request({ method: 'POST', url: `/api/staff/requests/${id}/redirect`, payload });
    const self = await redirect({ agency: from.slug, reason: 'Не наш вопрос' });
    expect(self.statusCode).toBe(400);
    expect(self.json().field).toBe('body.agency');
    const unknown = await redirect({ agency: 'no-such-agency', reason: 'Не наш вопрос' });
    expect(unknown.json()).toMatchObject({ field: 'body.agency' });
    const neither = await redirect({ reason: 'Не наш вопрос' });
    expect(neither.json()).toMatchObject({ field: 'body.addressee' });

    const done = await redirect({ agency: to.slug, reason: 'Вопрос дорожного хозяйства' });
    expect(done.statusCode).toBe(200);
    expect(done.json().status).toBe('redirected');

    const theirs = (await to.staff.request({ method: 'GET', url: '/api/staff/requests' })).json().items;
    expect(theirs).toHaveLength(1);
    const copy = (
      await to.staff.request({ method: 'GET', url: `/api/staff/requests/${theirs[0].id}` })
    ).json();
    expect(copy).toMatchObject({ text: appeal.text, contactEmail: appeal.email, status: 'registered' });
    expect(copy.events.some((e: { note: string | null }) => e.note?.includes(submitted.number))).toBe(true);
    expect(done.json().redirectAddressee).toContain('Тестовое ведомство');
    const note = done.json().events.at(-1).note as string;
    expect(note).toContain(`№ ${copy.number}`);

    const mails = (await harness.outbox()).slice(outboxBefore).filter((m) => m.includes(appeal.email));
    expect(mails.some((m) => m.includes(`№ ${copy.number} зарегистрировано`))).toBe(true);
    expect(mails.some((m) => m.includes('перенаправлено'))).toBe(true);

    // The original is finished: a second redirect is refused and makes no second copy.
    const again = await redirect({ agency: to.slug, reason: 'Ещё раз' });
    expect(again.statusCode).toBe(409);
    expect((await to.staff.request({ method: 'GET', url: '/api/staff/requests' })).json().total).toBe(1);
  });

  it('outside Otklik: records the addressee in words', async () => {
    const from = await agencyWithStaff(harness, ['operator']);
    await harness.app.inject({ method: 'POST', url: `/api/public/${from.slug}/requests`, payload: appeal });
    const id = (await from.staff.request({ method: 'GET', url: '/api/staff/requests' })).json().items[0].id;
    const done = await from.staff.request({
      method: 'POST',
      url: `/api/staff/requests/${id}/redirect`,
      payload: { addressee: 'Мэрия г. Новосибирска', reason: 'Дороги местного значения' },
    });
    expect(done.json()).toMatchObject({ status: 'redirected', redirectAddressee: 'Мэрия г. Новосибирска' });
  });
});
