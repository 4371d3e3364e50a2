import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { addYears } from 'date-fns';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventsOf, filesOf, mailAgency, requestsOf, sendCode, smtpClient } from '../../testing/email-kit.js';
import {
  agencyWithStaff,
  createHarness,
  type Harness,
  login,
  type StaffClient,
  uniqueEmail,
} from '../../testing/harness.js';
import { multipartBody } from '../../testing/multipart.js';
import { hashPassword } from '../auth/passwords.js';
import { insertUser } from '../auth/repo.js';
import { startSmtpListener } from '../channels/email-listener.js';
import { requestAttachments } from '../requests/schema.js';

// ASVS 12.1.3: each agency's stored files stay within its quota, counted exactly.
const MB = 1_048_576;
const FILE_BYTES = 600_000; // two of them overflow a 1 MB quota, one fits
const METRICS_TOKEN = 'quota-scraper-token';
const PUBLIC_REFUSAL =
  'Хранилище файлов ведомства заполнено, файлы сейчас не принимаются: отправьте обращение без файлов или повторите попытку позже';
const STAFF_REFUSAL =
  'Хранилище файлов ведомства заполнено: файлы не сохранены. Удалите ненужные файлы или попросите администратора региона увеличить квоту';

let harness: Harness;
let regionAdmin: StaffClient;
let listener: Awaited<ReturnType<typeof startSmtpListener>>;
let smtp: ReturnType<typeof smtpClient>;

beforeAll(async () => {
  harness = await createHarness({ ATTACHMENT_MAX_BYTES: String(FILE_BYTES), METRICS_TOKEN });
  const email = uniqueEmail('region');
  await insertUser(harness.services.database.db, {
    email,
    name: 'Администратор региона',
    passwordHash: await hashPassword('correct horse battery'),
    isRegionAdmin: true,
  });
  regionAdmin = await login(harness, email, 'correct horse battery');
  listener = await startSmtpListener(harness.services, { port: 0, host: '127.0.0.1', maxBytes: 4 * MB });
  smtp = smtpClient(listener.port);
});
afterAll(async () => {
  await listener.close();
  await harness.close();
});

/** A plain-text file of exactly `bytes` bytes (the type is judged by content: this is TXT). */
const textFile = (bytes: number, letter = 'ж') =>
  `${letter.repeat(Math.floor(bytes / 2))}${bytes % 2 ? '.' : ''}`;

const fields = {
  kind: 'appeal',
  text: 'Прошу проверить состояние фасада, фотографии прилагаю.',
  name: 'Сидоров Пётр',
  email: 'sidorov@example.ru',
  consent: 'true',
};

const submit = (slug: string, files: { name: string; content: string }[]) =>
  harness.app.inject({
    method: 'POST',
    url: `/api/public/${slug}/requests`,
    ...multipartBody(fields, files),
  });

const setQuota = (slug: string, quotaMb: number | null) =>
  regionAdmin.request({
    method: 'PUT',
    url: `/api/staff/region/agencies/${slug}/file-quota`,
    payload: { quotaMb },
  });

async function agencyWithQuota(quotaMb: number | null = 1) {
  const made = await agencyWithStaff(harness);
  const agency = await harness.services.agencies.findBySlug(made.slug);
  if (!agency) throw new Error('agency vanished');
  const set = await setQuota(made.slug, quotaMb);
  expect(set.statusCode, set.body).toBe(200);
  return { ...made, agencyId: agency.id };
}

const storedFiles = (agencyId: string) => {
  const dir = join(harness.config.dataDir, 'attachments', agencyId);
  return existsSync(dir) ? readdirSync(dir) : [];
};

const usedBytes = async (agencyId: string) => (await harness.services.fileQuota.storage(agencyId)).usedBytes;

/** What the triggers should have counted: the sum over the agency's file rows. */
async function summedBytes(agencyId: string) {
  const [row] = await harness.services.database.db
    .select({ total: sql<string>`coalesce(sum(${requestAttachments.size}), 0)` })
    .from(requestAttachments)
    .where(eq(requestAttachments.agencyId, agencyId));
  return Number(row?.total);
}

async function requestIdOf(staff: StaffClient, number: string) {
  const page = await staff.request({ method: 'GET', url: `/api/staff/requests?q=${number}` });
  return page.json().items[0].id as string;
}

