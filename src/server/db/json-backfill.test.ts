import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFieldCrypto, fieldCrypto } from '../lib/field-crypto.js';
import { requestsOf } from '../testing/email-kit.js';
import {
  agencyWithStaff,
  createHarness,
  type Harness,
  submitAppeal,
  TEST_SECRETS_KEY,
} from '../testing/harness.js';
import { type BackfillProgress, sealContactFields } from './field-backfill.js';

// Issue 12 p. 5: audit snapshots and reply routes written before sealing are sealed at startup.
let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness.close());

const rows = async <T>(query: ReturnType<typeof sql>) =>
  ((await harness.services.database.db.execute(query)) as unknown as { rows: T[] }).rows;

const sealedCount = (done: BackfillProgress[], table: string) => done.find((p) => p.table === table)?.sealed;

const CLIENT_BEFORE = {
  name: 'Старый клиент',
  postalAddress: null,
  contacts: [{ kind: 'email', value: 'old.client@example.ru', verified: false }],
};
const CLIENT_AFTER = {
  name: 'Старый клиент',
  postalAddress: '630099, Новосибирск, ул. Гоголя, 8',
  contacts: [
    { kind: 'email', value: 'old.client@example.ru', verified: false },
    { kind: 'phone', value: '+7 913 111-22-33', verified: true },
  ],
};
const BOOKING = { name: 'Старый посетитель', phone: '+79131112244', email: 'old.visitor@example.ru' };
const STATUS_ONLY = { status: 'closed' };
const PLAINTEXT = ['old.client', 'Гоголя', '111-22-33', '1112244', 'old.visitor', 'old.sender'];

/** Audit rows and a request as they were stored before sealing: contacts in the clear. */
async function legacyRows(agencyId: string) {
  const audit = (entity: string, before: unknown, after: unknown) =>
    rows<{ id: number }>(sql`insert into audit_log (agency_id, action, entity, entity_id, before, after)
      values (${agencyId}, ${before ? 'update' : 'create'}, ${entity}, 'legacy', ${before ? JSON.stringify(before) : null}::jsonb,
        ${JSON.stringify(after)}::jsonb) returning id`);
  await audit('client', CLIENT_BEFORE, CLIENT_AFTER);
  await audit('reception_booking', null, BOOKING);
  const [untouched] = await audit('request', { status: 'new' }, STATUS_ONLY);
  const route = {
    network: 'email',
    accountId: null,
    recipient: 'old.sender@example.ru',
    thread: { inReplyTo: '<legacy@client.test>' },
  };
  await harness.services.database.db.execute(sql`insert into requests (agency_id, number, kind, channel, status,
      text, contact_name, reply_route, tracking_code, received_at, due_at, due_source)
    values (${agencyId}, '2025-00077', 'appeal', 'email', 'closed', 'Текст', 'Старый заявитель',
      ${JSON.stringify(route)}::jsonb, 'ABC', '2025-03-01T10:00:00Z', '2025-03-31T16:59:59Z', '59-ФЗ')`);
  return { untouchedId: untouched?.id as number };
}

const storedAudit = (agencyId: string) =>
  rows<{ id: number; before: string | null; after: string }>(
    sql`select id, before::text as before, after::text as after from audit_log
        where agency_id = ${agencyId} and entity_id = 'legacy' order by id`,
  );

const storedRoute = (agencyId: string) =>
  rows<{ route: string; recipient: string }>(
    sql`select reply_route::text as route, reply_route->>'recipient' as recipient from requests
        where agency_id = ${agencyId}`,
  );

