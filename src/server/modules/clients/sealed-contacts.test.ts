import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldCrypto } from '../../lib/field-crypto.js';
import { createHarness, type Harness, type StaffClient, submitAppeal } from '../../testing/harness.js';
import { rowsOf, withSeedForm } from '../../testing/surveys.js';
import { consentEventInsert } from './repo.js';

// Issue 12 p. 5: contact fields are sealed at rest, yet matching by them keeps working.
let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness.close());

const EMAIL = 'Sokolova.Anna@Example.ru';
const SECOND_EMAIL = 'anna.s@example.ru';
const PHONE_DIGITS = '9135550011';
const ADDRESS = '630099, Новосибирск, ул. Советская, д. 18, кв. 7';
const PHONE = '+7 (913) 555-00-11';
const PLAINTEXT = [EMAIL, SECOND_EMAIL, PHONE_DIGITS, '555-00-11', 'Советская'];

/** Every row of the tables holding contacts, as the database stores it, one JSON text per row. */
const rawRows = (agencyId: string) =>
  rowsOf<{ row: string }>(
    harness,
    sql`select row_to_json(t)::text as row from client_contacts t where agency_id = ${agencyId}
        union all select row_to_json(t)::text from clients t where agency_id = ${agencyId}
        union all select row_to_json(t)::text from requests t where agency_id = ${agencyId}
        union all select row_to_json(t)::text from calls t where agency_id = ${agencyId}`,
  );

async function clientsOf(staff: StaffClient) {
  const list = (await staff.request({ method: 'GET', url: '/api/staff/clients?pageSize=50' })).json();
  return list.items as { id: string; name: string }[];
}

describe('contact fields at rest', () => {
  it('stores no e-mail, phone or address in the clear after intake, a call, a merge and a poll', async () => {
    const { slug, staff, surveyId } = await withSeedForm(harness, ['admin', 'call_operator', 'analyst']);
    const agencyId = await harness.services.agencies.idBySlug(slug);
    expect((await submitAppeal(harness, slug, { name: 'Соколова Анна', email: EMAIL })).statusCode).toBe(201);
    // The same person by phone alone, then by e-mail (another case) with the phone: one client.
    expect(
      (await submitAppeal(harness, slug, { name: 'Соколова А.', phone: `8 ${PHONE_DIGITS}` })).statusCode,
    ).toBe(201);
    const both = await submitAppeal(harness, slug, {
      name: 'Соколова А. В.',
      email: EMAIL.toUpperCase(),
      phone: PHONE,
    });
    expect(both.statusCode).toBe(201);
    // E-mail matched the first client (and gave her the phone); the phone-only one stays apart
    // until staff merge them.
    const [first, second] = (await clientsOf(staff)).sort((a, b) => a.name.length - b.name.length);
    expect(first?.name).toBe('Соколова А.');
    expect(second?.name).toBe('Соколова Анна');
    const phoneOnly = first?.id as string;
    const survivor = second?.id as string;

    const call = await staff.request({
      method: 'POST',
      url: '/api/staff/calls',
      payload: { caller: `+7${PHONE_DIGITS}`, startedAt: '2026-11-18T03:00:00Z', answered: true },
    });
    expect(call.statusCode).toBe(201);
    // Both hold the number now; the call goes to the one that had it first.
    expect(call.json().clientId).toBe(phoneOnly);

    const addressed = await staff.request({
      method: 'PATCH',
      url: `/api/staff/clients/${phoneOnly}`,
      payload: { postalAddress: ADDRESS },
    });
    expect(addressed.statusCode).toBe(200);
    const added = await staff.request({
      method: 'POST',
      url: `/api/staff/clients/${phoneOnly}/contacts`,
      payload: { kind: 'email', value: SECOND_EMAIL, verified: true },
    });
    expect(added.statusCode).toBe(201);
    const merged = await staff.request({
      method: 'POST',
      url: `/api/staff/clients/${survivor}/merge`,
      payload: { mergedId: phoneOnly },
    });
    expect(merged.statusCode, merged.body).toBe(200);
    const card = (await staff.request({ method: 'GET', url: `/api/staff/clients/${survivor}` })).json();
    expect(card.postalAddress).toBe(ADDRESS);
    expect(card.contacts.map((c: { kind: string; value: string }) => `${c.kind}:${c.value}`).sort()).toEqual(
      [
        `email:${EMAIL.toLowerCase()}`, // the portal takes e-mail in lower case
        `email:${SECOND_EMAIL}`,
        `phone:${PHONE}`,
      ].sort(),
    );

    await consentEventInsert(harness.services.database.db, {
      agencyId,
      clientId: survivor,
      purpose: 'mailing',
      action: 'given',
      channel: 'portal',
      at: new Date(),
    });
    const poll = await staff.request({
      method: 'POST',
      url: `/api/staff/surveys/${surveyId}/polls`,
      payload: { channel: 'email' },
    });
    expect(poll.statusCode, poll.body).toBe(201);
    const invited = await rowsOf<{ recipient: string }>(
      harness,
      sql`select recipient from outbound_messages where agency_id = ${agencyId} and body like '%#token=%'`,
    );
    // One invitation per client, to the verified address, opened from its sealed form; the outbox
    // seals it again.
    expect(invited.map((m) => fieldCrypto().open(m.recipient))).toEqual([SECOND_EMAIL]);
    expect(invited[0]?.recipient).toMatch(/^f1:/);

    const stored = await rawRows(agencyId);
    expect(stored).toHaveLength(8); // 3 contacts, the surviving client, 3 requests, the call
    for (const { row } of stored) {
      for (const plain of PLAINTEXT) expect(row.toLowerCase()).not.toContain(plain.toLowerCase());
    }
    const contacts = await rowsOf<{ value: string; value_index: string }>(
      harness,
      sql`select value, value_index from client_contacts where agency_id = ${agencyId}`,
    );
    expect(contacts).toHaveLength(3);
    for (const c of contacts) {
      expect(c.value).toMatch(/^f1:[0-9a-f]{8}:[\w-]+$/);
      expect(c.value_index).toMatch(/^[\w-]{43}$/);
    }
  });

  it('finds a client by the whole e-mail or phone in the console, sealed as they are', async () => {
    const { slug, staff } = await withSeedForm(harness);
    await submitAppeal(harness, slug, {
      name: 'Орлов Олег',
      email: 'orlov@example.ru',
      phone: '+7 913 777-66-55',
    });
    const search = async (q: string) =>
      (await staff.request({ method: 'GET', url: `/api/staff/clients?q=${encodeURIComponent(q)}` })).json()
        .items;
    expect((await search('ORLOV@example.ru')).map((c: { name: string }) => c.name)).toEqual(['Орлов Олег']);
    expect((await search('8 (913) 777-66-55')).map((c: { name: string }) => c.name)).toEqual(['Орлов Олег']);
    expect(await search('orlov@')).toEqual([]);
  });
});
