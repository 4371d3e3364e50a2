// Intake benchmark: requests registered per second through HTTP (validation, numbering, client
// matching, deadline, events, in one transaction each) on real Postgres, next to plain INSERTs of
// the same request rows in the same run. Loopback only; bounded by BENCH_REQUESTS.
import pg from 'pg';
import { startBenchServer } from '../lib/server.mjs';

const total = Number(process.env.BENCH_REQUESTS ?? 1000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);

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

const server = await startBenchServer();
const { origin, cpuSeconds } = server;

try {
  const cpuBefore = cpuSeconds();
  let failures = 0;
  const httpRate = await pool(total, async (i) => {
    const response = await fetch(`${origin}/api/public/giookn-nso/requests`, {
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
  const db = new pg.Pool({ connectionString: server.databaseUrl, max: 10 });
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
  await server.stop();
}
