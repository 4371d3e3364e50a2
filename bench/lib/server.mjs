// What every server benchmark needs: a fresh Postgres database, the built server started on it
// on a free loopback port, and cleanup. Loopback only.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { processCpuSeconds } from './cpu.mjs';

export const root = new URL('../../', import.meta.url).pathname;

const baseUrl =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/postgres';

/** The key the bench server seals contact fields with, so generators can seal theirs alike. */
const BENCH_SECRETS_KEY = '5e'.repeat(32);

/** The server's own field crypto (the built lib), to write rows as the app would. */
async function benchFieldCrypto() {
  const { createFieldCrypto } = await import(join(root, 'dist/server/lib/field-crypto.js'));
  return createFieldCrypto(Buffer.from(BENCH_SECRETS_KEY, 'hex'));
}

export const freePort = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

/**
 * Starts `dist/server/main.js` on a new database; `stop()` kills it and drops the database.
 * BENCH_PORT pins the port (for a machine where each user has a range), else a free one.
 */
export async function startBenchServer(extraEnv = {}) {
  if (!existsSync(join(root, 'dist/server/main.js'))) {
    console.error('Build first: npm run build');
    process.exit(1);
  }
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  const dbName = `otklik_bench_${Date.now()}`;
  await admin.query(`create database ${dbName}`);
  const url = new URL(baseUrl);
  url.pathname = `/${dbName}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'otklik-bench-'));
  const port = process.env.BENCH_PORT ? Number(process.env.BENCH_PORT) : await freePort();
  const server = spawn(process.execPath, [join(root, 'dist/server/main.js')], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: url.toString(),
      ADMIN_PASSWORD: 'bench administrator pass',
      PUBLIC_RATE_PER_MINUTE: '1000000',
      DEADLINE_SWEEP_MINUTES: '0',
      SMTP_IN_PORT: '0',
      LOG_LEVEL: 'error',
      SECRETS_KEY: BENCH_SECRETS_KEY,
      ...extraEnv,
    },
    stdio: 'ignore',
  });
  const origin = `http://127.0.0.1:${port}`;
  const stop = async () => {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const deadline = Date.now() + 120_000;
    for (;;) {
      try {
        if ((await fetch(`${origin}/healthz`)).ok) break;
      } catch {}
      if (Date.now() > deadline) throw new Error('server did not start');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    origin,
    databaseUrl: url.toString(),
    /** Seals a contact field and computes a blind index exactly as this server does. */
    fieldCrypto: await benchFieldCrypto(),
    /** Resident memory of the server process in bytes, from /proc (Linux). */
    rssBytes() {
      try {
        const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))?.[1];
        return Number(kb) * 1024;
      } catch {
        return Number.NaN;
      }
    },
    /** CPU seconds the server has spent, from /proc (Linux), to tell CPU cost from waiting. */
    cpuSeconds: () => processCpuSeconds(server.pid),
    stop,
  };
}
