import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencyWithStaff, createHarness, type Harness, type StaffClient } from '../../testing/harness.js';
import { envelopeXml, importForm, passportXml, zipOf } from '../../testing/import-fixtures.js';
import { EXE, SMALL_PDF } from '../../testing/multipart.js';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness.close());

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

const upload = (staff: StaffClient, content: Buffer, name = 'container.zip') =>
  staff.request({ method: 'POST', url: '/api/staff/imports/medo', ...importForm(name, content) });

const registerOf = async (staff: StaffClient) =>
  (await staff.request({ method: 'GET', url: '/api/staff/requests?channel=medo' })).json();

describe('МЭДО containers', () => {
  it('registers the document with the sender, its number and date, and keeps its files; a second upload is the same request', async () => {
    const { staff } = await agencyWithStaff(harness, ['operator']);
    const uid = crypto.randomUUID();
    const container = await zipOf({
      'passport.xml': passportXml({ uid, attachments: ['схема.png'] }),
      'document.pdf': SMALL_PDF,
      'схема.png': PNG,
    });
    const response = await upload(staff, container);
    expect(response.statusCode).toBe(200);
    const [result] = response.json().rows;
    expect(result).toMatchObject({ row: 1, status: 'created', externalId: uid });

    const request = (
      await staff.request({ method: 'GET', url: `/api/staff/requests/${result.requestId}` })
    ).json();
    expect(request).toMatchObject({
      kind: 'appeal',
      channel: 'medo',
      contactName: 'Администрация Новосибирского района',
      externalSource: {
        organisation: 'Администрация Новосибирского района',
        documentNumber: '01-12/345',
        documentDate: '2026-11-20',
      },
    });
    expect(request.text).toContain('О ремонте дороги в с. Криводановка');
    expect(request.text).toContain('№ 01-12/345 от 2026-11-20');
    expect(request.attachments.map((a: { name: string; kind: string }) => [a.name, a.kind])).toEqual([
      ['document.pdf', 'incoming'],
      ['схема.png', 'incoming'],
    ]);
    const file = await staff.request({
      method: 'GET',
      url: `/api/staff/requests/${request.id}/attachments/${request.attachments[0].id}`,
    });
    expect(file.rawPayload.equals(SMALL_PDF)).toBe(true);

    const again = (await upload(staff, container)).json().rows[0];
    expect(again).toMatchObject({ status: 'duplicate', requestId: result.requestId });
    expect((await registerOf(staff)).total).toBe(1);
  });

  it('opens a container wrapped in a transport envelope, the sending time from its header', async () => {
    const { staff } = await agencyWithStaff(harness, ['operator']);
    const inner = await zipOf({ 'passport.xml': passportXml(), 'document.pdf': SMALL_PDF });
    const wrapped = await zipOf({ 'envelope.xml': envelopeXml('container-1.zip'), 'container-1.zip': inner });
    const [result] = (await upload(staff, wrapped)).json().rows;
    expect(result.status).toBe('created');
    const request = (
      await staff.request({ method: 'GET', url: `/api/staff/requests/${result.requestId}` })
    ).json();
    expect(request.receivedAt).toBe('2026-11-21T02:30:00.000Z');
  });

  it('refuses malformed containers naming what is missing, and stores nothing', async () => {
    const { staff } = await agencyWithStaff(harness, ['operator']);
    const cases: [Buffer, RegExp][] = [
      [Buffer.from('not a zip at all'), /не ZIP-архив/],
      [await zipOf({ 'document.pdf': SMALL_PDF }), /нет паспорта passport\.xml/],
      [
        await zipOf({ 'passport.xml': '<c:container c:uid="1"><c:requisites>', 'document.pdf': SMALL_PDF }),
        /passport\.xml: XML повреждён.*строка/,
      ],
      [
        await zipOf({ 'passport.xml': '<?xml version="1.0"?><root/>' }),
        /корневой элемент должен быть container/,
      ],
      [await zipOf({ 'passport.xml': passportXml({ documentName: null }) }), /не указан основной документ/],
      [await zipOf({ 'passport.xml': passportXml() }), /нет файла «document\.pdf», указанного в паспорте/],
      [
        await zipOf({ 'passport.xml': passportXml({ number: null }), 'document.pdf': SMALL_PDF }),
        /регистрационного номера/,
      ],
      [
        await zipOf({ 'passport.xml': passportXml({ annotation: null }), 'document.pdf': SMALL_PDF }),
        /краткого содержания/,
      ],
      [
        await zipOf({ 'passport.xml': passportXml({ uid: '' }), 'document.pdf': SMALL_PDF }),
        /идентификатора документа/,
      ],
      [await zipOf({ 'envelope.xml': envelopeXml('absent.zip') }), /нет контейнера «absent\.zip»/],
      [
        await zipOf({
          'passport.xml': passportXml({ attachments: ['setup.exe'] }),
          'document.pdf': SMALL_PDF,
          'setup.exe': EXE,
        }),
        /«setup\.exe».*тип файла не принимается/,
      ],
    ];
    for (const [content, message] of cases) {
      const response = await upload(staff, content);
      expect(response.statusCode, message.source).toBe(400);
      expect(response.json().field).toBe('body.file');
      expect(response.json().message).toMatch(message);
    }
    expect((await registerOf(staff)).total).toBe(0);
  });

  it('is open to importers only, and a container of one agency is not visible to another', async () => {
    const { staff: analyst } = await agencyWithStaff(harness, ['analyst']);
    const container = await zipOf({ 'passport.xml': passportXml(), 'document.pdf': SMALL_PDF });
    expect((await upload(analyst, container)).statusCode).toBe(403);

    const a = await agencyWithStaff(harness, ['operator']);
    const b = await agencyWithStaff(harness, ['admin']);
    const [result] = (await upload(a.staff, container)).json().rows;
    expect(
      (await b.staff.request({ method: 'GET', url: `/api/staff/requests/${result.requestId}` })).statusCode,
    ).toBe(404);
    expect((await registerOf(b.staff)).total).toBe(0);
    // The same document reaching B is B's own registration.
    expect((await upload(b.staff, container)).json().rows[0].status).toBe('created');
  });
});
