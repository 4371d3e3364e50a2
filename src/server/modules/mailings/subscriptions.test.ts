import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldCrypto } from '../../lib/field-crypto.js';
import { agencyWithStaff, createHarness, type Harness, uniqueEmail } from '../../testing/harness.js';
import { addressOf, confirmationToken, confirmedSubscriber, subscribe } from '../../testing/mailings.js';
import { expectTenantIsolation } from '../../testing/tenancy.js';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness({ SUBSCRIBE_RATE_PER_MINUTE: '1000' });
});
afterAll(() => harness.close());

const subscriberByEmail = async (
  staff: Awaited<ReturnType<typeof agencyWithStaff>>['staff'],
  email: string,
) => {
  const list = await staff.request({ method: 'GET', url: `/api/staff/mailings/subscribers?q=${email}` });
  expect(list.statusCode).toBe(200);
  return list.json().items[0] as { id: string; status: string; topicIds: string[] } | undefined;
};

describe('subscription with double opt-in (seed 004 p. 14)', () => {
  it('shows the preset topics and consent text, and activates only after the e-mailed link', async () => {
    const { slug, staff } = await agencyWithStaff(harness);
    const form = (await harness.app.inject({ url: `/api/public/${slug}/subscriptions/form` })).json();
    expect(form.topics.map((t: { title: string }) => t.title)).toEqual([
      'Новости ведомства',
      'Приём граждан',
      'Государственные услуги',
    ]);
    expect(form.consentText).toContain('согласие');

    const email = uniqueEmail('citizen');
    const response = await subscribe(harness, slug, {
      email: ` ${email.toUpperCase()} `,
      topics: [form.topics[1].id],
    });
    expect(response.statusCode).toBe(202);
    expect((await subscriberByEmail(staff, email))?.status).toBe('pending');

    const mails = (await harness.outboxMails()).filter((mail) => addressOf(mail) === email);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toContain('Подтвердите подписку');
    const token = await confirmationToken(harness, email);
    const confirmed = await harness.app.inject({
      method: 'POST',
      url: `/api/public/${slug}/subscriptions/confirm`,
      payload: { token },
    });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json().topics).toEqual(['Приём граждан']);
    const active = await subscriberByEmail(staff, email);
    expect(active?.status).toBe('active');
    expect(active?.topicIds).toEqual([form.topics[1].id]);

    // The link is one-time.
    const again = await harness.app.inject({
      method: 'POST',
      url: `/api/public/${slug}/subscriptions/confirm`,
      payload: { token },
    });
    expect(again.statusCode).toBe(404);
    expect(again.json().message).toMatch(/недействительна/);

    const ledger = (
      await staff.request({ url: `/api/staff/mailings/subscribers/${active?.id}/consents` })
    ).json();
    expect(ledger.map((r: { event: string; method: string }) => `${r.event}/${r.method}`)).toEqual([
      'given/portal_form',
      'confirmed/confirmation_link',
    ]);
    expect(ledger[0].consentText).toBe(form.consentText);
    expect(ledger[0].sourcePage).toBe(`/${slug}/subscribe`);
    expect(ledger[1].topics).toEqual(['Приём граждан']);
  });

  it('answers the same for a known address and stores the token only as a hash', async () => {
    const { slug } = await agencyWithStaff(harness);
    const email = uniqueEmail('known');
    await confirmedSubscriber(harness, slug, email);
    const known = await subscribe(harness, slug, { email });
    const fresh = await subscribe(harness, slug, { email: uniqueEmail('fresh') });
    expect(known.statusCode).toBe(fresh.statusCode);
    expect(known.body).toBe(fresh.body);
    const token = await confirmationToken(harness, email);
    const stored = (await harness.services.database.db.execute(
      sql`select confirm_token_hash from mailing_subscribers where email_index = ${fieldCrypto().blindIndex(email)}`,
    )) as unknown as { rows: { confirm_token_hash: string }[] };
    const hash = stored.rows[0]?.confirm_token_hash;
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(token);
  });

  it('refuses invalid input with a Russian message and a field path', async () => {
    const { slug } = await agencyWithStaff(harness);
    const cases: [Record<string, unknown>, string][] = [
      [{ email: 'not-an-address' }, 'body.email'],
      [{ email: 'a@b.ru\r\nBcc: victim@x.ru' }, 'body.email'],
      [{ email: 'a@b.ru, c@d.ru' }, 'body.email'],
      [{ email: uniqueEmail(), consent: false }, 'body.consent'],
      [{ email: uniqueEmail(), topics: ['00000000-0000-4000-8000-000000000000'] }, 'body.topics'],
      [{ email: uniqueEmail(), extra: 1 }, 'body'],
    ];
    for (const [payload, field] of cases) {
      const response = await subscribe(harness, slug, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().field ?? '', JSON.stringify(payload)).toContain(field);
      expect(response.json().message).toMatch(/[а-яё]/i);
    }
    const huge = await harness.app.inject({
      method: 'POST',
      url: `/api/public/${slug}/subscriptions`,
      payload: { email: uniqueEmail(), consent: true, sourcePage: 'x'.repeat(5 * 1024 * 1024) },
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().message).toMatch(/слишком большое/);
  });

  it('stops a flood of subscriptions from one IP with 429', async () => {
    const limited = await createHarness({ SUBSCRIBE_RATE_PER_MINUTE: '3' });
    try {
      const { slug } = await agencyWithStaff(limited);
      const codes: number[] = [];
      for (let i = 0; i < 5; i++)
        codes.push((await subscribe(limited, slug, { email: uniqueEmail() }, '10.9.9.9')).statusCode);
      expect(codes).toEqual([202, 202, 202, 429, 429]);
      const other = await subscribe(limited, slug, { email: uniqueEmail() }, '10.9.9.10');
      expect(other.statusCode).toBe(202);
      const flooded = await subscribe(limited, slug, { email: uniqueEmail() }, '10.9.9.9');
      expect(flooded.json().message).toMatch(/Слишком много запросов/);
    } finally {
      await limited.close();
    }
    // A harness of its own migrates a fresh database: on a loaded machine that alone nears 30 s.
  }, 120_000);
});

