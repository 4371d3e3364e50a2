import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSmsGateway, startFakeSmsGateway } from '../../testing/fake-sms-gateway.js';
import { agencyWithStaff, createHarness, type Harness } from '../../testing/harness.js';
import { createReceptionService } from './service.js';
import { smsDateTime } from './sms-notices.js';

let fake: FakeSmsGateway;
let harness: Harness;
beforeAll(async () => {
  fake = await startFakeSmsGateway();
  harness = await createHarness({ SMS_GATEWAY_URL: fake.url, OUTBOX_RETRY_BASE_MS: '0' });
});
afterAll(async () => {
  await harness.close();
  await fake.close();
});

const DAILY = { weekdays: [1, 2, 3, 4, 5, 6, 7], start: '10:00', end: '12:00', minutes: 30 };
const ahead = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** An agency with a daily schedule two to four weeks ahead; returns its staff and free slots. */
async function agencyWithSlots() {
  const { slug, staff, agency } = await agencyWithStaff(harness, ['admin']);
  const official = await staff.request({
    method: 'POST',
    url: '/api/staff/reception/officials',
    payload: { name: 'Иванов Иван Иванович', position: 'Руководитель' },
  });
  const generated = await staff.request({
    method: 'POST',
    url: '/api/staff/reception/slots/generate',
    payload: { officialId: official.json().id, from: ahead(14), to: ahead(27), pattern: DAILY },
  });
  expect(generated.statusCode, generated.body).toBe(201);
  const slots = (
    await harness.app.inject({ method: 'GET', url: `/api/public/${slug}/reception/slots` })
  ).json<{ id: string; startsAt: string }[]>();
  return { slug, staff, agency, slots };
}

const bookPublic = (slug: string, payload: Record<string, unknown>) =>
  harness.app.inject({
    method: 'POST',
    url: `/api/public/${slug}/bookings`,
    payload: { name: 'Петрова Анна', topic: 'Сохранение фасада дома', consent: true, ...payload },
  });

/** SMS the gateway received for a number, after the outbox delivered what is due. */
async function smsTo(number: string) {
  await harness.services.outbox.drain();
  return fake.requests.filter((sms) => sms.to === number);
}

describe('booking confirmation by SMS', () => {
  it('texts the date, time and a working cancel link to a mobile given without e-mail', async () => {
    const { slug, agency, slots } = await agencyWithSlots();
    const slot = slots[0];
    const booked = await bookPublic(slug, { slotId: slot?.id, phone: '8 (913) 700-00-01' });
    expect(booked.statusCode, booked.body).toBe(201);

    const [sms, ...more] = await smsTo('+79137000001');
    expect(more).toHaveLength(0);
    const when = smsDateTime(new Date(slot?.startsAt ?? ''), agency.timezone);
    expect(when).toMatch(/^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}$/);
    expect(sms?.text).toContain(`Вы записаны на личный приём ${when}, ${agency.shortName}.`);
    const link = /Отменить: (\S+)$/.exec(sms?.text ?? '')?.[1] ?? '';
    expect(link).toMatch(
      new RegExp(`^${harness.config.publicUrl}/${slug}/bookings/cancel\\?token=[\\w-]{43}$`),
    );

    const token = new URL(link).searchParams.get('token');
    const cancelled = await harness.app.inject({
      method: 'POST',
      url: `/api/public/${slug}/bookings/cancel`,
      payload: { token },
    });
    expect(cancelled.statusCode).toBe(200);
  });

  it('texts staff bookings too, and nothing for a landline or a refused booking', async () => {
    const { slug, staff, slots } = await agencyWithSlots();
    const staffBooking = await staff.request({
      method: 'POST',
      url: '/api/staff/reception/bookings',
      payload: {
        slotId: slots[0]?.id,
        source: 'oral',
        name: 'Сидоров Пётр',
        phone: '+7 913 700-00-02',
        topic: 'Крыша',
      },
    });
    expect(staffBooking.statusCode, staffBooking.body).toBe(201);
    expect(staffBooking.json().phone).toBe('+79137000002');
    expect(await smsTo('+79137000002')).toHaveLength(1);

    const landline = await bookPublic(slug, { slotId: slots[1]?.id, phone: '+7 383 222-33-44' });
    expect(landline.statusCode).toBe(201);
    expect(await smsTo('+73832223344')).toHaveLength(0);

    const taken = await bookPublic(slug, { slotId: slots[0]?.id, phone: '+7 913 700-00-03' });
    expect(taken.statusCode).toBe(409);
    expect(await smsTo('+79137000003')).toHaveLength(0);
  });

  it('refuses a phone that is not a number, in Russian, naming the field, and books nothing', async () => {
    const { slug, slots } = await agencyWithSlots();
    for (const phone of ['12345', '+7 913 12', '8 000 000-00-00', '8 800 ab']) {
      const response = await bookPublic(slug, { slotId: slots[0]?.id, phone });
      expect(response.statusCode, phone).toBe(400);
      expect(response.json().field).toBe('body.phone');
      // Letters stop at the schema; digits that make no number reach the phone rule and its hint.
      expect(response.json().message).toMatch(phone.includes('ab') ? /[а-я]/ : /Номер телефона не распознан/);
    }
    expect((await bookPublic(slug, { slotId: slots[0]?.id, phone: '+7 913 700-00-04' })).statusCode).toBe(
      201,
    );
  });
});

describe('reminder by SMS', () => {
  it('texts once the day before, even with two nodes sweeping at once, and not after a cancellation', async () => {
    const { slug, staff, agency, slots } = await agencyWithSlots();
    const [first, second] = slots;
    await bookPublic(slug, { slotId: first?.id, phone: '+7 913 700-00-05', email: 'both@example.org' });
    const gone = await bookPublic(slug, { slotId: second?.id, phone: '+7 913 700-00-06' });
    await staff.request({ method: 'POST', url: `/api/staff/reception/bookings/${gone.json().id}/cancel` });

    const { services } = harness;
    const otherNode = createReceptionService({
      db: services.database.db,
      audit: services.audit,
      agencies: services.agencies,
      calendar: services.calendar,
      mailer: services.outbox.mailer,
      sms: services.sms,
      publicUrl: harness.config.publicUrl,
    });
    const start = new Date(first?.startsAt ?? '');
    const dayBefore = new Date(start.getTime() - 20 * 3600_000);
    await services.reception.remindAll(new Date(start.getTime() - 48 * 3600_000));
    await Promise.all([services.reception.remindAll(dayBefore), otherNode.remindAll(dayBefore)]);
    await services.reception.remindAll(new Date(dayBefore.getTime() + 3600_000));

    const reminders = (await smsTo('+79137000005')).filter((sms) => sms.text.startsWith('Напоминаем'));
    expect(reminders).toHaveLength(1);
    expect(reminders[0]?.text).toContain(smsDateTime(start, agency.timezone));
    expect((await smsTo('+79137000006')).filter((sms) => sms.text.startsWith('Напоминаем'))).toHaveLength(0);
    // The e-mail reminder rides on the same claim: one of each.
    const mails = await harness.outbox();
    expect(
      mails.filter((m) => m.startsWith('To: both@example.org') && m.includes('Напоминание')),
    ).toHaveLength(1);
  });
});
