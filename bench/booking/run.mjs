// Booking benchmark (issue 7): 200 concurrent booking attempts for 20 slots through HTTP on real
// Postgres must give exactly 20 bookings and 180 refusals (409). Next to it, in the same run, the
// same attempts as a plain `SELECT … FOR UPDATE` booking loop straight on the database.
// Loopback only; sizes from BENCH_ATTEMPTS and BENCH_SLOTS.
import pg from 'pg';
import { startBenchServer } from '../lib/server.mjs';

const attempts = Number(process.env.BENCH_ATTEMPTS ?? 200);
const slotCount = Number(process.env.BENCH_SLOTS ?? 20);
const DAY_MS = 86_400_000;

const server = await startBenchServer();

/** An official of the agency and `slotCount` future half-hour slots, straight in the tables. */
async function makeSlots(db, agencyId, dayOffset) {
  const { rows } = await db.query(
    `insert into reception_officials (agency_id, name, position) values ($1, $2, 'Руководитель') returning id`,
    [agencyId, `Должностное лицо ${dayOffset}`],
  );
  const base = Date.now() + dayOffset * DAY_MS;
  const slots = [];
  for (let i = 0; i < slotCount; i++) {
    const startsAt = new Date(base + i * 30 * 60_000);
    const { rows: made } = await db.query(
      `insert into reception_slots (agency_id, official_id, starts_at, ends_at)
       values ($1, $2, $3, $4) returning id`,
      [agencyId, rows[0].id, startsAt, new Date(startsAt.getTime() + 30 * 60_000)],
    );
    slots.push(made[0].id);
  }
  return slots;
}

const count = (codes, code) => codes.filter((c) => c === code).length;

try {
  const db = new pg.Pool({ connectionString: server.databaseUrl, max: 20 });
  const { rows } = await db.query(`select id from agencies where slug = 'giookn-nso'`);
  const agencyId = rows[0].id;

  const httpSlots = await makeSlots(db, agencyId, 3);
  let started = performance.now();
  const codes = await Promise.all(
    Array.from({ length: attempts }, async (_, i) => {
      const response = await fetch(`${server.origin}/api/public/giookn-nso/bookings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          slotId: httpSlots[i % slotCount],
          name: `Гражданин ${i}`,
          topic: 'Замер записи на приём',
          consent: true,
        }),
      });
      await response.arrayBuffer();
      return response.status;
    }),
  );
  const httpMs = performance.now() - started;
  const { rows: live } = await db.query(
    `select count(*)::int as n, count(distinct slot_id)::int as slots from reception_bookings
     where status = 'booked' and slot_id = any($1)`,
    [httpSlots],
  );

  // The baseline: lock the slot row, look for a live booking, insert if there is none.
  const plainSlots = await makeSlots(db, agencyId, 4);
  started = performance.now();
  const plain = await Promise.all(
    Array.from({ length: attempts }, async (_, i) => {
      const client = await db.connect();
      try {
        await client.query('begin');
        const slotId = plainSlots[i % slotCount];
        await client.query('select id from reception_slots where id = $1 for update', [slotId]);
        const { rows: taken } = await client.query(
          `select 1 from reception_bookings where slot_id = $1 and status = 'booked'`,
          [slotId],
        );
        if (taken.length > 0) {
          await client.query('rollback');
          return false;
        }
        await client.query(
          `insert into reception_bookings (agency_id, slot_id, name, topic, channel, source)
           values ($1, $2, $3, 'Замер записи на приём', 'portal', 'portal')`,
          [agencyId, slotId, `Гражданин ${i}`],
        );
        await client.query('commit');
        return true;
      } finally {
        client.release();
      }
    }),
  );
  const plainMs = performance.now() - started;
  await db.end();

  const ok = count(codes, 201);
  const refused = count(codes, 409);
  const other = attempts - ok - refused;
  console.log(`\nbooking on Postgres, ${attempts} concurrent attempts for ${slotCount} slots`);
  console.log(
    `HTTP booking (partial unique index)  ${httpMs.toFixed(0).padStart(6)} ms   201: ${ok}, 409: ${refused}, other: ${other}; live bookings ${live[0].n} on ${live[0].slots} slots`,
  );
  console.log(
    `plain SELECT … FOR UPDATE loop       ${plainMs.toFixed(0).padStart(6)} ms   booked: ${plain.filter(Boolean).length}, refused: ${plain.filter((b) => !b).length}`,
  );
  console.log(`ratio HTTP / plain                   ${(httpMs / plainMs).toFixed(1).padStart(6)} ×`);
  const correct = ok === slotCount && refused === attempts - slotCount && live[0].n === slotCount;
  console.log(correct ? 'exactly one booking per slot: yes' : 'DOUBLE BOOKING OR LOST ATTEMPTS');
  if (!correct) process.exitCode = 1;
} finally {
  await server.stop();
}
