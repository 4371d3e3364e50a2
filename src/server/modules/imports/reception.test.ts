import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencyWithStaff, createHarness, type Harness, type StaffClient } from '../../testing/harness.js';
import { importForm, xlsxOf } from '../../testing/import-fixtures.js';
import { SMALL_PDF } from '../../testing/multipart.js';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness.close());

const upload = (staff: StaffClient, name: string, content: Buffer, query = '') =>
  staff.request({
    method: 'POST',
    url: `/api/staff/imports/governor-reception${query}`,
    ...importForm(name, content),
  });

const detail = async (staff: StaffClient, id: string) =>
  (await staff.request({ method: 'GET', url: `/api/staff/requests/${id}` })).json();

/** A message as the reception site forwards it: from its robot, the citizen in Reply-To, a PDF attached. */
function forwardedEml(subject: string, extraHeaders = '') {
  return Buffer.from(
    [
      'From: =?UTF-8?B?0J7QsdGJ0LXRgdGC0LLQtdC90L3QsNGPINC/0YDQuNGR0LzQvdCw0Y8=?= <robot@reception.nso.ru>',
      'Reply-To: =?UTF-8?B?0JrQvtCy0LDQu9GR0LIg0JjQs9C+0YDRjA==?= <kovalev@example.ru>',
      'To: dizo@nso.ru',
      `Subject: =?UTF-8?B?${Buffer.from(subject).toString('base64')}?=`,
      'Date: Fri, 20 Nov 2026 15:40:00 +0700',
      'MIME-Version: 1.0',
      ...(extraHeaders ? [extraHeaders] : []),
      'Content-Type: multipart/mixed; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('Прошу разъяснить порядок предоставления земельного участка многодетной семье.').toString(
        'base64',
      ),
      '--b1',
      'Content-Type: application/pdf; name="zayavlenie.pdf"',
      'Content-Disposition: attachment; filename="zayavlenie.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      SMALL_PDF.toString('base64'),
      '--b1--',
      '',
    ].join('\r\n'),
  );
}

describe("the Governor's public reception", () => {
  it('imports a forwarded e-mail as an appeal with the reception number, the citizen and the files; once', async () => {
    const { staff } = await agencyWithStaff(harness, ['operator']);
    const eml = forwardedEml('Обращение № ОП-2026-1187 с сайта Общественной приёмной');
    const [result] = (await upload(staff, 'message.eml', eml)).json().rows;
    expect(result).toMatchObject({ status: 'created', externalId: 'ОП-2026-1187' });
    const request = await detail(staff, result.requestId);
    expect(request).toMatchObject({
      kind: 'appeal',
      channel: 'governor_reception',
      contactName: 'Ковалёв Игорь',
      contactEmail: 'kovalev@example.ru',
      receivedAt: '2026-11-20T08:40:00.000Z',
      externalSource: { documentNumber: 'ОП-2026-1187' },
    });
    expect(request.text).toContain('многодетной семье');
    expect(request.attachments.map((a: { name: string }) => a.name)).toEqual(['zayavlenie.pdf']);

    const again = (await upload(staff, 'message.eml', eml)).json().rows[0];
    expect(again).toMatchObject({ status: 'duplicate', requestId: result.requestId });
  });

  it('takes the number from X-Reception-Number or from staff, and refuses a message without one', async () => {
    const { staff } = await agencyWithStaff(harness, ['operator']);
    const header = (
      await upload(staff, 'a.eml', forwardedEml('Обращение', 'X-Reception-Number: 77-5'))
    ).json();
    expect(header.rows[0].externalId).toBe('77-5');
    const given = (await upload(staff, 'b.eml', forwardedEml('Без номера'), '?number=ОП-9')).json();
    expect(given.rows[0].externalId).toBe('ОП-9');
    const none = await upload(staff, 'c.eml', forwardedEml('Без номера'));
    expect(none.statusCode).toBe(400);
    expect(none.json().message).toBe('Нет номера Общественной приёмной');
  });

  it('imports XLSX and JSON rows, reporting a bad row by its number', async () => {
    const { staff } = await agencyWithStaff(harness, ['operator']);
    const text = 'Прошу сообщить сроки ремонта дороги к садовому обществу.';
    const xlsx = await xlsxOf([
      ['Номер', 'Дата', 'ФИО', 'Электронная почта', 'Телефон', 'Текст'],
      ['R-1', '18.11.2026 12:00', 'Фёдоров Павел', '', '', text],
      ['R-2', '18.11.2026 12:30', '', '', '', text],
    ]);
    const rows = (await upload(staff, 'reception.xlsx', xlsx)).json().rows;
    expect(rows).toMatchObject([
      { row: 2, status: 'created', externalId: 'R-1' },
      { row: 3, status: 'error', message: 'Не указан заявитель' },
    ]);
    const json = Buffer.from(
      JSON.stringify([
        { number: 'R-1', receivedAt: '2026-11-18T05:00:00Z', name: 'Фёдоров Павел', text },
        {
          number: 'R-3',
          receivedAt: '2026-11-19T05:00:00Z',
          name: 'Громова Ирина',
          email: 'gromova@example.ru',
          text,
        },
      ]),
    );
    const fromJson = (await upload(staff, 'reception.json', json)).json().rows;
    expect(fromJson).toMatchObject([
      { row: 1, status: 'duplicate', requestId: rows[0].requestId },
      { row: 2, status: 'created', externalId: 'R-3' },
    ]);
    const broken = await upload(staff, 'reception.json', Buffer.from('[{"number": '));
    expect(broken.json()).toMatchObject({ field: 'body.file', message: expect.stringMatching(/JSON/) });
    const unknown = await upload(staff, 'reception.doc', SMALL_PDF);
    expect(unknown.json().message).toMatch(/\.eml, таблицу XLSX или CSV/);
  });
});
