import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencyWithStaff, createHarness, type Harness } from '../../testing/harness.js';
import { expectTenantIsolation } from '../../testing/tenancy.js';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness.close());

const appeal = {
  kind: 'appeal',
  text: 'Прошу сообщить, когда будет отремонтирован фасад объекта культурного наследия на ул. Ленина.',
  name: 'Иванов Иван Иванович',
  email: 'ivanov@example.ru',
  notifyByEmail: true,
  consent: true,
};

const infoRequest = {
  ...appeal,
  kind: 'info_request',
  name: 'Петрова Мария',
  text: 'Прошу предоставить план проверок',
};

const submit = (slug: string, payload: unknown, headers: Record<string, string> = {}) =>
  harness.app.inject({
    method: 'POST',
    url: `/api/public/${slug}/requests`,
    payload: payload as object,
    headers,
  });

describe('portal intake', () => {
  it('registers a request with a yearly number, a tracking code and the 59-ФЗ deadline, and mails the client', async () => {
    const { slug, staff } = await agencyWithStaff(harness);
    const before = (await harness.outbox()).length;
    const response = await submit(slug, appeal);
    expect(response.statusCode).toBe(201);
    const body = response.json();
    const year = new Date(Date.now() + 7 * 3600_000).getUTCFullYear();
    expect(body.number).toBe(`${year}-00001`);
    expect(body.trackingCode).toMatch(/^[A-HJ-KM-NP-Z2-9]{10}$/);
    // 30 calendar days after registration, at the end of an agency-local (UTC+7) day: 16:59:59.999Z.
    const due = new Date(body.dueAt);
    expect(due.toISOString()).toMatch(/T16:59:59\.999Z$/);
    const days = (due.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(26);
    expect(days).toBeLessThanOrEqual(31);

    await staff.request({
      method: 'PATCH',
      url: '/api/staff/agency',
      payload: { requestNumberPrefix: 'ИНСП' },
    });
    const second = (await submit(slug, appeal)).json();
    expect(second.number).toBe(`ИНСП-${year}-00002`);

    // The acknowledgements are written before the statement takes the sequence; they must quote
    // the number it took, in words and in the status link, and nothing of the stand-in.
    const mails = (await harness.outbox()).slice(before).filter((m) => m.includes('ivanov@example.ru'));
    const mail = mails.find((m) => m.includes(`№ ${body.number} `));
    expect(mail).toContain(body.trackingCode);
    expect(mail).toContain(`/${slug}/requests/status?number=${body.number}&code=${body.trackingCode}`);
    const prefixed = mails.find((m) => m.includes(`№ ${second.number}`));
    expect(prefixed).toContain(
      `/${slug}/requests/status?number=${encodeURIComponent(second.number)}&code=${second.trackingCode}`,
    );
    for (const sent of mails) expect(sent).not.toMatch(/N[0-9a-f]{32}/);
  });

  it('numbers without gaps: a registration that fails takes its number back', async () => {
    const { slug } = await agencyWithStaff(harness);
    const first = (await submit(slug, appeal)).json();
    // Past the HTTP guards, text with a NUL fails inside the registration's statement itself.
    const input = {
      kind: 'appeal' as const,
      channel: 'portal' as const,
      text: 'Текст\u0000с нулевым символом',
      name: 'Иванов Иван',
      email: 'ivanov@example.ru',
      phone: null,
      notifyByEmail: true,
      idempotencyKey: null,
    };
    await expect(harness.services.requests.intake(slug, input)).rejects.toThrow();
    const next = (await submit(slug, appeal)).json();
    expect(Number(next.number.slice(-5))).toBe(Number(first.number.slice(-5)) + 1);
    const letters = (await harness.outbox()).filter((m) => m.includes('нулевым'));
    expect(letters).toEqual([]);
  });

  it('shows the status only to whoever holds the code, and says nothing about numbers without it', async () => {
    const { slug } = await agencyWithStaff(harness);
    const { number, trackingCode } = (await submit(slug, { ...appeal, notifyByEmail: false })).json();
    const ok = await harness.app.inject({
      method: 'GET',
      url: `/api/public/${slug}/requests/${number}?code=${trackingCode}`,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      number,
      status: 'registered',
      events: [{ status: 'received' }, { status: 'registered' }],
    });

    const wrong = await harness.app.inject({
      method: 'GET',
      url: `/api/public/${slug}/requests/${number}?code=AAAAAAAAAA`,
    });
    const missing = await harness.app.inject({
      method: 'GET',
      url: `/api/public/${slug}/requests/${number}`,
    });
    const absent = await harness.app.inject({
      method: 'GET',
      url: `/api/public/${slug}/requests/1999-00001?code=${trackingCode}`,
    });
    for (const response of [wrong, missing, absent]) {
      expect(response.statusCode).toBe(404);
      expect(response.json()).toEqual({
        error: 'request_not_found',
        message: 'Обращение не найдено: проверьте номер и код',
      });
    }
  });

  it('returns the same request for a repeated Idempotency-Key, also when sent concurrently', async () => {
    const { slug, staff } = await agencyWithStaff(harness);
    const headers = { 'idempotency-key': 'form-7f3a9c21' };
    const first = await submit(slug, appeal, headers);
    const again = await submit(slug, appeal, headers);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());

    const racing = await Promise.all(
      [1, 2, 3].map(() => submit(slug, appeal, { 'idempotency-key': 'race-key-0001' })),
    );
    expect(new Set(racing.map((r) => r.json().number)).size).toBe(1);
    const register = (await staff.request({ method: 'GET', url: '/api/staff/requests' })).json();
    expect(register.total).toBe(2);
  });

  it('refuses without consent, with a filled honeypot, and e-mail notifications without an address', async () => {
    const { slug, staff } = await agencyWithStaff(harness);
    const noConsent = await submit(slug, { ...appeal, consent: false });
    expect(noConsent.statusCode).toBe(400);
    expect(noConsent.json()).toMatchObject({ field: 'body.consent', error: 'consent_required' });
    const bot = await submit(slug, { ...appeal, website: 'http://spam.example' });
    expect(bot.statusCode).toBe(400);
    const noEmail = await submit(slug, { ...appeal, email: '' });
    expect(noEmail.json()).toMatchObject({ field: 'body.email' });
    const badKey = await submit(slug, appeal, { 'idempotency-key': 'x' });
    expect(badKey.json().field).toBe('headers.idempotency-key');
    expect((await staff.request({ method: 'GET', url: '/api/staff/requests' })).json().total).toBe(0);
  });

  it('rejects broken Unicode, NUL characters and oversized text by field, storing nothing', async () => {
    const { slug, staff } = await agencyWithStaff(harness);
    const lone = await submit(
      slug,
      `{"kind":"appeal","text":"abc \\ud800 def","name":"Иван","consent":true}`,
      {
        'content-type': 'application/json',
      },
    );
    expect(lone.statusCode).toBe(400);
    expect(lone.json()).toMatchObject({ field: 'body.text', error: 'malformed_text' });
    const nul = await submit(slug, { ...appeal, name: 'Ив\u0000ан' });
    expect(nul.json()).toMatchObject({ field: 'body.name', error: 'malformed_text' });
    const long = await submit(slug, { ...appeal, text: 'я'.repeat(10_001) });
    expect(long.json()).toMatchObject({ field: 'body.text', message: 'Не длиннее 10000 символов' });
    expect((await staff.request({ method: 'GET', url: '/api/staff/requests' })).json().total).toBe(0);
  });

  it('keeps script in the text as plain data', async () => {
    const { slug, staff } = await agencyWithStaff(harness);
    const text = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    await submit(slug, { ...appeal, text });
    const [summary] = (await staff.request({ method: 'GET', url: '/api/staff/requests' })).json().items;
    const detail = (await staff.request({ method: 'GET', url: `/api/staff/requests/${summary.id}` })).json();
    expect(detail.text).toBe(text);
  });

  it('never answers 5xx to any intake body (property test)', async () => {
    const { slug } = await agencyWithStaff(harness);
    const field = fc.oneof(
      fc.string({ maxLength: 50, unit: 'binary' }),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            kind: fc.oneof(fc.constantFrom('appeal', 'info_request'), field),
            text: field,
            name: field,
            email: field,
            phone: field,
            consent: fc.oneof(fc.constant(true), field),
            notifyByEmail: field,
          },
          { requiredKeys: [] },
        ),
        async (body) => {
          const response = await submit(slug, body);
          expect([200, 201, 400]).toContain(response.statusCode);
          if (response.statusCode === 400) expect(response.json().message).toMatch(/[а-яё]/i);
        },
      ),
      { numRuns: 120 },
    );
  });
});

