import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencyWithStaff, createHarness, type Harness, type StaffClient } from '../../testing/harness.js';
import {
  deliverPos,
  POS_EXPORT_HEADER,
  posAgencyWithSecret,
  posMessage,
  posRegisterOf,
  signed,
  POS_EXPORT_TEXT as text,
  uploadPosExport,
  xlsxOf,
} from '../../testing/import-fixtures.js';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness.close());

const dayOf = (offsetDays: number) =>
  new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
// The agency's local date may differ from UTC's: a window of three days holds «today» anywhere.
const aroundToday = `from=${dayOf(-1)}&to=${dayOf(1)}`;

describe('answers for upload back to ПОС', () => {
  it('lists the answered ПОС messages of the period with the platform id, text, date and executor', async () => {
    const { slug, staff, secret, userId } = await posAgencyWithSecret(harness);
    const message = posMessage();
    const body = JSON.stringify(message);
    await deliverPos(harness, slug, body, signed(secret, body));
    const id = (await posRegisterOf(staff)).items[0].id;
    const assigned = await staff.request({
      method: 'POST',
      url: `/api/staff/requests/${id}/assign`,
      payload: { departmentId: null, assigneeId: userId },
    });
    expect(assigned.statusCode).toBe(200);
    const answered = await staff.request({
      method: 'POST',
      url: `/api/staff/requests/${id}/answer`,
      payload: { text: 'Вывоз мусора возобновлён 25 ноября.', form: 'electronic' },
    });
    expect(answered.json().status).toBe('answered');

    const response = await staff.request({
      method: 'GET',
      url: `/api/staff/imports/pos/answers.xlsx?${aroundToday}`,
    });
    expect(response.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet?.getRow(1).values).toContain('Номер сообщения ПОС');
    const row = sheet?.getRow(2).values as string[];
    expect(row).toContain(message.id);
    expect(row).toContain('Вывоз мусора возобновлён 25 ноября.');
    expect(row.some((cell) => String(cell).startsWith('Сотрудник'))).toBe(true);
    expect(sheet?.rowCount).toBe(2);

    const empty = await staff.request({
      method: 'GET',
      url: '/api/staff/imports/pos/answers.xlsx?from=2020-01-01&to=2020-01-31',
    });
    const emptyBook = new ExcelJS.Workbook();
    await emptyBook.xlsx.load(empty.rawPayload as unknown as ArrayBuffer);
    expect(emptyBook.worksheets[0]?.rowCount).toBe(1);

    const reversed = await staff.request({
      method: 'GET',
      url: '/api/staff/imports/pos/answers.xlsx?from=2026-02-01&to=2026-01-01',
    });
    expect(reversed.statusCode).toBe(400);
  });

  it('keeps each agency to its own imports and answers', async () => {
    const a = await posAgencyWithSecret(harness);
    const b = await agencyWithStaff(harness, ['admin']);
    const body = JSON.stringify(posMessage());
    await deliverPos(harness, a.slug, body, signed(a.secret, body));
    const id = (await posRegisterOf(a.staff)).items[0].id;
    // Agency B's staff can neither see A's request nor find it in B's register or answers.
    expect((await b.staff.request({ method: 'GET', url: `/api/staff/requests/${id}` })).statusCode).toBe(404);
    expect((await posRegisterOf(b.staff)).total).toBe(0);
    // A's answered message is not in B's answers export.
    await a.staff.request({
      method: 'POST',
      url: `/api/staff/requests/${id}/assign`,
      payload: { departmentId: null, assigneeId: a.userId },
    });
    await a.staff.request({
      method: 'POST',
      url: `/api/staff/requests/${id}/answer`,
      payload: { text: 'Ответ ведомства A.', form: 'electronic' },
    });
    const answersOf = async (staff: StaffClient) => {
      const response = await staff.request({
        method: 'GET',
        url: `/api/staff/imports/pos/answers.xlsx?${aroundToday}`,
      });
      expect(response.statusCode).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
      return book.worksheets[0]?.rowCount;
    };
    expect(await answersOf(a.staff)).toBe(2);
    expect(await answersOf(b.staff)).toBe(1);
    // A's secret does not sign for B, and B's message id space is its own.
    expect((await deliverPos(harness, b.slug, body, signed(a.secret, body))).statusCode).toBe(401);
    const file = await xlsxOf([
      POS_EXPORT_HEADER,
      [JSON.parse(body).id, '20.11.2026 10:00', text, 'Иванов Иван', '', '', 'ЖКХ', '', 'нет'],
    ]);
    const rows = (await uploadPosExport(b.staff, 'pos.xlsx', file)).json().rows;
    expect(rows[0].status).toBe('created');
    expect(rows[0].requestId).not.toBe(id);
  });
});
