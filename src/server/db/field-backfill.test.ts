import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFieldCrypto, FieldKeyError, fieldCrypto } from '../lib/field-crypto.js';
import {
  agencyWithStaff,
  createHarness,
  type Harness,
  submitAppeal,
  TEST_SECRETS_KEY,
} from '../testing/harness.js';
import { subscribe } from '../testing/mailings.js';
import { sealedCount } from '../testing/sealed-fields.js';
import { type BackfillProgress, sealContactFields } from './field-backfill.js';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness.close());

const rows = async <T>(query: ReturnType<typeof sql>) =>
  ((await harness.services.database.db.execute(query)) as unknown as { rows: T[] }).rows;

/** A client, contacts and a request as they were stored before encryption: in the clear. */
async function legacyClient(agencyId: string, n: number) {
  const email = `legacy${n}@example.ru`;
  const [client] = await rows<{ id: string }>(sql`insert into clients (agency_id, name, postal_address)
    values (${agencyId}, ${`Старый клиент ${n}`}, ${`630099, Новосибирск, ул. Ленина, ${n}`}) returning id`);
  await harness.services.database.db.execute(sql`insert into client_contacts
      (agency_id, client_id, kind, value, value_index, source)
    values (${agencyId}, ${client?.id}, 'email', ${email}, ${email}, 'migration'),
      (${agencyId}, ${client?.id}, 'phone', ${`8 (913) 000-00-${10 + n}`}, ${`791300000${10 + n}`}, 'migration')`);
  await harness.services.database.db.execute(sql`insert into requests (agency_id, number, kind, channel, status,
      text, client_id, contact_name, contact_email, contact_phone, tracking_code, received_at, due_at, due_source)
    values (${agencyId}, ${`2025-0000${n}`}, 'appeal', 'portal', 'closed', 'Текст', ${client?.id},
      ${`Старый клиент ${n}`}, ${email}, ${`+7 913 000 00 ${10 + n}`}, 'ABC', '2025-03-01T10:00:00Z',
      '2025-03-31T16:59:59Z', '59-ФЗ')`);
  await harness.services.database.db.execute(sql`insert into calls (agency_id, source, caller_phone, started_at,
      answered, within_hours) values (${agencyId}, 'manual', ${`791300000${10 + n}`}, now(), true, true)`);
  return { id: client?.id as string, email };
}

/** A reception booking and its card with the visitor's contacts in the clear. */
async function legacyReception(agencyId: string) {
  const [official] = await rows<{
    id: string;
  }>(sql`insert into reception_officials (agency_id, name, position)
    values (${agencyId}, 'Глава', 'Руководитель') returning id`);
  const [slot] = await rows<{
    id: string;
  }>(sql`insert into reception_slots (agency_id, official_id, starts_at,
      ends_at) values (${agencyId}, ${official?.id}, '2025-03-03T07:00:00Z', '2025-03-03T07:30:00Z') returning id`);
  const [booking] = await rows<{ id: string }>(sql`insert into reception_bookings (agency_id, slot_id, name,
      phone, email, topic, channel, source) values (${agencyId}, ${slot?.id}, 'Старый посетитель',
      '+79130002233', 'visitor@example.ru', 'Тема', 'staff', 'oral') returning id`);
  await harness.services.database.db.execute(sql`insert into reception_cards (agency_id, slot_id, booking_id,
      name, phone, email, postal_address, topic) values (${agencyId}, ${slot?.id}, ${booking?.id},
      'Старый посетитель', '+79130002233', null, '630099, Новосибирск, ул. Ленина, 5', 'Тема')`);
}

/** A confirmed subscriber, its consent and a campaign recipient with the address (and the relay's refusal quoting it) in the clear. */
async function legacySubscriber(agencyId: string) {
  const [subscriber] = await rows<{ id: string }>(sql`insert into mailing_subscribers (agency_id, email,
      email_index, status, confirmed_at) values (${agencyId}, 'reader@example.ru', 'reader@example.ru', 'active',
      now()) returning id`);
  const [campaign] = await rows<{
    id: string;
  }>(sql`insert into mailing_campaigns (agency_id, subject, html, text,
      topic_ids, status) values (${agencyId}, 'Старая рассылка', '<p>Текст</p>', 'Текст', '{}', 'sent') returning id`);
  await harness.services.database.db.execute(sql`insert into mailing_recipients (agency_id, campaign_id,
      subscriber_id, email, status, last_error) values (${agencyId}, ${campaign?.id}, ${subscriber?.id}, 'reader@example.ru',
      'failed', 'Message failed: 550 <reader@example.ru>: mailbox unavailable')`);
  await harness.services.database.db.execute(sql`insert into mailing_consent_events (agency_id, subscriber_id,
      email, event, method) values (${agencyId}, ${subscriber?.id}, 'reader@example.ru', 'given', 'portal_form')`);
  return subscriber?.id as string;
}