describe('staff register', () => {
  it('lists, filters, searches and opens requests of the own agency', async () => {
    const { slug, staff } = await agencyWithStaff(harness, ['operator']);
    await submit(slug, appeal);
    await submit(slug, infoRequest);
    const all = (await staff.request({ method: 'GET', url: '/api/staff/requests?sort=receivedAt' })).json();
    expect(all.total).toBe(2);
    expect(all.items[0]).toMatchObject({ kind: 'info_request', status: 'registered', overdue: false });
    const info = (
      await staff.request({ method: 'GET', url: '/api/staff/requests?kind=info_request' })
    ).json();
    expect(info.items.map((r: { contactName: string }) => r.contactName)).toEqual(['Петрова Мария']);
    // Russian stemming: «планами предоставил» finds «предоставить план».
    const search = async (q: string) =>
      (await staff.request({ method: 'GET', url: `/api/staff/requests?q=${encodeURIComponent(q)}` })).json();
    const found = await search('планами предоставил');
    expect(found.total).toBe(1);
    expect((await search(found.items[0].number)).items.map((r: { id: string }) => r.id)).toEqual([
      found.items[0].id,
    ]);
    expect((await search("'):* & !(")).total).toBe(0);
    const detail = (
      await staff.request({ method: 'GET', url: `/api/staff/requests/${found.items[0].id}` })
    ).json();
    expect(detail).toMatchObject({ dueSource: '8-ФЗ ст. 21 ч. 1', contactEmail: 'ivanov@example.ru' });
    expect(detail.events.map((e: { status: string }) => e.status)).toEqual(['received', 'registered']);
  });

  it('exports the current view as XLSX with Russian headers and agency-local dates', async () => {
    const { slug, staff } = await agencyWithStaff(harness, ['analyst']);
    await submit(slug, appeal);
    await submit(slug, infoRequest);
    const response = await staff.request({
      method: 'GET',
      url: '/api/staff/requests/export.xlsx?kind=info_request',
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    expect(response.headers['content-disposition']).toMatch(
      /attachment; filename="register-\d{4}-\d{2}-\d{2}\.xlsx"/,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Реестр обращений');
    expect(sheet?.rowCount).toBe(2);
    expect(sheet?.getRow(1).getCell(1).value).toBe('№');
    const row = sheet?.getRow(2);
    expect(row?.getCell(2).value).toBe('Запрос информации о деятельности');
    expect(row?.getCell(4).value).toBe('Петрова Мария');
    expect(row?.getCell(7).value).toBe('8-ФЗ ст. 21 ч. 1');
    expect(row?.getCell(8).value).toBe('зарегистрировано');
    expect(String(row?.getCell(5).value)).toMatch(/^\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}$/);
    const other = await agencyWithStaff(harness);
    const foreign = await other.staff.request({ method: 'GET', url: '/api/staff/requests/export.xlsx' });
    const foreignBook = new ExcelJS.Workbook();
    await foreignBook.xlsx.load(foreign.rawPayload as unknown as ArrayBuffer);
    expect(foreignBook.getWorksheet('Реестр обращений')?.rowCount).toBe(1);
  });

  it('links requests from one e-mail address to one client', async () => {
    const { slug, staff } = await agencyWithStaff(harness);
    await submit(slug, appeal);
    await submit(slug, { ...appeal, email: 'IVANOV@example.ru', name: 'И. И. Иванов' });
    const items = (await staff.request({ method: 'GET', url: '/api/staff/requests' })).json().items;
    const details = await Promise.all(
      items.map((r: { id: string }) => staff.request({ method: 'GET', url: `/api/staff/requests/${r.id}` })),
    );
    const clientIds = new Set(details.map((d) => d.json().clientId));
    expect(clientIds.size).toBe(1);
  });

  it('keeps requests inside their agency', async () => {
    await expectTenantIsolation(harness, {
      create: async (staff) => {
        const slug = staff.info.currentAgency ?? '';
        await submit(slug, appeal);
        return (await staff.request({ method: 'GET', url: '/api/staff/requests' })).json().items[0].id;
      },
      requests: (id) => [{ method: 'GET', url: `/api/staff/requests/${id}` }],
      lists: ['/api/staff/requests'],
    });
  });
});