describe('hostile input to the public mailing endpoints', () => {
  it('never answers 5xx, and every refusal is Russian', async () => {
    const { slug } = await agencyWithStaff(harness);
    await fc.assert(
      fc.asyncProperty(
        fc.record({ email: fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.emailAddress()) }),
        fc.string({ unit: 'binary', minLength: 1, maxLength: 120 }),
        async (body, token) => {
          const responses = [
            await subscribe(harness, slug, body),
            await harness.app.inject({
              method: 'POST',
              url: `/${slug}/unsubscribe/${encodeURIComponent(token)}`,
              headers: { 'content-type': 'application/x-www-form-urlencoded' },
              payload: 'List-Unsubscribe=One-Click',
            }),
            await harness.app.inject({ url: `/api/public/${slug}/unsubscribe/${encodeURIComponent(token)}` }),
          ];
          for (const response of responses) {
            expect(response.statusCode).toBeLessThan(500);
            if (response.statusCode >= 400) expect(response.json().message).toMatch(/[а-яё]/i);
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('consent ledger', () => {
  it('refuses UPDATE and DELETE at the database', async () => {
    const { slug } = await agencyWithStaff(harness);
    await confirmedSubscriber(harness, slug, uniqueEmail());
    const db = harness.services.database.db;
    await expect(db.execute(sql`update mailing_consent_events set event = 'revoked'`)).rejects.toThrow();
    await expect(db.execute(sql`delete from mailing_consent_events`)).rejects.toThrow();
  });

  it('exports every event as a spreadsheet, staff revocation included', async () => {
    const { slug, staff } = await agencyWithStaff(harness);
    const email = uniqueEmail('export');
    await confirmedSubscriber(harness, slug, email);
    const subscriber = await subscriberByEmail(staff, email);
    const revoked = await staff.request({
      method: 'POST',
      url: `/api/staff/mailings/subscribers/${subscriber?.id}/revoke`,
    });
    expect(revoked.json().status).toBe('revoked');
    const response = await staff.request({ url: '/api/staff/mailings/consents/export.xlsx' });
    expect(response.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Журнал согласий');
    const events = [2, 3, 4].map((n) => sheet?.getRow(n).getCell(3).text);
    expect(events).toEqual(['дано', 'подтверждено', 'отозвано']);
    expect(sheet?.getRow(4).getCell(4).text).toBe('по обращению, сотрудником');
    expect(sheet?.getRow(2).getCell(2).text).toBe(email);
  });
});

describe('access', () => {
  it('keeps subscribers and their ledger from another agency', async () => {
    await expectTenantIsolation(harness, {
      async create(staffOfA) {
        const email = uniqueEmail('tenant');
        await confirmedSubscriber(harness, staffOfA.info.currentAgency as string, email);
        return (await subscriberByEmail(staffOfA, email))?.id as string;
      },
      requests: (id) => [
        { method: 'GET', url: `/api/staff/mailings/subscribers/${id}/consents` },
        { method: 'POST', url: `/api/staff/mailings/subscribers/${id}/revoke` },
      ],
      lists: ['/api/staff/mailings/subscribers'],
    });
  });

  it('is for the administrator and the head, not operators', async () => {
    const { staff } = await agencyWithStaff(harness, ['operator']);
    expect((await staff.request({ url: '/api/staff/mailings/subscribers' })).statusCode).toBe(403);
    const head = await agencyWithStaff(harness, ['head']);
    expect((await head.staff.request({ url: '/api/staff/mailings/topics' })).statusCode).toBe(200);
  });
});