/** An e-mail the outbox sent, its recipient in the clear and its lookup column holding it too (migration 0037). */
async function legacyOutbound(agencyId: string) {
  await harness.services.database.db.execute(sql`insert into outbound_messages (agency_id, network, recipient,
      recipient_index, subject, body, status) values (${agencyId}, 'email', 'old.mail@example.ru',
      'old.mail@example.ru', 'Ответ', 'Текст', 'sent')`);
}

const storedOf = (agencyId: string) =>
  rows<{ value: string; value_index: string }>(
    sql`select value, value_index from client_contacts where agency_id = ${agencyId} order by id`,
  );

describe('startup backfill of contact fields', () => {
  it('seals legacy rows once, keeps them readable and matchable, and does nothing the second time', async () => {
    const { slug, staff } = await agencyWithStaff(harness);
    const agencyId = await harness.services.agencies.idBySlug(slug);
    const legacy = await legacyClient(agencyId, 1);
    await legacyReception(agencyId);
    const subscriberId = await legacySubscriber(agencyId);
    await legacyOutbound(agencyId);
    const progress: BackfillProgress[] = [];
    const crypto = fieldCrypto();

    const done = await sealContactFields(harness.services.database.db, crypto, (p) => progress.push(p), 1);
    expect(sealedCount(done, 'client_contacts')).toBe(2);
    expect(sealedCount(done, 'clients')).toBe(1);
    expect(sealedCount(done, 'requests')).toBe(1);
    expect(sealedCount(done, 'calls')).toBe(1);
    expect(sealedCount(done, 'reception_bookings')).toBe(1);
    expect(sealedCount(done, 'reception_cards')).toBe(1);
    expect(sealedCount(done, 'mailing_subscribers')).toBe(1);
    expect(sealedCount(done, 'mailing_recipients')).toBe(1);
    expect(sealedCount(done, 'mailing_consent_events')).toBe(1);
    expect(sealedCount(done, 'outbound_messages')).toBe(1);
    expect(progress.filter((p) => p.table === 'client_contacts').map((p) => p.sealed)).toEqual([1, 2]);

    const contacts = await storedOf(agencyId);
    expect(contacts.map((c) => c.value_index).sort()).toEqual(
      [crypto.blindIndex('legacy1@example.ru'), crypto.blindIndex('79130000011')].sort(),
    );
    for (const c of contacts) expect(c.value.startsWith(`f1:${crypto.keyId}:`)).toBe(true);
    const [request] = await rows<{ contact_email: string; contact_phone: string }>(
      sql`select contact_email, contact_phone from requests where agency_id = ${agencyId}`,
    );
    expect(crypto.open(request?.contact_email ?? '')).toBe(legacy.email);
    expect(request?.contact_phone).not.toContain('913');
    const [visit] = await rows<{ phone: string; email: string | null; postal_address: string }>(
      sql`select phone, email, postal_address from reception_cards where agency_id = ${agencyId}`,
    );
    expect(crypto.open(visit?.phone ?? '')).toBe('+79130002233');
    expect(visit?.phone).not.toContain('913');
    expect(visit?.email).toBeNull(); // an absent contact stays absent
    expect(crypto.open(visit?.postal_address ?? '')).toBe('630099, Новосибирск, ул. Ленина, 5');
    const [booked] = await rows<{ email: string }>(
      sql`select email from reception_bookings where agency_id = ${agencyId}`,
    );
    expect(crypto.open(booked?.email ?? '')).toBe('visitor@example.ru');
    expect(booked?.email).not.toContain('visitor');
    const [reader] = await rows<{ email: string; email_index: string }>(
      sql`select email, email_index from mailing_subscribers where agency_id = ${agencyId}`,
    );
    expect(crypto.open(reader?.email ?? '')).toBe('reader@example.ru');
    expect(reader?.email_index).toBe(crypto.blindIndex('reader@example.ru'));
    const [recipient] = await rows<{ email: string; last_error: string }>(
      sql`select email, last_error from mailing_recipients where agency_id = ${agencyId}`,
    );
    expect(crypto.open(recipient?.email ?? '')).toBe('reader@example.ru');
    expect(recipient?.email).not.toContain('reader');
    expect(crypto.open(recipient?.last_error ?? '')).toBe(
      'Message failed: 550 <reader@example.ru>: mailbox unavailable',
    );
    expect(recipient?.last_error).not.toContain('reader');
    const [consent] = await rows<{ email: string }>(
      sql`select email from mailing_consent_events where agency_id = ${agencyId}`,
    );
    expect(crypto.open(consent?.email ?? '')).toBe('reader@example.ru');
    expect(consent?.email).not.toContain('reader');
    const [outbound] = await rows<{ recipient: string; recipient_index: string }>(
      sql`select recipient, recipient_index from outbound_messages where agency_id = ${agencyId} and subject = 'Ответ'`,
    );
    expect(crypto.open(outbound?.recipient ?? '')).toBe('old.mail@example.ru');
    expect(outbound?.recipient).not.toContain('old.mail');
    expect(outbound?.recipient_index).toBe(crypto.blindIndex('old.mail@example.ru'));

    const card = (await staff.request({ method: 'GET', url: `/api/staff/clients/${legacy.id}` })).json();
    expect(card.postalAddress).toBe('630099, Новосибирск, ул. Ленина, 1');
    expect(card.contacts.map((c: { value: string }) => c.value).sort()).toEqual([
      '8 (913) 000-00-11',
      legacy.email,
    ]);
    // A new appeal from the same address joins the legacy client through the blind index.
    expect(
      (await submitAppeal(harness, slug, { name: 'Новое имя', email: 'LEGACY1@example.ru' })).statusCode,
    ).toBe(201);
    const [joined] = await rows<{ n: number }>(
      sql`select count(*)::int as n from requests where agency_id = ${agencyId} and client_id = ${legacy.id}`,
    );
    expect(joined?.n).toBe(2);
    // Subscribing the legacy address again finds its row through the blind index.
    expect((await subscribe(harness, slug, { email: 'Reader@example.ru' })).statusCode).toBe(202);
    const [readers] = await rows<{ n: number }>(
      sql`select count(*)::int as n from mailing_subscribers where agency_id = ${agencyId}`,
    );
    expect(readers?.n).toBe(1);
    // Staff still read both opened: the subscriber's consent history and the outbox list.
    const history = (
      await staff.request({ url: `/api/staff/mailings/subscribers/${subscriberId}/consents` })
    ).json();
    expect(history.map((e: { email: string }) => e.email)).toEqual([
      'reader@example.ru',
      'reader@example.ru',
    ]);
    const outbox = (await staff.request({ url: '/api/staff/outbox?status=sent' })).json();
    expect(outbox.items.map((m: { recipient: string }) => m.recipient)).toContain('old.mail@example.ru');

    const again = await sealContactFields(harness.services.database.db, crypto);
    expect(again.map((p) => p.table)).toContain('social_items');
    expect(again.filter((p) => p.sealed > 0)).toEqual([]);
    expect(await storedOf(agencyId)).toEqual(contacts);
  });

  it('shares the work between nodes starting together: each row is sealed by exactly one', async () => {
    const { slug } = await agencyWithStaff(harness);
    const agencyId = await harness.services.agencies.idBySlug(slug);
    for (const n of [2, 3, 4, 5]) await legacyClient(agencyId, n);
    const db = harness.services.database.db;
    const nodes = await Promise.all([1, 2, 3].map(() => sealContactFields(db, fieldCrypto(), () => {}, 1)));
    const total = (table: string) => nodes.reduce((sum, done) => sum + (sealedCount(done, table) ?? 0), 0);
    expect(total('client_contacts')).toBe(8);
    expect(total('clients')).toBe(4);
    expect(total('requests')).toBe(4);
    expect(total('calls')).toBe(4);
  });

  it('re-seals under a new key during a rotation, and stops with a clear error on an unknown key', async () => {
    const { slug } = await agencyWithStaff(harness);
    const agencyId = await harness.services.agencies.idBySlug(slug);
    await legacyClient(agencyId, 6);
    const db = harness.services.database.db;
    await sealContactFields(db, fieldCrypto());
    const newKey = randomBytes(32);
    const rotated = createFieldCrypto(newKey, [Buffer.from(TEST_SECRETS_KEY, 'hex')]);

    const done = await sealContactFields(db, rotated);
    expect(sealedCount(done, 'client_contacts')).toBeGreaterThanOrEqual(2);
    const contacts = await storedOf(agencyId);
    for (const c of contacts) expect(c.value.startsWith(`f1:${rotated.keyId}:`)).toBe(true);
    expect(contacts.map((c) => rotated.open(c.value)).sort()).toEqual([
      '8 (913) 000-00-16',
      'legacy6@example.ru',
    ]);
    expect(contacts.map((c) => c.value_index)).toContain(rotated.blindIndex('legacy6@example.ru'));

    // The new key alone, with the old one forgotten before every row moved: refuse to start.
    await legacyClient(agencyId, 7);
    await db.execute(sql`update client_contacts set value = ${fieldCrypto().seal('x@example.ru')}
      where agency_id = ${agencyId} and value_index = '79130000017'`);
    const failure = sealContactFields(db, createFieldCrypto(newKey));
    await expect(failure).rejects.toThrow(FieldKeyError);
    await expect(sealContactFields(db, createFieldCrypto(newKey))).rejects.toThrow(/SECRETS_KEY/);
  });
});
