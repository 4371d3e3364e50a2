import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencyWithStaff, createHarness, type Harness } from '../../testing/harness.js';
import { EXE, type FormFile, multipartBody, SMALL_PDF } from '../../testing/multipart.js';
import { requestAttachments, requests } from './schema.js';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness({ ATTACHMENT_MAX_BYTES: '4096', ATTACHMENT_MAX_COUNT: '3' });
});
afterAll(() => harness.close());

const fields = {
  kind: 'appeal',
  text: 'Прошу проверить состояние фасада, фотографии прилагаю.',
  name: 'Сидоров Пётр',
  email: 'sidorov@example.ru',
  consent: 'true',
};

const submitForm = (slug: string, form: Record<string, string>, files: FormFile[], key?: string) => {
  const { payload, headers } = multipartBody(form, files);
  return harness.app.inject({
    method: 'POST',
    url: `/api/public/${slug}/requests`,
    payload,
    headers: key ? { ...headers, 'idempotency-key': key } : headers,
  });
};

async function newAgency() {
  const made = await agencyWithStaff(harness);
  const found = await harness.services.agencies.findBySlug(made.slug);
  if (!found) throw new Error('agency vanished');
  return { ...made, agencyId: found.id };
}

const storedFiles = (agencyId: string) => {
  const dir = join(harness.config.dataDir, 'attachments', agencyId);
  return existsSync(dir) ? readdirSync(dir) : [];
};

async function rowsOf(agencyId: string) {
  const db = harness.services.database.db;
  const [r] = await db.select({ n: count() }).from(requests).where(eq(requests.agencyId, agencyId));
  const [a] = await db
    .select({ n: count() })
    .from(requestAttachments)
    .where(eq(requestAttachments.agencyId, agencyId));
  return { requests: r?.n, attachments: a?.n };
}

/** Submits a form that must be refused, and checks the refusal left no file and no row. */
async function expectRefused(files: FormFile[], form = fields) {
  const { slug, agencyId } = await newAgency();
  const response = await submitForm(slug, form, files);
  expect(response.statusCode, response.body).toBe(400);
  expect(storedFiles(agencyId)).toEqual([]);
  expect(await rowsOf(agencyId)).toEqual({ requests: 0, attachments: 0 });
  return response.json();
}