describe('startup backfill of contacts inside JSON', () => {
  it('seals legacy audit snapshots and reply routes once, and staff still read them opened', async () => {
    const { slug, staff } = await agencyWithStaff(harness);
    const agencyId = await harness.services.agencies.idBySlug(slug);
    const { untouchedId } = await legacyRows(agencyId);
    const [statusBefore] = (await storedAudit(agencyId)).filter((r) => r.id === untouchedId);
    const crypto = fieldCrypto();

    const done = await sealContactFields(harness.services.database.db, crypto, () => {}, 1);
    expect(sealedCount(done, 'audit_log (json)')).toBe(2);
    expect(sealedCount(done, 'requests (json)')).toBe(1);

    const audit = await storedAudit(agencyId);
    for (const row of audit) {
      for (const plain of PLAINTEXT) expect(`${row.before} ${row.after}`).not.toContain(plain);
    }
    // A snapshot without contacts is not rewritten.
    expect(audit.find((r) => r.id === untouchedId)).toEqual(statusBefore);
    const [route] = await storedRoute(agencyId);
    expect(route?.route).not.toContain('old.sender');
    expect(route?.route).toContain('<legacy@client.test>');
    expect(crypto.open(route?.recipient ?? '')).toBe('old.sender@example.ru');
    const [request] = await requestsOf(harness, agencyId);
    expect(request?.replyRoute?.recipient).toBe('old.sender@example.ru');

    const page = (await staff.request({ method: 'GET', url: '/api/staff/audit?pageSize=100' })).json();
    const legacy = page.items.filter((e: { entityId: string }) => e.entityId === 'legacy');
    expect(legacy.find((e: { entity: string }) => e.entity === 'client')).toMatchObject({
      before: CLIENT_BEFORE,
      after: CLIENT_AFTER,
    });
    expect(legacy.find((e: { entity: string }) => e.entity === 'reception_booking')).toMatchObject({
      before: null,
      after: BOOKING,
    });
    expect(legacy.find((e: { entity: string }) => e.entity === 'request')).toMatchObject({
      after: STATUS_ONLY,
    });

    const again = await sealContactFields(harness.services.database.db, crypto);
    expect(sealedCount(again, 'audit_log (json)')).toBe(0);
    expect(sealedCount(again, 'requests (json)')).toBe(0);
    expect(await storedAudit(agencyId)).toEqual(audit);
  });

  it('looks on a later start only at rows from its mark, and at every row again under a new key', async () => {
    const { slug } = await agencyWithStaff(harness);
    const agencyId = await harness.services.agencies.idBySlug(slug);
    await legacyRows(agencyId);
    // A request after the legacy one, so the mark lies beyond it.
    expect((await submitAppeal(harness, slug, { name: 'Новый', email: 'new@example.ru' })).statusCode).toBe(
      201,
    );
    const db = harness.services.database.db;
    const crypto = fieldCrypto();
    await sealContactFields(db, crypto);

    // Clear contacts put back into rows before the mark: a pass that read them would seal them.
    await db.execute(sql`update audit_log set after = jsonb_set(after, '{postalAddress}', '"ул. Гоголя, 8"')
      where agency_id = ${agencyId} and entity = 'client'`);
    await db.execute(sql`update requests set reply_route = jsonb_set(reply_route, '{recipient}', '"old.sender@example.ru"')
      where agency_id = ${agencyId} and number = '2025-00077'`);
    const [fresh] = await rows<{
      id: number;
    }>(sql`insert into audit_log (agency_id, action, entity, entity_id, after)
      values (${agencyId}, 'create', 'reception_booking', 'fresh', ${JSON.stringify(BOOKING)}::jsonb) returning id`);

    const later = await sealContactFields(db, crypto);
    expect(sealedCount(later, 'audit_log (json)')).toBe(1);
    expect(sealedCount(later, 'requests (json)')).toBe(0);
    const [client] = await rows<{ address: string }>(
      sql`select after->>'postalAddress' as address from audit_log where agency_id = ${agencyId} and entity = 'client'`,
    );
    expect(client?.address).toBe('ул. Гоголя, 8');
    expect((await storedRoute(agencyId))[0]?.recipient).toBe('old.sender@example.ru');
    const [booking] = await rows<{ after: string }>(
      sql`select after::text as after from audit_log where id = ${fresh?.id}`,
    );
    expect(booking?.after).not.toContain('old.visitor');

    const rotatedKey = randomBytes(32);
    const rotated = createFieldCrypto(rotatedKey, [Buffer.from(TEST_SECRETS_KEY, 'hex')]);
    await sealContactFields(db, rotated);
    const [resealed] = await rows<{ address: string }>(
      sql`select after->>'postalAddress' as address from audit_log where agency_id = ${agencyId} and entity = 'client'`,
    );
    expect(rotated.open(resealed?.address ?? '')).toBe('ул. Гоголя, 8');
    const [route] = await storedRoute(agencyId);
    expect(route?.recipient.startsWith(`f1:${rotated.keyId}:`)).toBe(true);
    expect(rotated.open(route?.recipient ?? '')).toBe('old.sender@example.ru');
    // Back to the harness's key: the app and the tests after this one read with it.
    await sealContactFields(db, createFieldCrypto(Buffer.from(TEST_SECRETS_KEY, 'hex'), [rotatedKey]));
  });

  it('re-seals the snapshots and the route under a new key during a rotation', async () => {
    const { slug } = await agencyWithStaff(harness);
    const agencyId = await harness.services.agencies.idBySlug(slug);
    await legacyRows(agencyId);
    const db = harness.services.database.db;
    await sealContactFields(db, fieldCrypto());
    const rotated = createFieldCrypto(randomBytes(32), [Buffer.from(TEST_SECRETS_KEY, 'hex')]);

    const done = await sealContactFields(db, rotated);
    expect(sealedCount(done, 'audit_log (json)')).toBeGreaterThanOrEqual(2);
    const [client] = await rows<{ address: string; phone: string }>(
      sql`select after->>'postalAddress' as address, after->'contacts'->1->>'value' as phone from audit_log
          where agency_id = ${agencyId} and entity = 'client'`,
    );
    expect(client?.address.startsWith(`f1:${rotated.keyId}:`)).toBe(true);
    expect(rotated.open(client?.address ?? '')).toBe(CLIENT_AFTER.postalAddress);
    expect(rotated.open(client?.phone ?? '')).toBe('+7 913 111-22-33');
    const [route] = await storedRoute(agencyId);
    expect(route?.recipient.startsWith(`f1:${rotated.keyId}:`)).toBe(true);
    expect(rotated.open(route?.recipient ?? '')).toBe('old.sender@example.ru');
    // Once moved, a second run under the new key finds nothing left.
    const again = await sealContactFields(db, rotated);
    expect(sealedCount(again, 'audit_log (json)')).toBe(0);
    expect(sealedCount(again, 'requests (json)')).toBe(0);
  });
});
