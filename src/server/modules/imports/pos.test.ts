import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencyWithStaff, createHarness, type Harness, type StaffClient } from '../../testing/harness.js';
import {
  csvOf,
  deliverPos,
  POS_EXPORT_HEADER,
  posAgencyWithSecret,
  posMessage,
  posRegisterOf,
  signed,
  POS_EXPORT_TEXT as text,
  uploadPosExport,
  windows1251,
  xlsxOf,
} from '../../testing/import-fixtures.js';
import { POS_WEBHOOK_MAX_BYTES } from './webhook.routes.js';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness.close());

const detail = async (staff: StaffClient, id: string) =>
  (await staff.request({ method: 'GET', url: `/api/staff/requests/${id}` })).json();

const hoursUntil = (iso: string) => (new Date(iso).getTime() - Date.now()) / 3_600_000;

describe('ПОС webhook', () => {
  it('registers a signed message with the platform date and categories, once per platform id', async () => {
    const { slug, staff, secret } = await posAgencyWithSecret(harness);
    const message = posMessage();
    const body = JSON.stringify(message);
    const first = await deliverPos(harness, slug, body, signed(secret, body));
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ id: message.id, duplicate: false });

    const again = await deliverPos(harness, slug, body, signed(secret, body));
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ number: first.json().number, duplicate: true });

    const register = await posRegisterOf(staff);
    expect(register.total).toBe(1);
    const request = await detail(staff, register.items[0].id);
    expect(request).toMatchObject({
      kind: 'pos_message',
      channel: 'pos',
      number: first.json().number,
      receivedAt: message.createdAt,
      contactName: 'Петрова Анна',
      contactEmail: 'petrova@example.ru',
      urgent: false,
      externalCategory: { category: 'ЖКХ', subcategory: 'Вывоз мусора' },
    });
    expect(request.dueSource).toContain('1802');
    expect(hoursUntil(request.dueAt)).toBeGreaterThan(10 * 24);
  });

  it('gives a fast-track message the shortened term', async () => {
    const { slug, staff, secret } = await posAgencyWithSecret(harness);
    const body = JSON.stringify(posMessage({ fastTrack: true }));
    expect((await deliverPos(harness, slug, body, signed(secret, body))).statusCode).toBe(201);
    const request = await detail(staff, (await posRegisterOf(staff)).items[0].id);
    expect(request.urgent).toBe(true);
    expect(request.dueSource).toContain('Фаст-трек');
    expect(hoursUntil(request.dueAt)).toBeLessThan(6 * 24);
  });

  it('refuses a forged, missing or stale signature with 401 and stores nothing', async () => {
    const { slug, staff, secret } = await posAgencyWithSecret(harness);
    const body = JSON.stringify(posMessage());
    const forged = await deliverPos(harness, slug, body, signed('not the secret', body));
    expect(forged.statusCode).toBe(401);
    expect(forged.json()).toMatchObject({ error: 'bad_signature' });
    expect(forged.json().message).toMatch(/Подпись запроса/);
    // Signed over other bytes: the signature covers the raw body, not its meaning.
    expect((await deliverPos(harness, slug, body, signed(secret, `${body} `))).statusCode).toBe(401);
    const unsigned = await harness.app.inject({
      method: 'POST',
      url: `/api/channels/pos/${slug}`,
      headers: { 'content-type': 'application/json' },
      payload: body,
    });
    expect(unsigned.statusCode).toBe(401);

    // After a rotation the old secret no longer opens the door.
    const rotated = await staff.request({ method: 'POST', url: '/api/staff/imports/pos/secret' });
    expect(rotated.json().secret).not.toBe(secret);
    expect((await deliverPos(harness, slug, body, signed(secret, body))).statusCode).toBe(401);
    expect((await posRegisterOf(staff)).total).toBe(0);
  });

  it('refuses an agency without a configured secret, an oversize body and malformed payloads', async () => {
    const { slug: bare } = await agencyWithStaff(harness, ['admin']);
    const body = JSON.stringify(posMessage());
    const unconfigured = await deliverPos(harness, bare, body, signed('x', body));
    expect(unconfigured.statusCode).toBe(401);
    expect(unconfigured.json().message).toMatch(/не настроен/);

    const { slug, staff, secret } = await posAgencyWithSecret(harness);
    const huge = JSON.stringify(posMessage({ text: 'я'.repeat(POS_WEBHOOK_MAX_BYTES) }));
    const oversize = await deliverPos(harness, slug, huge, signed(secret, huge));
    expect(oversize.statusCode).toBe(413);
    expect(oversize.json().message).toMatch(/слишком большое/);

    const broken = '{"id": "POS-1", ';
    const notJson = await deliverPos(harness, slug, broken, signed(secret, broken));
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json().message).toMatch(/JSON/);

    const noCategory = JSON.stringify({ ...posMessage(), category: '' });
    const invalid = await deliverPos(harness, slug, noCategory, signed(secret, noCategory));
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().field).toBe('body.category');

    const future = JSON.stringify(posMessage({ createdAt: new Date(Date.now() + 86_400_000).toISOString() }));
    expect((await deliverPos(harness, slug, future, signed(secret, future))).json().field).toBe(
      'body.createdAt',
    );
    expect((await posRegisterOf(staff)).total).toBe(0);
  });

  it('shows the secret only to administrators, and its status without the value', async () => {
    const { staff } = await posAgencyWithSecret(harness);
    const status = await staff.request({ method: 'GET', url: '/api/staff/imports/pos/secret' });
    expect(status.json()).toMatchObject({ configured: true });
    expect(status.body).not.toMatch(/secret"/);
    const { staff: operator } = await agencyWithStaff(harness, ['operator']);
    expect(
      (await operator.request({ method: 'POST', url: '/api/staff/imports/pos/secret' })).statusCode,
    ).toBe(403);
  });
});

