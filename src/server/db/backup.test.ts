import { execFile } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { loadConfig, rootDir } from '../config.js';
import { createFieldCrypto } from '../lib/field-crypto.js';
import { createServices } from '../services.js';
import { agencyWithStaff, createHarness, type Harness, login, usePostgres } from '../testing/harness.js';
import { multipartBody, SMALL_PDF } from '../testing/multipart.js';
import { openDatabase } from './client.js';
import { migrate } from './migrate.js';

const run = promisify(execFile);
const script = (name: string) => join(rootDir, 'scripts', name);

/** A fresh empty database on the same server, dropped after the test. */
async function emptyDatabase(baseUrl: string) {
  const name = `${new URL(baseUrl).pathname.slice(1)}_restore_${Date.now()}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await admin.query(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}

// pg_dump needs a PostgreSQL server; the embedded database is backed up by copying DATA_DIR.
describe.skipIf(!usePostgres)('scripts/backup.sh and scripts/restore.sh', () => {
  let harness: Harness;
  const dirs: string[] = [];
  const tempDir = (prefix: string) => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(dir);
    return dir;
  };
  beforeAll(async () => {
    // The key file in DATA_DIR (no SECRETS_KEY), so the backup carries the key it was sealed with.
    harness = await createHarness({ SECRETS_KEY: '' });
  });
  afterAll(async () => {
    await harness.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('restores requests, their files and sealed channel secrets onto a copy that then works', async () => {
    const { slug, email, password, staff } = await agencyWithStaff(harness);
    const form = multipartBody(
      {
        kind: 'appeal',
        text: 'Прошу проверить состояние памятника',
        name: 'Иванов Иван',
        email: 'ivanov.backup@example.ru',
        consent: 'true',
      },
      [{ name: 'акт.pdf', content: SMALL_PDF, type: 'application/pdf' }],
    );
    const submitted = await harness.app.inject({
      method: 'POST',
      url: `/api/public/${slug}/requests`,
      ...form,
    });
    expect(submitted.statusCode).toBe(201);
    const { number, trackingCode } = submitted.json();
    const { secret } = (await staff.request({ method: 'POST', url: '/api/staff/calls/pbx/secret' })).json();

    const sourceUrl = harness.services.config.databaseUrl as string;
    const backup = join(tempDir('otklik-backup-'), 'today');
    await run('bash', [script('backup.sh'), backup], {
      env: { ...process.env, DATABASE_URL: sourceUrl, DATA_DIR: harness.config.dataDir },
    });

    const target = await emptyDatabase(sourceUrl);
    const restoredDir = join(tempDir('otklik-restored-'), 'data');
    try {
      await run('bash', [script('restore.sh'), backup], {
        env: { ...process.env, DATABASE_URL: target.url, DATA_DIR: restoredDir },
      });
      const database = await openDatabase({ url: target.url, dataDir: null });
      await migrate(database);
      const config = loadConfig({ DATA_DIR: restoredDir, PUBLIC_RATE_PER_MINUTE: '100000' });
      const services = createServices(database, { ...config, databaseUrl: target.url });
      const app = await buildApp(services, { logger: false });
      try {
        const status = await app.inject({
          method: 'GET',
          url: `/api/public/${slug}/requests/${encodeURIComponent(number)}?code=${trackingCode}`,
        });
        expect(status.statusCode).toBe(200);
        expect(status.json().number).toBe(number);

        const restoredStaff = await login({ app } as Harness, email, password);
        const found = await restoredStaff.request({
          method: 'GET',
          url: `/api/staff/requests?q=${encodeURIComponent(number)}`,
        });
        const requestId = found.json().items[0].id;
        const detail = await restoredStaff.request({
          method: 'GET',
          url: `/api/staff/requests/${requestId}`,
        });
        const [file] = detail.json().attachments;
        const download = await restoredStaff.request({
          method: 'GET',
          url: `/api/staff/requests/${requestId}/attachments/${file.id}`,
        });
        expect(download.rawPayload.equals(SMALL_PDF)).toBe(true);
        // The applicant's address is sealed in the dump; the restored key opens it.
        expect(detail.json().contactEmail).toBe('ivanov.backup@example.ru');

        // The PBX secret was sealed with the key file in DATA_DIR: the copy still opens it.
        const event = JSON.stringify({
          callId: 'after-restore',
          caller: '+7 383 200-00-00',
          startedAt: new Date(Date.now() - 60_000).toISOString(),
          answered: true,
          durationSec: 10,
        });
        const webhook = await app.inject({
          method: 'POST',
          url: `/api/channels/pbx/${slug}`,
          headers: {
            'content-type': 'application/json',
            'x-pbx-signature': createHmac('sha256', secret).update(event).digest('hex'),
          },
          payload: event,
        });
        expect(webhook.statusCode).toBe(201);
        // Without that key the dump is unreadable: another key refuses, naming SECRETS_KEY.
        const [sealed] = (
          (await database.db.execute(
            sql`select contact_email from requests where number = ${number}`,
          )) as unknown as { rows: { contact_email: string }[] }
        ).rows;
        expect(sealed?.contact_email).toMatch(/^f1:/);
        expect(sealed?.contact_email).not.toContain('ivanov');
        expect(() => createFieldCrypto(randomBytes(32)).open(sealed?.contact_email ?? '')).toThrow(
          /SECRETS_KEY/,
        );
      } finally {
        await app.close();
        await database.close();
      }

      // A second restore onto the same database would mix two installations: refused.
      const again = run('bash', [script('restore.sh'), backup], {
        env: { ...process.env, DATABASE_URL: target.url, DATA_DIR: join(tempDir('otklik-again-'), 'data') },
      });
      await expect(again).rejects.toMatchObject({ stderr: expect.stringContaining('not empty') });
    } finally {
      await target.drop();
    }
  });

  it('refuses a damaged backup before touching anything', async () => {
    const backup = join(tempDir('otklik-backup-'), 'damaged');
    await run('bash', [script('backup.sh'), backup], {
      env: {
        ...process.env,
        DATABASE_URL: harness.services.config.databaseUrl as string,
        DATA_DIR: harness.config.dataDir,
      },
    });
    appendFileSync(join(backup, 'database.dump'), 'x');
    const restore = run('bash', [script('restore.sh'), backup], {
      env: {
        ...process.env,
        DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
        DATA_DIR: tempDir('otklik-x-'),
      },
    });
    await expect(restore).rejects.toMatchObject({ stderr: expect.stringContaining('damaged') });
  });
});
