// Intake benchmark: requests registered per second through HTTP (validation, numbering, client
// matching, deadline, events, in one transaction each) on real Postgres, next to plain INSERTs of
// the same request rows in the same run. Loopback only; bounded by BENCH_REQUESTS.
import pg from 'pg';
import { withCpu } from '../lib/cpu.mjs';
import { httpClient } from '../lib/http.mjs';
import { concurrency, ratePerSecond } from '../lib/pool.mjs';
import { startBenchServer } from '../lib/server.mjs';

const total = Number(process.env.BENCH_REQUESTS ?? 1000);

const text = (i) => `Прошу сообщить о сроках работ на объекте № ${i}. Обращение для замера скорости приёма.`;

const server = await startBenchServer();
const { origin, cpuSeconds } = server;
const database = new URL(server.databaseUrl).pathname.slice(1);
// The baselines write contact fields as the app does: sealed, with the e-mail's blind index.
const { seal, blindIndex } = server.fieldCrypto;

try {
  const client = httpClient(origin, concurrency);
  let failures = 0;
  const intake = (i) =>
    client.postJson('/api/public/giookn-nso/requests', {
      kind: 'appeal',
      text: text(i),
      name: `Заявитель ${i}`,
      email: `client${i}@bench.local`,
      consent: true,
    });
  // Warm-up: the first requests compile the server's code and fill its per-node caches.
  await ratePerSecond(Math.min(200, total), (i) => intake(total + i));
  const http = await withCpu(
    total,
    () =>
      ratePerSecond(total, async (i) => {
        if ((await intake(i)).status !== 201) failures++;
      }),
    { database, serverCpuSeconds: cpuSeconds },
  );
  client.close();

  const db = new pg.Pool({ connectionString: server.databaseUrl, max: 10 });
  const { rows } = await db.query(`select id from agencies where slug = 'dizo-nso'`);
  const agencyId = rows[0].id;
  const plain = await withCpu(
    total,
    () =>
      ratePerSecond(total, async (i) => {
        await db.query(
          `insert into requests (agency_id, number, kind, channel, status, text, contact_name, contact_email,
         notify_by_email, tracking_code, received_at, registered_at, due_at, due_source)
       values ($1, $2, 'appeal', 'portal', 'registered', $3, $4, $5, false, 'BENCHCODE0', now(), now(), now() + interval '30 days', '59-ФЗ ст. 12 ч. 1')`,
          [agencyId, `plain-${i}`, text(i), `Заявитель ${i}`, seal(`client${i}@bench.local`)],
        );
      }),
    { database },
  );
  // The same rows an intake writes — client, contact, request, two events, consent — as plain
  // INSERTs in one transaction, without validation, numbering, deadlines or HTTP.
  const allRows = await withCpu(
    total,
    () =>
      ratePerSecond(total, async (i) => {
        const client = await db.connect();
        try {
          await client.query('begin');
          const { rows: made } = await client.query(
            `insert into clients (agency_id, name) values ($1, $2) returning id`,
            [agencyId, `Заявитель ${i}`],
          );
          const clientId = made[0].id;
          await client.query(
            `insert into client_contacts (agency_id, client_id, kind, value, value_index, source)
         values ($1, $2, 'email', $3, $4, 'portal')`,
            [agencyId, clientId, seal(`rows${i}@bench.local`), blindIndex(`rows${i}@bench.local`)],
          );
          const { rows: request } = await client.query(
            `insert into requests (agency_id, number, kind, channel, status, text, client_id, contact_name, contact_email,
           notify_by_email, tracking_code, received_at, registered_at, due_at, due_source)
         values ($1, $2, 'appeal', 'portal', 'registered', $3, $4, $5, $6, false, 'BENCHCODE0', now(), now(),
           now() + interval '30 days', '59-ФЗ ст. 12 ч. 1') returning id`,
            [agencyId, `rows-${i}`, text(i), clientId, `Заявитель ${i}`, seal(`rows${i}@bench.local`)],
          );
          await client.query(
            `insert into request_events (agency_id, request_id, status) values ($1, $2, 'received'), ($1, $2, 'registered')`,
            [agencyId, request[0].id],
          );
          await client.query(
            `insert into client_consent_events (agency_id, client_id, purpose, action, channel, request_id)
         values ($1, $2, 'personal_data', 'given', 'portal', $3)`,
            [agencyId, clientId, request[0].id],
          );
          await client.query('commit');
        } finally {
          client.release();
        }
      }),
    { database },
  );
  await db.end();

  const httpRate = http.result;
  const cpu = ({ cpu: c }, server) =>
    `CPU ms per intake: ${server ? `server ${c.server.toFixed(2)}, ` : ''}Postgres ${c.postgres.toFixed(2)}, generator ${c.generator.toFixed(2)}`;
  console.log(`\nintake on Postgres, ${total} requests, ${concurrency} at a time`);
  console.log(
    `HTTP intake (registered)        ${httpRate.toFixed(0).padStart(7)} req/s   failures: ${failures}; ${cpu(http, true)}`,
  );
  console.log(`plain INSERT of the request row ${plain.result.toFixed(0).padStart(7)} rows/s; ${cpu(plain)}`);
  console.log(
    `plain INSERTs of all its rows   ${allRows.result.toFixed(0).padStart(7)} intakes/s (client, contact, request, 2 events, consent; one transaction); ${cpu(allRows)}`,
  );
  console.log(
    `ratio to the request row        ${((httpRate / plain.result) * 100).toFixed(0).padStart(7)} %   (target ≥ 50 %)`,
  );
  console.log(
    `ratio to all its rows           ${((httpRate / allRows.result) * 100).toFixed(0).padStart(7)} %`,
  );
} finally {
  await server.stop();
}
