import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type SmtpSink, startSmtpSink } from '../../src/server/testing/smtp-sink.js';
import type { Target } from './mixed-load.js';
import { freePort } from './ports.js';
import { type PrivatePostgres, startPrivatePostgres } from './private-postgres.js';
import { assertBuilt, type ServerProcess, spawnServer, waitHealthy } from './server-process.js';

export interface OutboxRow {
  id: string;
  status: string;
}

/**
 * One installation for a crash test: a private Postgres cluster, a relay (SMTP sink) counting
 * what it receives per outbox row, a DATA_DIR, and the built server, which can be killed and
 * started again on the same ports and data.
 */
export async function startInstallation() {
  assertBuilt();
  const postgres: PrivatePostgres = await startPrivatePostgres();
  /** Deliveries the relay saw, by outbox row id (the Message-ID is `<row id@host>`). */
  const delivered = new Map<string, number>();
  const relay = { delayMs: 0 };
  const sink: SmtpSink = await startSmtpSink({
    async onReceived(mail) {
      const id = /^<([0-9a-f-]{36})@/.exec(mail.messageId ?? '')?.[1];
      if (id) delivered.set(id, (delivered.get(id) ?? 0) + 1);
      await new Promise((resolve) => setTimeout(resolve, relay.delayMs));
    },
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'otklik-crash-data-'));
  const db = new pg.Client({ connectionString: postgres.url });
  await db.connect();
  // The test's own connection must survive a Postgres restart as well as the server's.
  db.on('error', () => {});
  const target: Target = { origin: '', smtpPort: await freePort('CRASH_PORTS') };
  const httpPort = await freePort('CRASH_PORTS');
  const env = {
    DATA_DIR: dataDir,
    DATABASE_URL: postgres.url,
    SMTP_URL: sink.url,
    SMTP_IN_PORT: String(target.smtpPort),
    ADMIN_PASSWORD: 'crash test administrator',
    PUBLIC_RATE_PER_MINUTE: '1000000',
    DEADLINE_SWEEP_MINUTES: '0',
    OUTBOX_POLL_MS: '200',
    OUTBOX_RETRY_BASE_MS: '200',
    LOG_LEVEL: 'warn',
  };
  let server: ServerProcess | null = null;
  let client = db;

  return {
    postgres,
    relay,
    delivered,
    target,
    get server() {
      if (!server) throw new Error('server not started');
      return server;
    },
    /** Starts the server (again) and waits for /healthz. */
    async startServer() {
      server = spawnServer(httpPort, env);
      target.origin = server.origin;
      await waitHealthy(server);
    },
    /** A query on the test's own connection, reconnecting once if Postgres was restarted. */
    async query<Row extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<Row[]> {
      try {
        return (await client.query<Row>(text, values)).rows;
      } catch (error) {
        if (!/terminat|Connection|ECONNRESET|not queryable/i.test(String(error))) throw error;
        client = new pg.Client({ connectionString: postgres.url });
        client.on('error', () => {});
        await client.connect();
        return (await client.query<Row>(text, values)).rows;
      }
    },
    /** The test's own connection, opened again if Postgres was restarted under it. */
    async reconnected(): Promise<pg.Client> {
      await this.query('select 1');
      return client;
    },
    outbox(): Promise<OutboxRow[]> {
      return this.query<OutboxRow>('select id, status from outbound_messages');
    },
    async close() {
      await server?.kill('SIGKILL');
      await client.end().catch(() => {});
      await sink.close();
      await postgres.destroy();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type Installation = Awaited<ReturnType<typeof startInstallation>>;
