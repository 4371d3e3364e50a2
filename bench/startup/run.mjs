// Startup benchmark: time from spawning the built server to the first 200 from /healthz, next to
// the time of a bare `node -e` start measured in the same run. Loopback only, bounded in time.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;
const main = join(root, 'dist/server/main.js');
const runs = Number(process.env.BENCH_RUNS ?? 3);
const postgresUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? null;

if (!existsSync(main)) {
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

function bareNode() {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    child.on('exit', (code) =>
      code === 0 ? resolve(performance.now() - started) : reject(new Error(`exit ${code}`)),
    );
  });
}

async function serverStart(env) {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [main], {
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      SMTP_IN_PORT: '0',
      LOG_LEVEL: 'error',
    },
    stdio: 'ignore',
  });
  try {
    while (performance.now() - started < 120_000) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
      try {
        if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return performance.now() - started;
      } catch {}
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error('no healthy answer within 120 s');
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function measure(label, fn) {
  const times = [];
  for (let i = 0; i < runs; i++) times.push(await fn(i));
  return { label, ms: median(times) };
}

const dataDir = mkdtempSync(join(tmpdir(), 'otklik-bench-'));
try {
  const rows = [await measure('node -e 0 (baseline)', bareNode)];
  const pglite = { DATA_DIR: dataDir, DATABASE_URL: '', ADMIN_PASSWORD: 'bench administrator pass' };
  rows.push(
    await measure('PGlite, first start (fresh DATA_DIR)', () => {
      rmSync(join(dataDir, 'pglite'), { recursive: true, force: true });
      return serverStart(pglite);
    }),
  );
  rows.push(await measure('PGlite, restart (existing DATA_DIR)', () => serverStart(pglite)));
  if (postgresUrl) {
    rows.push(
      await measure('Postgres, restart', () => serverStart({ ...pglite, DATABASE_URL: postgresUrl })),
    );
  } else {
    console.log('(set BENCH_DATABASE_URL or TEST_DATABASE_URL to include Postgres)');
  }
  const baseline = rows[0].ms;
  console.log(`\nstartup to first 200 /healthz, median of ${runs} runs`);
  for (const row of rows) {
    console.log(
      `${row.label.padEnd(40)} ${row.ms.toFixed(0).padStart(7)} ms   ×${(row.ms / baseline).toFixed(1)}`,
    );
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