describe('portal intake with files', () => {
  it('stores the files under random keys, lists them on the card and lets staff download them', async () => {
    const { slug, agencyId, staff } = await newAgency();
    const response = await submitForm(slug, fields, [
      { name: 'скан договора.pdf', content: SMALL_PDF, type: 'image/png' },
      { name: 'опись.csv', content: 'номер;название\n1;Фасад\n' },
    ]);
    expect(response.statusCode, response.body).toBe(201);
    const stored = storedFiles(agencyId);
    expect(stored).toHaveLength(2);
    for (const key of stored) expect(key).toMatch(/^[0-9a-f-]{36}$/);

    const { number } = response.json();
    const page = await staff.request({ method: 'GET', url: `/api/staff/requests?q=${number}` });
    const id = page.json().items[0].id;
    const card = (await staff.request({ method: 'GET', url: `/api/staff/requests/${id}` })).json();
    // The type comes from the content, not from the header the browser sent.
    const pdf = card.attachments.find((a: { name: string }) => a.name === 'скан договора.pdf');
    expect(pdf).toMatchObject({ mimeType: 'application/pdf', size: SMALL_PDF.length, kind: 'incoming' });
    const csv = card.attachments.find((a: { name: string }) => a.name === 'опись.csv');
    expect(csv).toMatchObject({ mimeType: 'text/csv', kind: 'incoming', uploadedBy: null });

    const download = await staff.request({
      method: 'GET',
      url: `/api/staff/requests/${id}/attachments/${pdf.id}`,
    });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(SMALL_PDF)).toBe(true);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename*=UTF-8''${encodeURIComponent('скан договора.pdf')}`,
    );

    // The register finds the request by a word of a file name, stemmed.
    const found = await staff.request({ method: 'GET', url: '/api/staff/requests?q=договор' });
    expect(found.json().items.map((item: { number: string }) => item.number)).toEqual([number]);
  });

  it('refuses a program renamed to .pdf: the type is judged by content', async () => {
    const body = await expectRefused([
      { name: 'договор.pdf', content: SMALL_PDF },
      { name: 'скан.pdf', content: EXE, type: 'application/pdf' },
    ]);
    expect(body).toMatchObject({ error: 'file_type_not_allowed', field: 'body.files' });
    expect(body.message).toBe(
      'Файл «скан.pdf»: такой тип файла не принимается (допустимы PDF, DOCX, DOC, XLSX, XLS, ODT, ODS, RTF, TXT, CSV, JPEG, PNG, GIF, TIFF)',
    );
  });

  it('refuses a file over the size limit, naming the file and the limit', async () => {
    const body = await expectRefused([
      { name: 'малый.pdf', content: SMALL_PDF },
      { name: 'большой.txt', content: 'а'.repeat(4000) },
    ]);
    expect(body).toMatchObject({ error: 'file_too_large', field: 'body.files' });
    expect(body.message).toBe('Файл «большой.txt» больше 4 КБ');
  });

  it('refuses more files than allowed', async () => {
    const pdf = (n: number) => ({ name: `лист-${n}.pdf`, content: SMALL_PDF });
    const body = await expectRefused([pdf(1), pdf(2), pdf(3), pdf(4)]);
    expect(body).toEqual({ error: 'too_many_files', message: 'Не больше 3 файлов', field: 'body.files' });
  });

  it('refuses a file name that is not valid UTF-8', async () => {
    const broken = Buffer.concat([Buffer.from('скан'), Buffer.from([0xff, 0xfe]), Buffer.from('.pdf')]);
    const body = await expectRefused([{ name: broken, content: SMALL_PDF }]);
    expect(body).toMatchObject({ error: 'malformed_file_name', field: 'body.files' });
  });

  it('refuses a text over the limit with its field, and removes the files that came with it', async () => {
    const body = await expectRefused([{ name: 'фото.pdf', content: SMALL_PDF }], {
      ...fields,
      text: 'ы'.repeat(10_001),
    });
    expect(body).toMatchObject({ error: 'validation_failed', field: 'body.text' });
    expect(body.message).toBe('Не длиннее 10000 символов');
  });

  it('refuses a form field sent as JSON instead of text', async () => {
    const { slug } = await newAgency();
    const { payload, headers } = multipartBody({ kind: 'appeal', name: 'Сидоров', consent: 'true' });
    const boundary = headers['content-type'].split('boundary=')[1];
    const jsonPart = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="text"\r\nContent-Type: application/json\r\n\r\n{"a":1}\r\n`,
    );
    const response = await harness.app.inject({
      method: 'POST',
      url: `/api/public/${slug}/requests`,
      payload: Buffer.concat([jsonPart, payload]),
      headers,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().field).toBe('body.text');
  });

  it('refuses text that arrived with broken encoding', async () => {
    const { slug, agencyId } = await newAgency();
    const { payload, headers } = multipartBody({ ...fields, name: 'Сид@@оров' }, [
      { name: 'a.pdf', content: SMALL_PDF },
    ]);
    const at = payload.indexOf('@@');
    const damaged = Buffer.concat([
      payload.subarray(0, at),
      Buffer.from([0xff, 0xfe]),
      payload.subarray(at + 2),
    ]);
    const response = await harness.app.inject({
      method: 'POST',
      url: `/api/public/${slug}/requests`,
      payload: damaged,
      headers,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: 'malformed_text', field: 'body.name' });
    expect(storedFiles(agencyId)).toEqual([]);
  });

  it('takes a repeated submission with the same key once, keeping the first files', async () => {
    const { slug, agencyId } = await newAgency();
    const files = [{ name: 'заявление.pdf', content: SMALL_PDF }];
    const first = await submitForm(slug, fields, files, 'retry-key-0001');
    const again = await submitForm(slug, fields, files, 'retry-key-0001');
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    expect(storedFiles(agencyId)).toHaveLength(1);
    expect(await rowsOf(agencyId)).toEqual({ requests: 1, attachments: 1 });
  });

  it('leaves no file behind when the intake itself fails', async () => {
    const { slug, agencyId } = await newAgency();
    // notifyByEmail without an address is refused by the service, after the files were stored.
    const { email: _email, ...noEmail } = fields;
    const response = await submitForm(slug, { ...noEmail, notifyByEmail: 'true' }, [
      { name: 'a.pdf', content: SMALL_PDF },
    ]);
    expect(response.statusCode).toBe(400);
    expect(response.json().field).toBe('body.email');
    expect(storedFiles(agencyId)).toEqual([]);
    expect(await rowsOf(agencyId)).toEqual({ requests: 0, attachments: 0 });
  });
});