describe('ПОС export files', () => {
  it('imports an XLSX export: a bad row is reported by its number, the rest registered, repeats are duplicates', async () => {
    const { staff } = await agencyWithStaff(harness, ['operator']);
    const file = await xlsxOf([
      POS_EXPORT_HEADER,
      [
        'X-1',
        new Date('2026-11-20T10:15:00Z'),
        text,
        'Иванов Иван',
        'ivanov@example.ru',
        '',
        'Благоустройство',
        'Детские площадки',
        'нет',
      ],
      ['X-2', '20.11.2026 11:00', text, 'Смирнова Ольга', 'не почта', '', 'Благоустройство', '', 'да'],
      ['X-3', '21.11.2026', text, 'Кузнецов Пётр', '', '+7 383 200-00-00', 'Дороги', 'Ямочный ремонт', 'да'],
    ]);
    const preview = await uploadPosExport(staff, 'pos.xlsx', file, true);
    expect(preview.statusCode).toBe(200);
    expect(preview.json().rows.map((r: { status: string }) => r.status)).toEqual(['ready', 'error', 'ready']);
    expect((await posRegisterOf(staff)).total).toBe(0);

    const imported = (await uploadPosExport(staff, 'pos.xlsx', file)).json().rows;
    expect(imported).toMatchObject([
      { row: 2, status: 'created', externalId: 'X-1' },
      { row: 3, status: 'error' },
      { row: 4, status: 'created', externalId: 'X-3' },
    ]);
    expect(imported[1].message).toMatch(/не почта/);
    const first = await detail(staff, imported[0].requestId);
    // 10:15 in the cell is Novosibirsk time (UTC+7).
    expect(first.receivedAt).toBe('2026-11-20T03:15:00.000Z');
    expect(first.externalCategory).toEqual({ category: 'Благоустройство', subcategory: 'Детские площадки' });
    const third = await detail(staff, imported[2].requestId);
    expect(third).toMatchObject({ urgent: true, contactPhone: '+7 383 200-00-00' });
    expect(third.dueSource).toContain('Фаст-трек');

    const again = (await uploadPosExport(staff, 'pos.xlsx', file)).json().rows;
    expect(again.map((r: { status: string }) => r.status)).toEqual(['duplicate', 'error', 'duplicate']);
    expect(again[0].requestId).toBe(imported[0].requestId);
    expect((await posRegisterOf(staff)).total).toBe(2);
  });

  it('imports a CSV export (semicolons, Windows-1251) and names the missing columns of a wrong file', async () => {
    const { staff } = await agencyWithStaff(harness, ['operator']);
    const utf8 = csvOf([
      POS_EXPORT_HEADER,
      ['C-1', '19.11.2026 09:00', text, 'Орлова Нина', '', '', 'Транспорт', 'Остановки', 'нет'],
      ['', '19.11.2026 09:05', text, 'Без номера', '', '', 'Транспорт', '', 'нет'],
      ['C-3', '31.02.2026', text, 'Неверная дата', '', '', 'Транспорт', '', 'нет'],
      ['C-4', '19.11.2026 09:10', text, 'Лебедев Олег', '', '', 'Транспорт', '', 'может быть'],
    ]);
    const cp1251 = windows1251(utf8.toString('utf8'));
    const rows = (await uploadPosExport(staff, 'export.csv', cp1251)).json().rows;
    expect(rows.map((r: { status: string }) => r.status)).toEqual(['created', 'error', 'error', 'error']);
    expect(rows[1]).toMatchObject({ row: 3, message: 'Нет номера сообщения ПОС' });
    expect(rows[2].message).toMatch(/Дата поступления/);
    expect(rows[3].message).toMatch(/Фаст-трек/);

    const wrong = await uploadPosExport(
      staff,
      'other.csv',
      csvOf([
        ['Номер', 'Описание'],
        ['1', 'что-то'],
      ]),
    );
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ field: 'body.file', error: 'missing_columns' });
    expect(wrong.json().message).toContain('«Дата поступления»');

    const notTable = await uploadPosExport(staff, 'pos.xlsx', Buffer.from('это не xlsx'));
    expect(notTable.json().message).toMatch(/XLSX повреждён/);
  });
});