describe('the agency file quota (ASVS 12.1.3)', () => {
  it('takes portal files up to the quota and refuses the form past it with 413, leaving nothing behind', async () => {
    const { slug, agencyId, staff } = await agencyWithQuota(1);
    const first = await submit(slug, [{ name: 'фасад.txt', content: textFile(FILE_BYTES) }]);
    expect(first.statusCode, first.body).toBe(201);
    expect(await usedBytes(agencyId)).toBe(FILE_BYTES);

    const over = await submit(slug, [{ name: 'ещё.txt', content: textFile(FILE_BYTES) }]);
    expect(over.statusCode).toBe(413);
    expect(over.json()).toEqual({ error: 'storage_full', message: PUBLIC_REFUSAL, field: 'body.files' });
    expect(storedFiles(agencyId)).toHaveLength(1);
    expect(await usedBytes(agencyId)).toBe(FILE_BYTES);
    const register = await staff.request({ method: 'GET', url: '/api/staff/requests' });
    expect(register.json().items).toHaveLength(1);

    // Without files the citizen still gets through.
    const bare = await submit(slug, []);
    expect(bare.statusCode, bare.body).toBe(201);

    const storage = await staff.request({ method: 'GET', url: '/api/staff/agency/file-storage' });
    expect(storage.json()).toEqual({
      usedBytes: FILE_BYTES,
      quotaBytes: MB,
      ownQuotaMb: 1,
      defaultQuotaMb: harness.config.agencyFileQuotaMb,
    });
  });

  it("refuses a staff upload that the transaction finds over the quota, and keeps another agency's quota apart", async () => {
    const full = await agencyWithQuota(1);
    const created = await submit(full.slug, [{ name: 'фасад.txt', content: textFile(FILE_BYTES) }]);
    const id = await requestIdOf(full.staff, created.json().number);
    const answer = await full.staff.request({
      method: 'POST',
      url: `/api/staff/requests/${id}/attachments`,
      ...multipartBody({}, [{ name: 'ответ.txt', content: textFile(FILE_BYTES) }]),
    });
    expect(answer.statusCode).toBe(413);
    expect(answer.json()).toEqual({ error: 'storage_full', message: STAFF_REFUSAL, field: 'body.files' });
    expect(await summedBytes(full.agencyId)).toBe(FILE_BYTES);
    expect(await usedBytes(full.agencyId)).toBe(FILE_BYTES);
    expect(storedFiles(full.agencyId)).toHaveLength(1);

    const other = await agencyWithQuota(null);
    for (const name of ['первый.txt', 'второй.txt']) {
      const response = await submit(other.slug, [{ name, content: textFile(FILE_BYTES) }]);
      expect(response.statusCode, response.body).toBe(201);
    }
    expect(await usedBytes(other.agencyId)).toBe(2 * FILE_BYTES);
    expect(await usedBytes(full.agencyId)).toBe(FILE_BYTES);
  });

  it('lets only one of two concurrent uploads take the last room', async () => {
    const { slug, agencyId, staff } = await agencyWithQuota(1);
    // Two requests: their own row locks do not order the uploads, only the agency's counter does.
    const ids = await Promise.all(
      [1, 2].map(async () => requestIdOf(staff, (await submit(slug, [])).json().number)),
    );
    const upload = (id: string) =>
      staff.request({
        method: 'POST',
        url: `/api/staff/requests/${id}/attachments`,
        ...multipartBody({}, [{ name: 'ответ.txt', content: textFile(FILE_BYTES) }]),
      });
    const codes = (await Promise.all(ids.map(upload))).map((r) => r.statusCode).sort();
    expect(codes).toEqual([201, 413]);
    expect(await usedBytes(agencyId)).toBe(FILE_BYTES);
    expect(await summedBytes(agencyId)).toBe(FILE_BYTES);
    expect(storedFiles(agencyId)).toHaveLength(1);
  });

  it('registers a letter to a full agency with its text, noting in the history that the files were not kept', async () => {
    const mailed = await mailAgency(harness);
    expect((await setQuota(mailed.slug, 1)).statusCode).toBe(200);
    const filler = await submit(mailed.slug, [{ name: 'фасад.txt', content: textFile(FILE_BYTES) }]);
    expect(filler.statusCode).toBe(201);

    const code = await sendCode(smtp, {
      from: `Анна Смирнова <${uniqueEmail('anna')}>`,
      to: mailed.address,
      subject: 'Трещина в стене',
      text: 'Прошу осмотреть трещину на улице Ленина, 5.',
      messageId: `<${Math.random().toString(36).slice(2)}@client.test>`,
      attachments: [{ filename: 'трещина.txt', content: textFile(FILE_BYTES) }],
    });
    expect(code).toBe(250);
    const letter = (await requestsOf(harness, mailed.agency.id)).find((r) => r.channel === 'email');
    expect(letter?.text).toContain('улице Ленина');
    expect(await filesOf(harness, letter?.id ?? '')).toEqual([]);
    const notes = (await eventsOf(harness, letter?.id ?? '')).map((event) => event.note);
    expect(notes).toContain('Файл «трещина.txt» не сохранён: хранилище файлов ведомства заполнено');
    expect(storedFiles(mailed.agency.id)).toHaveLength(1);
    expect(await usedBytes(mailed.agency.id)).toBe(FILE_BYTES);
  });

  it('registers a channel message without the files its transaction finds over the quota, and says they were not kept', async () => {
    const { agencyId } = await agencyWithQuota(1);
    const store = harness.services.attachmentStore;
    // Stored while there was room, as a channel does before registering; then the room went.
    const blobs = await Promise.all(
      ['а.txt', 'б.txt'].map(async (name) => ({
        name,
        mimeType: 'text/plain',
        ...(await store.write(agencyId, Readable.from([Buffer.from(textFile(FILE_BYTES))]))),
      })),
    );
    const { row, created, filesKept } = await harness.services.requests.registerFromChannel(agencyId, {
      kind: 'appeal',
      channel: 'email',
      text: 'Письмо с двумя сканами',
      name: 'Иван',
      email: 'ivan@example.ru',
      phone: null,
      notifyByEmail: false,
      externalId: '<two-scans@client.test>',
      files: blobs,
    });
    expect({ created, filesKept }).toEqual({ created: true, filesKept: false });
    expect(await filesOf(harness, row.id)).toEqual([]);
    const notes = (await eventsOf(harness, row.id)).map((event) => event.note);
    expect(notes).toContain('Файлы «а.txt», «б.txt» не сохранены: хранилище файлов ведомства заполнено');
    expect(await usedBytes(agencyId)).toBe(0);
  });

  it('frees the space of files a retention purge deletes', async () => {
    const { slug, agencyId } = await agencyWithQuota(1);
    const response = await submit(slug, [{ name: 'старое.txt', content: textFile(FILE_BYTES) }]);
    expect(response.statusCode).toBe(201);
    await harness.services.database.db.execute(
      sql`update requests set status = 'closed' where agency_id = ${agencyId}`,
    );
    expect(await usedBytes(agencyId)).toBe(FILE_BYTES);

    await harness.services.retention.purgeExpired(addYears(new Date(), 6), { agencyIds: [agencyId] });
    expect(await usedBytes(agencyId)).toBe(0);
    expect(storedFiles(agencyId)).toEqual([]);
    const again = await submit(slug, [{ name: 'новое.txt', content: textFile(FILE_BYTES) }]);
    expect(again.statusCode, again.body).toBe(201);
  });

  it('is set by the region administrator only, audited, and reported to Prometheus per agency', async () => {
    const { slug, agencyId, staff } = await agencyWithQuota(2);
    const byAgencyAdmin = await staff.request({
      method: 'PUT',
      url: `/api/staff/region/agencies/${slug}/file-quota`,
      payload: { quotaMb: 100_000 },
    });
    expect(byAgencyAdmin.statusCode).toBe(403);
    const invalid = await setQuota(slug, 0);
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().field).toBe('body.quotaMb');
    await submit(slug, [{ name: 'фасад.txt', content: textFile(FILE_BYTES) }]);

    const scrape = await harness.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(scrape.body).toContain(`otklik_agency_file_bytes{agency="${slug}",state="used"} ${FILE_BYTES}`);
    expect(scrape.body).toContain(`otklik_agency_file_bytes{agency="${slug}",state="quota"} ${2 * MB}`);

    const reset = await setQuota(slug, null);
    expect(reset.json()).toMatchObject({
      ownQuotaMb: null,
      quotaBytes: harness.config.agencyFileQuotaMb * MB,
    });
    const audit = await staff.request({ method: 'GET', url: '/api/staff/audit?entity=agency_file_quota' });
    expect(audit.statusCode, audit.body).toBe(200);
    const changes = audit
      .json()
      .items.map((item: { before: unknown; after: unknown }) => [item.before, item.after]);
    expect(changes).toContainEqual([{ quotaMb: 2 }, { quotaMb: null }]);
    expect(await usedBytes(agencyId)).toBe(FILE_BYTES);
  });
});
