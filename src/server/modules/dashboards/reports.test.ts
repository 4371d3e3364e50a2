import { sql } from 'drizzle-orm';
import { extractText } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencyWithStaff, createHarness, type Harness, type StaffClient } from '../../testing/harness.js';
import { colleague } from '../../testing/surveys.js';
import { lastPeriod } from './reports.js';

describe('report periods', () => {
  it('is the previous Monday-to-Sunday week, whatever the weekday', () => {
    for (const today of ['2026-11-23', '2026-11-25', '2026-11-29'])
      expect(lastPeriod('weekly', today)).toEqual({ from: '2026-11-16', to: '2026-11-22' });
    expect(lastPeriod('weekly', '2026-11-30')).toEqual({ from: '2026-11-23', to: '2026-11-29' });
  });

  it('is the previous calendar month, across a year', () => {
    expect(lastPeriod('monthly', '2026-11-26')).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(lastPeriod('monthly', '2026-01-05')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(lastPeriod('monthly', '2028-03-01')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
  });
});

describe('scheduled e-mail reports', () => {
  let harness: Harness;
  let head: StaffClient;
  let agencyId: string;
  // Wednesday, 25 November 2026, 10:00 in Novosibirsk: the last full week is 16–22 November.
  const now = new Date('2026-11-25T03:00:00Z');

  beforeAll(async () => {
    harness = await createHarness();
    const made = await agencyWithStaff(harness, ['admin']);
    agencyId = await harness.services.agencies.idBySlug(made.slug);
    head = await colleague(harness, made.slug, ['head']);
    for (const [n, received] of [
      '2026-11-17T05:00:00Z',
      '2026-11-20T05:00:00Z',
      '2026-11-24T05:00:00Z',
    ].entries())
      await harness.services.database.db.execute(sql`
        insert into requests (agency_id, number, kind, channel, status, text, contact_name, tracking_code,
          received_at, due_at, due_source)
        values (${agencyId}, ${`Р-${n}`}, 'appeal', 'email', 'registered', 'Вопрос', 'Заявитель', ${`r-${n}`},
          ${received}, '2026-12-20T05:00:00Z', 'test')`);
  }, 180_000);
  afterAll(() => harness.close());

  const subscribe = (staff: StaffClient, frequency: unknown) =>
    staff.request({ method: 'PUT', url: '/api/staff/dashboard/subscription', payload: { frequency } });

  it('is opted into per person, by those who read «Мониторинг»', async () => {
    expect((await subscribe(head, 'weekly')).json()).toEqual({ frequency: 'weekly' });
    const mine = await head.request({ method: 'GET', url: '/api/staff/dashboard/subscription' });
    expect(mine.json()).toEqual({ frequency: 'weekly' });
    const bad = await subscribe(head, 'daily');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ field: 'body.frequency' });
    const operator = await colleague(harness, (await harness.services.agencies.byId(agencyId)).slug, [
      'operator',
    ]);
    expect((await subscribe(operator, 'weekly')).statusCode).toBe(403);
  });

  it('sends the last full week once, with the PDF, however many nodes run the job', async () => {
    const sent = await Promise.all([
      harness.services.dashboardReports.sendDue(now),
      harness.services.dashboardReports.sendDue(now),
    ]);
    expect(sent[0] + sent[1]).toBe(1);
    expect(await harness.services.dashboardReports.sendDue(now)).toBe(0);
    const mails = (await harness.outboxMails()).filter((m) => m.subject?.startsWith('Мониторинг'));
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail?.to && !Array.isArray(mail.to) ? mail.to.text : '').toBe(head.email);
    expect(mail?.subject).toContain('2026-11-16 — 2026-11-22');
    // Two of the three requests fall in the week (the third came on Tuesday of this week).
    expect(mail?.text).toContain('Обращений: 2;');
    const pdf = mail?.attachments[0];
    expect(pdf?.contentType).toBe('application/pdf');
    const { text } = await extractText(new Uint8Array(pdf?.content ?? Buffer.alloc(0)), { mergePages: true });
    expect(text).toContain('Период: 2026-11-16 — 2026-11-22');
    expect(text).toMatch(/Всего обращений\s+2/);
  });

  it('stops when the person opts out', async () => {
    expect((await subscribe(head, null)).json()).toEqual({ frequency: null });
    expect(await harness.services.dashboardReports.sendDue(new Date(now.getTime() + 7 * 86_400_000))).toBe(0);
  });
});
