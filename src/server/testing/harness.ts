import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { type ParsedMail, simpleParser } from 'mailparser';
import pg from 'pg';
import type { Role } from '../../common/roles.js';
import type { SessionInfo } from '../../common/types.js';
import { buildApp } from '../app.js';
import { type Config, loadConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { migrate } from '../db/migrate.js';
import { DEFAULT_WORKING_HOURS } from '../modules/agencies/working-hours.js';
import { hashPassword } from '../modules/auth/passwords.js';
import { insertUser, upsertMembership } from '../modules/auth/repo.js';
import { createServices, type Services } from '../services.js';

/**
 * A real app on a real database for integration tests: in-memory PGlite by default, the
 * Postgres server at TEST_DATABASE_URL when OTKLIK_TEST_DB=postgres (the CI's second pass).
 */
export interface Harness {
  app: FastifyInstance;
  services: Services;
  config: Config;
  close(): Promise<void>;
  /** E-mails written to the outbox so far, oldest first, as «To» plus the decoded text body. */
  outbox(): Promise<string[]>;
  /** The same e-mails parsed whole, attachments included. */
  outboxMails(): Promise<ParsedMail[]>;
}

// Novosibirsk is UTC+7: its calendar day turns at 17:00 UTC, which catches tests that take «today» from UTC.
export const TEST_AGENCY_ZONE = 'Asia/Novosibirsk';
export const TEST_SECRETS_KEY = 'a1'.repeat(32);
/** A test that builds a harness of its own gets the time a hook that builds one gets. */
export const OWN_HARNESS_TIMEOUT_MS = 60_000;

export const usePostgres = process.env.OTKLIK_TEST_DB === 'postgres';

/**
 * A database of its own on the Postgres server, like PGlite's in-memory one: a harness's outbox
 * drain must not deliver another test file's messages. Named after TEST_DATABASE_URL's database
 * so a CI run can drop what a crashed worker left behind.
 */
async function ownPostgresDatabase(baseUrl: string) {
  const base = new URL(baseUrl);
  const name = `${base.pathname.slice(1)}_h${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  const own = new URL(baseUrl);
  own.pathname = `/${name}`;
  return {
    url: own.toString(),
    async drop() {
      await admin.query(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}

export async function createHarness(env: Record<string, string> = {}): Promise<Harness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'otklik-test-'));
  const baseUrl = usePostgres ? (process.env.TEST_DATABASE_URL ?? null) : null;
  if (usePostgres && !baseUrl) throw new Error('OTKLIK_TEST_DB=postgres needs TEST_DATABASE_URL');
  const own = baseUrl ? await ownPostgresDatabase(baseUrl) : null;
  const url = own?.url ?? null;
  const config = loadConfig({
    DATA_DIR: dataDir,
    // One key for every harness in a process: contact fields are sealed with the process's key.
    SECRETS_KEY: TEST_SECRETS_KEY,
    LOGIN_RATE_PER_MINUTE: '10000',
    PUBLIC_RATE_PER_MINUTE: '100000',
    // The fake Bot API, VK, OK and IMAP servers listen on loopback.
    CHANNEL_PRIVATE_NETWORKS: '127.0.0.0/8,::1',
    ...env,
  });
  const database = await openDatabase({ url, dataDir: null });
  await migrate(database);
  const services = createServices(database, { ...config, databaseUrl: url });
  const app = await buildApp(services, { logger: false });
  const outboxDir = join(dataDir, 'outbox');
  const outboxMails = async (): Promise<ParsedMail[]> => {
    // The outbox delivers in the background on a running node; a test delivers what is due now.
    await services.outbox.drain();
    let files: string[] = [];
    try {
      files = readdirSync(outboxDir).sort();
    } catch {
      return [];
    }
    return Promise.all(files.map((file) => simpleParser(readFileSync(join(outboxDir, file)))));
  };
  return {
    app,
    services,
    config,
    async close() {
      // Its pooled SMTP connections would otherwise keep a test's sink from closing.
      await services.campaignSender.stop();
      await app.close();
      await database.close();
      await own?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
    outboxMails,
    async outbox() {
      return (await outboxMails()).map(
        (mail) =>
          `To: ${mail.to && !Array.isArray(mail.to) ? mail.to.text : ''}\nSubject: ${mail.subject}\n\n${mail.text}`,
      );
    },
  };
}

/** An appeal through the portal API, with `payload` overriding the defaults. */
export const submitAppeal = (harness: Harness, slug: string, payload: Record<string, unknown>) =>
  harness.app.inject({
    method: 'POST',
    url: `/api/public/${slug}/requests`,
    payload: { kind: 'appeal', text: 'Прошу разъяснить порядок', consent: true, ...payload },
  });

export const uniqueSlug = (prefix = 't') => `${prefix}-${Math.random().toString(36).slice(2, 10)}`;
export const uniqueEmail = (prefix = 'user') =>
  `${prefix}-${Math.random().toString(36).slice(2, 10)}@test.local`;

/** A logged-in staff member: `request` adds the session cookie and CSRF token. */
export interface StaffClient {
  info: SessionInfo;
  email: string;
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
}

export async function login(harness: Harness, email: string, password: string): Promise<StaffClient> {
  const response = await harness.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password },
  });
  if (response.statusCode !== 200) throw new Error(`login failed: ${response.statusCode} ${response.body}`);
  // `__Host-otklik_session` when the harness has an https PUBLIC_URL.
  const cookie = response.cookies.find((c) => c.name.endsWith('otklik_session'));
  if (!cookie) throw new Error('login set no session cookie');
  const info = response.json<SessionInfo>();
  return {
    info,
    email,
    request: (options) =>
      harness.app.inject({
        ...options,
        headers: {
          ...options.headers,
          cookie: `${cookie.name}=${cookie.value}`,
          'x-csrf-token': info.csrfToken,
        },
      }),
  };
}

/**
 * Creates an agency of its own for a test, with a user holding `roles` in it, and logs them in.
 * Each test makes its own agency, so tests never share mutable fixtures.
 */
export async function agencyWithStaff(harness: Harness, roles: Role[] = ['admin']) {
  const { services } = harness;
  const slug = uniqueSlug();
  const email = uniqueEmail(roles.join('-'));
  const password = 'correct horse battery';
  const user = await insertUser(services.database.db, {
    email,
    name: `Сотрудник ${slug}`,
    passwordHash: await hashPassword(password),
  });
  const agency = await services.agencies.createAgency(
    { userId: user.id },
    {
      slug,
      name: `Тестовое ведомство ${slug}`,
      shortName: slug,
      timezone: TEST_AGENCY_ZONE,
      workingHours: DEFAULT_WORKING_HOURS,
    },
    (tx, agencyId) => upsertMembership(tx, { agencyId, userId: user.id, roles, active: true }),
  );
  const staff = await login(harness, email, password);
  return { slug, agency, userId: user.id, email, password, staff };
}
