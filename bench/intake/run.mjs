// Intake benchmark: requests registered per second through HTTP (validation, numbering, client
// matching, deadline, events, in one transaction each) on real Postgres, next to plain INSERTs of
// the same request rows in the same run. Loopback only; bounded by BENCH_REQUESTS.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const root = new URL('../../', import.meta.url).pathname;
const total = Number(process.env.BENCH_REQUESTS ?? 1000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);
const baseUrl =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/postgres';

if (!existsSync(join(root, 'dist/server/main.js'))) {
  console.error('Build first: npm run build');
  process.exit(1);
}

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

async function pool(count, worker) {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await worker(next++);
    }),
  );
  return (count / (performance.now() - started)) * 1000;
}

const text = (i) => `Прошу сообщить о сроках работ на объекте № ${i}. Обращение для замера скорости приёма.`;

const admin = new pg.Client({ connectionString: baseUrl });
await admin.connect();
const dbName = `otklik_bench_${Date.now()}`;
await admin.query(`create database ${dbName}`);
const url = new URL(baseUrl);
url.pathname = `/${dbName}`;
const dataDir = mkdtempSync(join(tmpdir(), 'otklik-bench-'));
const port = await freePort();
const server = spawn(process.execPath, [join(root, 'dist/server/main.js')], {
  env: {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DATABASE_URL: url.toString(),
    ADMIN_PASSWORD: 'bench administrator pass',
    PUBLIC_RATE_PER_MINUTE: '1000000',
    LOG_LEVEL: 'error',
  },
  stdio: 'ignore',
});

try {
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break;
    } catch {}
    if (Date.now() > deadline) throw new Error('server did not start');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  // CPU seconds the server spent, from /proc (Linux), to tell CPU cost from waiting.
  const cpuSeconds = () => {
    try {
      const fields = readFileSync(`/proc/${server.pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      return Number.NaN;
    }
  };
  const cpuBefore = cpuSeconds();
  let failures = 0;
  const httpRate = await pool(total, async (i) => {
    const response = await fetch(`http://127.0.0.1:${port}/api/public/giookn-nso/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        kind: 'appeal',
        text: text(i),
        name: `Заявитель ${i}`,
        email: `client${i}@bench.local`,
        consent: true,
      }),
    });
    if (response.status !== 201) failures++;
    await response.arrayBuffer();
  });

  const serverCpuMs = ((cpuSeconds() - cpuBefore) * 1000) / total;
  const db = new pg.Pool({ connectionString: url.toString(), max: 10 });
  const { rows } = await db.query(`select id from agencies where slug = 'dizo-nso'`);
  const agencyId = rows[0].id;
  const plainRate = await pool(total, async (i) => {
    await db.query(
      `insert into requests (agency_id, number, kind, channel, status, text, contact_name, contact_email,
         notify_by_email, tracking_code, received_at, registered_at, due_at, due_source)
       values ($1, $2, 'appeal', 'portal', 'registered', $3, $4, $5, false, 'BENCHCODE0', now(), now(), now() + interval '30 days', '59-ФЗ ст. 12 ч. 1')`,
      [agencyId, `plain-${i}`, text(i), `Заявитель ${i}`, `client${i}@bench.local`],
    );
  });
  await db.end();

  console.log(`\nintake on Postgres, ${total} requests, ${concurrency} at a time`);
  console.log(
    `HTTP intake (registered)      ${httpRate.toFixed(0).padStart(7)} req/s   failures: ${failures}, server CPU ${serverCpuMs.toFixed(1)} ms/request`,
  );
  console.log(`plain INSERT of the same rows ${plainRate.toFixed(0).padStart(7)} rows/s`);
  console.log(
    `ratio                         ${((httpRate / plainRate) * 100).toFixed(0).padStart(7)} %   (target ≥ 50 %)`,
  );
} finally {
  server.kill('SIGTERM');
  await new Promise((resolve) => server.once('exit', resolve));
  await admin.query(`drop database if exists ${dbName} with (force)`);
  await admin.end();
  rmSync(dataDir, { recursive: true, force: true });
}
