// Contact-field backfill benchmark (issue 12 p. 5): BENCH_ROWS (default 100 000) requests and as
// many client contacts stored in the clear, as before encryption; then the startup backfill that
// seals them (db/field-backfill.ts, batches of 500), next to one plain UPDATE rewriting the same
// columns of the same rows in the same run. PGlite in memory unless DATABASE_URL names an empty
// Postgres database.
import { sql } from 'drizzle-orm';
import { sealContactFields } from '../../src/server/db/field-backfill.js';
import { fieldCrypto } from '../../src/server/lib/field-crypto.js';
import { openBenchAgency } from '../lib/bench-agency.js';
import { generateRequests } from '../lib/generate.mjs';

const rows = Number(process.env.BENCH_ROWS ?? 100_000);
const url = process.env.DATABASE_URL ?? null;

async function seconds(fn: () => Promise<unknown>) {
  const started = performance.now();
  await fn();
  return (performance.now() - started) / 1000;
}

const { db, user, agencyId, close } = await openBenchAgency('backfill', url, 'admin');
try {
  const execute = (text: string) => db.execute(sql.raw(text));
  // Legacy rows: the generator's «sealing» is the identity, so e-mails land in the clear.
  await generateRequests(execute, { agencyId, userId: user.id, rows, seal: (plain) => plain });
  await db.execute(sql`insert into clients (id, agency_id, name)
    select md5('c' || g)::uuid, ${agencyId}, 'Заявитель ' || g from generate_series(1, ${rows}) g`);
  await db.execute(sql`insert into client_contacts (agency_id, client_id, kind, value, value_index, source)
    select ${agencyId}, md5('c' || g)::uuid, 'phone', '+7 913 ' || lpad(g::text, 7, '0'),
      '7913' || lpad(g::text, 7, '0'), 'migration' from generate_series(1, ${rows}) g`);

  const plainSeconds = await seconds(async () => {
    await db.execute(
      sql`update requests set contact_email = contact_email || '' where agency_id = ${agencyId}`,
    );
    await db.execute(sql`update client_contacts set value = value || '', value_index = value_index || ''
      where agency_id = ${agencyId}`);
  });
  let sealed = 0;
  const backfillSeconds = await seconds(async () => {
    const done = await sealContactFields(db, fieldCrypto());
    sealed = done.reduce((sum, p) => sum + p.sealed, 0);
  });
  if (sealed !== 2 * rows) throw new Error(`sealed ${sealed} rows, expected ${2 * rows}`);
  const againSeconds = await seconds(() => sealContactFields(db, fieldCrypto()));

  console.log(`database: ${url ? 'Postgres' : 'PGlite'}, ${rows} requests + ${rows} contacts in the clear`);
  console.log(`plain UPDATE of the same columns (baseline): ${plainSeconds.toFixed(1)} s`);
  console.log(
    `backfill (seal + blind index, batches of 500): ${backfillSeconds.toFixed(1)} s, ${Math.round(sealed / backfillSeconds)} rows/s, ×${(backfillSeconds / plainSeconds).toFixed(1)} the baseline`,
  );
  console.log(`second start (nothing left to seal): ${againSeconds.toFixed(2)} s`);
} finally {
  await close();
}
