import { randomBytes } from 'node:crypto';
import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFieldCrypto, fieldCrypto } from '../lib/field-crypto.js';
import { agencyWithStaff, createHarness, type Harness, TEST_SECRETS_KEY } from '../testing/harness.js';
import { confirmedSubscriber } from '../testing/mailings.js';
import { sealContactFields } from './field-backfill.js';

// Issue 12 p. 5: the consent ledger is append-only (seed 004 p. 14), yet its sealed addresses
// must move to a new key. Its trigger (migration 0038) allows exactly that and nothing more.
let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness.close());

const EMAIL = 'lebedeva.maria@example.ru';
const PROCESS_KEY = Buffer.from(TEST_SECRETS_KEY, 'hex');

const rows = async <T>(query: SQL) =>
  ((await harness.services.database.db.execute(query)) as unknown as { rows: T[] }).rows;

/** The database's own words when it refuses a statement (drivers wrap them differently). */
async function refusal(statement: Promise<unknown>) {
  try {
    await statement;
  } catch (error) {
    const { message, cause } = error as Error & { cause?: Error };
    return `${message} ${cause?.message ?? ''}`;
  }
  return 'accepted';
}

describe('the consent ledger under a key rotation', () => {
  it('lets the backfill re-seal its addresses under a new key, and refuses every other change', async () => {
    const { slug, staff } = await agencyWithStaff(harness);
    const agencyId = await harness.services.agencies.idBySlug(slug);
    await confirmedSubscriber(harness, slug, EMAIL);
    const db = harness.services.database.db;
    const ledgerRows = () =>
      rows<{ id: string; email: string; event: string; at: string; ip: string | null }>(
        sql`select id::text, email, event, at::text, ip from mailing_consent_events
            where agency_id = ${agencyId} order by id`,
      );
    const before = await ledgerRows();
    expect(before.map((r) => r.event)).toEqual(['given', 'confirmed']);
    for (const r of before) expect(r.email.startsWith(`f1:${fieldCrypto().keyId}:`)).toBe(true);

    const newKey = randomBytes(32);
    const rotated = createFieldCrypto(newKey, [PROCESS_KEY]);
    const done = await sealContactFields(db, rotated);
    expect(done.find((p) => p.table === 'mailing_consent_events')?.sealed).toBe(2);
    const after = await ledgerRows();
    // Only the address moved: the same events, times and origin.
    const rest = (r: (typeof before)[number]) => [r.id, r.event, r.at, r.ip];
    expect(after.map(rest)).toEqual(before.map(rest));
    for (const r of after) {
      expect(r.email.startsWith(`f1:${rotated.keyId}:`)).toBe(true);
      expect(rotated.open(r.email)).toBe(EMAIL);
    }

    const id = after[0]?.id as string;
    const underReseal = (statement: SQL) =>
      db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('otklik.reseal', 'on', true)`);
        await tx.execute(statement);
      });
    // Without the backfill's setting even a well-formed re-seal of the address is refused…
    const reseal = sql`update mailing_consent_events set email = ${rotated.seal(EMAIL)} where id = ${id}`;
    expect(await refusal(db.execute(reseal))).toContain('append-only');
    // …and with it, any other column, a clear or forged address, or a deletion still is.
    for (const statement of [
      sql`update mailing_consent_events set event = 'revoked' where id = ${id}`,
      sql`update mailing_consent_events set email = ${rotated.seal(EMAIL)}, ip = '10.9.9.9' where id = ${id}`,
      sql`update mailing_consent_events set email = 'forged@example.ru' where id = ${id}`,
      sql`delete from mailing_consent_events where id = ${id}`,
    ]) {
      expect(await refusal(underReseal(statement))).toContain('append-only');
    }
    // The setting is local to the backfill's transaction: after one, a plain UPDATE is refused again.
    await underReseal(sql`select 1`);
    expect(await refusal(db.execute(reseal))).toContain('append-only');
    expect(await ledgerRows()).toEqual(after);

    // Back under the process key, staff read the ledger opened.
    await sealContactFields(db, createFieldCrypto(PROCESS_KEY, [newKey]));
    const history = await staff.request({
      url: `/api/staff/mailings/subscribers/${await subscriberId(agencyId)}/consents`,
    });
    expect(history.json().map((e: { email: string }) => e.email)).toEqual([EMAIL, EMAIL]);
  });
});

async function subscriberId(agencyId: string) {
  const [row] = await rows<{ id: string }>(
    sql`select id from mailing_subscribers where agency_id = ${agencyId}`,
  );
  return row?.id as string;
}
