import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrap } from './bootstrap.js';
import { loadConfig } from './config.js';
import { usePostgres } from './testing/harness.js';

// Start-up on an empty database, twice: the second start must change nothing. On the Postgres pass
// it runs against a database of its own, created and dropped here, so the presets' fixed slugs
// never meet other tests' data.
let dataDir: string;
let databaseUrl = '';
let admin: pg.Client | null = null;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'otklik-boot-'));
  if (usePostgres && process.env.TEST_DATABASE_URL) {
    const name = `otklik_boot_${process.pid}_${Date.now()}`;
    admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(process.env.TEST_DATABASE_URL);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
  }
});

afterAll(async () => {
  rmSync(dataDir, { recursive: true, force: true });
  if (admin) {
    await admin.query(`drop database if exists ${new URL(databaseUrl).pathname.slice(1)} with (force)`);
    await admin.end();
  }
});

async function counts(config: ReturnType<typeof loadConfig>) {
  const started = await bootstrap(config);
  const { db } = started.database;
  const count = async (table: string) =>
    Number(
      (
        (await db.execute(sql.raw(`select count(*)::int as n from ${table}`))) as unknown as {
          rows: { n: number }[];
        }
      ).rows[0]?.n,
    );
  const result = {
    kind: started.database.kind,
    created: started.createdAgencies,
    password: started.generatedAdminPassword,
    agencies: await count('agencies'),
    departments: await count('departments'),
    touchpoints: await count('touchpoints'),
    // presets/topics: 8 + 8 + 4 + 3 starting topics, loaded once.
    topics: await count('topics'),
    // presets/kb: the starter templates, then the starter sections and articles, each once.
    kbArticles: await count('kb_articles'),
    kbStarterItems: await count('kb_starter_items'),
    // presets/surveys: «Оценить работу» and the post-call survey for all four, the seed forms for two.
    surveys: await count('surveys'),
    surveyVersions: await count('survey_versions'),
    users: await count('users'),
    memberships: await count('memberships'),
    services: started.services,
  };
  return { result, close: () => started.database.close() };
}

describe('start-up', () => {
  // Two full start-ups (migrations, presets, starter knowledge base) on PGlite: slow on a busy machine.
  it('creates the preset agencies and a generated administrator once; a restart changes nothing', {
    timeout: 120_000,
  }, async () => {
    const config = loadConfig({
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      ADMIN_EMAIL: 'Boss@Region.RU',
    });
    const first = await counts(config);
    const firstResult = first.result;
    expect(firstResult.kind).toBe(usePostgres ? 'postgres' : 'pglite');
    expect(firstResult.created.sort()).toEqual(['dizo-nso', 'giookn-nso', 'mer-nso', 'minkpo-perm']);
    expect(firstResult.password).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(firstResult.memberships).toBe(4);
    expect(firstResult.topics).toBe(23);
    expect(firstResult.kbStarterItems).toBeGreaterThan(4 * 5);
    expect([firstResult.surveys, firstResult.surveyVersions]).toEqual([10, 10]);
    const session = await firstResult.services.sessions.login('boss@region.ru', firstResult.password ?? '', {
      ip: '127.0.0.1',
      userAgent: null,
      requestId: 'bootstrap-test',
    });
    expect(session.session.info.isRegionAdmin).toBe(true);
    await first.close();

    const second = await counts(config);
    const { services: _a, ...before } = firstResult;
    const { services: _b, ...after } = second.result;
    await second.close();
    expect(after).toEqual({ ...before, created: [], password: null });
  });
});
