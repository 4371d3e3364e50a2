// Register benchmark: p95 latency of the register's default views and of its full-text search
// through HTTP with BENCH_ROWS (default 1 000 000) requests in one agency, next to the p95 of the
// same query run as plain SQL in the same run. Synthetic rows are made by generate_series.
import pg from 'pg';
import { generateRequests } from '../lib/generate.mjs';
import { startBenchServer } from '../lib/server.mjs';

const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
const runs = Number(process.env.BENCH_RUNS ?? 40);
const SLUG = 'giookn-nso';

const server = await startBenchServer();
const db = new pg.Pool({ connectionString: server.databaseUrl, max: 4 });

const p95 = (samples) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)];
};

async function timed(times, fn) {
  await fn(); // warm-up: plans and caches, not measured
  const samples = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  return p95(samples);
}

try {
  const { rows: ids } = await db.query(
    `select a.id as agency, u.id as "user" from agencies a, users u where a.slug = $1 and u.email = 'admin@otklik.local'`,
    [SLUG],
  );
  const { agency, user } = ids[0];
  const seconds = await generateRequests((text) => db.query(text), {
    agencyId: agency,
    userId: user,
    rows,
    seal: server.fieldCrypto.seal,
  });

  const login = await fetch(`${server.origin}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@otklik.local', password: 'bench administrator pass' }),
  });
  const cookie = login.headers.get('set-cookie').split(';')[0];
  const { csrfToken } = await login.json();
  await fetch(`${server.origin}/api/auth/agency`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ slug: SLUG }),
  });
  const http = (query) => async () => {
    const response = await fetch(`${server.origin}/api/staff/requests?${query}&pageSize=20`, {
      headers: { cookie },
    });
    if (response.status !== 200) throw new Error(`${query}: HTTP ${response.status}`);
    await response.json();
  };
  // The plain SQL of each view: the page and the count (stopped past 10 000), as the register asks.
  const open = `status in ('received','registered','assigned','in_progress','extended')`;
  const sql =
    (where, order = 'due_at asc, id asc') =>
    async () => {
      await db.query(
        `select count(*) from (select 1 from requests where agency_id = $1 and ${where} limit 10001) capped`,
        [agency],
      );
      await db.query(`select * from requests where agency_id = $1 and ${where} order by ${order} limit 20`, [
        agency,
      ]);
    };
  const views = [
    ['all, by term', 'sort=dueAt', sql('true')],
    ['all, newest first', 'sort=receivedAt', sql('true', 'received_at desc, id asc')],
    [
      'in progress',
      'status=registered&status=assigned&status=in_progress&status=extended',
      sql(`status in ('registered','assigned','in_progress','extended')`),
    ],
    ['overdue', 'overdue=true', sql(`${open} and due_at < now()`)],
    ['due ≤ 3 working days', 'dueWithin=3', sql(`${open} and due_at <= now() + interval '5 days'`)],
    ['mine', 'mine=true', sql(`assignee_id = '${user}'`)],
    [
      'number «B-4242»',
      `q=${encodeURIComponent('B-4242')}`,
      sql(
        `(number ilike '%B-4242%' or search @@ websearch_to_tsquery('russian', 'B-4242') or attachment_search @@ websearch_to_tsquery('russian', 'B-4242'))`,
      ),
    ],
    [
      'full-text «реставрация усадьбы»',
      `q=${encodeURIComponent('реставрация усадьбы')}`,
      sql(
        `(number ilike '%реставрация усадьбы%' or search @@ websearch_to_tsquery('russian', 'реставрация усадьбы'))`,
      ),
    ],
  ];

  console.log(
    `\nregister on Postgres: ${rows.toLocaleString('en')} requests in one agency (made in ${seconds.toFixed(0)} s), p95 of ${runs} runs`,
  );
  console.log('view                                HTTP p95   SQL p95   ratio');
  for (const [name, query, plain] of views) {
    const httpP95 = await timed(runs, http(query));
    const sqlP95 = await timed(runs, plain);
    console.log(
      `${name.padEnd(34)} ${httpP95.toFixed(1).padStart(8)} ms ${sqlP95.toFixed(1).padStart(7)} ms ${(httpP95 / sqlP95).toFixed(2).padStart(6)}×`,
    );
  }
} finally {
  await db.end();
  await server.stop();
}
