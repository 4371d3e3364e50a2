import { createHmac } from 'node:crypto';
import { crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { expect } from 'vitest';
import { agencyWithStaff, type Harness, type StaffClient } from './harness.js';
import { multipartBody } from './multipart.js';

/** Test support for the imports: the files the platforms send, built in code (no binary fixtures). */

export const signed = (secret: string, body: string) =>
  createHmac('sha256', secret).update(body).digest('hex');

/** A ПОС webhook message in the documented shape; `overrides` replace its fields. */
export function posMessage(overrides: Record<string, unknown> = {}) {
  return {
    id: `POS-${Math.random().toString(36).slice(2, 10)}`,
    createdAt: new Date(Date.now() - 2 * 3_600_000).toISOString(),
    text: 'Во дворе дома на ул. Ленина, 5 третью неделю не вывозят мусор.',
    author: { name: 'Петрова Анна', email: 'petrova@example.ru', phone: '+7 913 000-00-00' },
    category: 'ЖКХ',
    subcategory: 'Вывоз мусора',
    fastTrack: false,
    ...overrides,
  };
}

export async function xlsxOf(rows: (string | Date)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Сообщения');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const csvOf = (rows: string[][]) =>
  Buffer.from(rows.map((row) => row.map((cell) => `"${cell.replaceAll('"', '""')}"`).join(';')).join('\r\n'));

/** An import form with one file, as the console sends it. */
export const importForm = (name: string, content: Buffer) => multipartBody({}, [{ name, content }]);

/** An agency whose admin has just rotated its ПОС webhook secret, with that secret. */
export async function posAgencyWithSecret(harness: Harness) {
  const context = await agencyWithStaff(harness, ['admin']);
  const rotated = await context.staff.request({ method: 'POST', url: '/api/staff/imports/pos/secret' });
  expect(rotated.statusCode).toBe(200);
  return { ...context, secret: rotated.json().secret as string };
}

/** The ПОС platform calling the agency's webhook with `body` signed as `signature`. */
export const deliverPos = (harness: Harness, slug: string, body: string, signature: string) =>
  harness.app.inject({
    method: 'POST',
    url: `/api/channels/pos/${slug}`,
    headers: { 'content-type': 'application/json', 'x-pos-signature': signature },
    payload: body,
  });

export const posRegisterOf = async (staff: StaffClient) =>
  (await staff.request({ method: 'GET', url: '/api/staff/requests?channel=pos' })).json();

/** The column titles of the platform's ПОС export, in its order. */
export const POS_EXPORT_HEADER = [
  'Номер сообщения',
  'Дата поступления',
  'Текст сообщения',
  'Заявитель',
  'Электронная почта',
  'Телефон',
  'Категория',
  'Подкатегория',
  'Фаст-трек',
];
export const POS_EXPORT_TEXT = 'Прошу отремонтировать детскую площадку во дворе дома.';

/** Uploads a ПОС export file as staff do from «Импорт»; `dryRun` only checks it. */
export const uploadPosExport = (staff: StaffClient, name: string, content: Buffer, dryRun = false) =>
  staff.request({
    method: 'POST',
    url: `/api/staff/imports/pos${dryRun ? '?dryRun=true' : ''}`,
    ...importForm(name, content),
  });

export interface PassportOptions {
  uid?: string;
  annotation?: string | null;
  number?: string | null;
  documentName?: string | null;
  attachments?: string[];
}

/** A МЭДО 2.7 passport (root `container`, namespace http://minsvyaz.ru/container). */
export function passportXml(options: PassportOptions = {}) {
  const {
    uid = crypto.randomUUID(),
    annotation = 'О ремонте дороги в с. Криводановка',
    number = '01-12/345',
  } = options;
  const documentName = options.documentName === undefined ? 'document.pdf' : options.documentName;
  const attachments = options.attachments ?? [];
  return `<?xml version="1.0" encoding="utf-8"?>
<c:container c:uid="${uid}" c:version="1.0" xmlns:c="http://minsvyaz.ru/container">
  <c:requisites>
    <c:documentKind>Письмо</c:documentKind>
    ${annotation === null ? '' : `<c:annotation>${annotation}</c:annotation>`}
  </c:requisites>
  <c:authors><c:author>
    <c:organization><c:title>Администрация Новосибирского района</c:title></c:organization>
    <c:registration>${number === null ? '' : `<c:number>${number}</c:number>`}<c:date>2026-11-20</c:date></c:registration>
  </c:author></c:authors>
  ${documentName === null ? '' : `<c:document c:localName="${documentName}"><c:pagesQuantity>1</c:pagesQuantity></c:document>`}
  ${attachments.length ? `<c:attachments>${attachments.map((name, i) => `<c:attachment c:localName="${name}"><c:order>${i}</c:order></c:attachment>`).join('')}</c:attachments>` : ''}
</c:container>`;
}

export async function zipOf(files: Record<string, string | Buffer>): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, content] of Object.entries(files)) zip.file(name, content);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** A transport envelope (root `communication`) that names the inner container ZIP. */
export const envelopeXml = (body: string) => `<?xml version="1.0" encoding="utf-8"?>
<xdms:communication xdms:version="2.7" xmlns:xdms="http://www.infpres.com/IEDMS">
  <xdms:header xdms:type="Транспортный контейнер" xdms:uid="${crypto.randomUUID()}" xdms:created="2026-11-21T09:30:00+07:00">
    <xdms:source xdms:uid="${crypto.randomUUID()}"><xdms:organization>Правительство Новосибирской области</xdms:organization></xdms:source>
  </xdms:header>
  <xdms:container><xdms:body>${body}</xdms:body></xdms:container>
</xdms:communication>`;

/** Text in Windows-1251, as older Russian systems export CSV (Cyrillic, Ё/ё and ASCII only). */
export function windows1251(text: string): Buffer {
  return Buffer.from(
    Array.from(text, (char) => {
      const code = char.codePointAt(0) ?? 0;
      if (code < 0x80) return code;
      if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
      if (code === 0x401) return 0xa8;
      if (code === 0x451) return 0xb8;
      throw new Error(`no Windows-1251 byte for ${char}`);
    }),
  );
}

/**
 * A ZIP of `entries` deflated by zlib (JSZip would take half a minute over a bomb's megabytes);
 * with `forgeDeclaredSize` every header claims that many bytes, as a hostile archive would.
 */
export function fastZip(entries: { name: string; content: Buffer }[], forgeDeclaredSize?: number): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const data = deflateRawSync(entry.content, { level: 1 });
    const name = Buffer.from(entry.name);
    const declared = forgeDeclaredSize ?? entry.content.length;
    const crc = crc32(entry.content);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(declared, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** One entry of `inflatedBytes` zeros: a zip bomb of a few hundred kilobytes. */
export const zipBomb = (
  inflatedBytes: number,
  { entryName = 'bomb.xml', forgeDeclaredSize }: { entryName?: string; forgeDeclaredSize?: number } = {},
) => fastZip([{ name: entryName, content: Buffer.alloc(inflatedBytes) }], forgeDeclaredSize);
