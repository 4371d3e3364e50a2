import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldCrypto } from '../../lib/field-crypto.js';
import { createHarness, type Harness, type StaffClient, submitAppeal } from '../../testing/harness.js';
import { receptionDesk } from '../../testing/reception.js';
import { rowsOf } from '../../testing/surveys.js';

// Issue 12 p. 5: the audit's before/after snapshots keep contacts sealed; staff read them opened.
let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness.close());

// Reception keeps phones as +7XXXXXXXXXX.
const VISITOR_PHONE = '+79134445566';
const VISITOR_EMAIL = 'visitor.seal@example.ru';
const NEW_PHONE = '+79134447788';
const CARD_ADDRESS = '630007, Новосибирск, ул. Кирова, д. 3';
const CLIENT_EMAIL = 'client.seal@example.ru';
const CLIENT_ADDRESS = '630099, Новосибирск, ул. Фрунзе, д. 12, кв. 4';
const CLIENT_PHONE = '+7 913 222-33-44';
const PLAINTEXT = [
  VISITOR_PHONE,
  '4445566',
  VISITOR_EMAIL,
  '4447788',
  'Кирова',
  CLIENT_EMAIL,
  'Фрунзе',
  '222-33-44',
];

interface Entry {
  action: string;
  entity: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

async function auditOf(admin: StaffClient, entity: string) {
  const page = await admin.request({ method: 'GET', url: `/api/staff/audit?entity=${entity}&pageSize=50` });
  expect(page.statusCode, page.body).toBe(200);
  return page.json<{ items: Entry[] }>().items;
}

async function ok(
  staff: StaffClient,
  method: 'POST' | 'PATCH',
  url: string,
  payload: Record<string, unknown>,
) {
  const response = await staff.request({ method, url, payload });
  expect(response.statusCode, response.body).toBeLessThan(300);
  return response.json<{ id: string }>().id;
}

describe('audit snapshots with contacts', () => {
  it('stores the contacts of bookings, cards and clients sealed, and shows them opened in the audit log', async () => {
    const desk = await receptionDesk(harness);
    const { admin, agencyId, slug } = desk;
    const bookingId = await ok(admin, 'POST', '/api/staff/reception/bookings', {
      slotId: desk.slotIds[0],
      source: 'oral',
      name: 'Лебедева Ольга',
      phone: VISITOR_PHONE,
      email: VISITOR_EMAIL,
      topic: 'Благоустройство двора',
    });
    const cardId = await ok(admin, 'POST', '/api/staff/reception/cards', { bookingId });
    await ok(admin, 'PATCH', `/api/staff/reception/cards/${cardId}`, {
      phone: NEW_PHONE,
      postalAddress: CARD_ADDRESS,
    });
    expect((await submitAppeal(harness, slug, { name: 'Гусев Илья', email: CLIENT_EMAIL })).statusCode).toBe(
      201,
    );
    const clients = await admin.request({ method: 'GET', url: '/api/staff/clients' });
    const clientId = clients.json<{ items: { id: string }[] }>().items[0]?.id as string;
    await ok(admin, 'PATCH', `/api/staff/clients/${clientId}`, { postalAddress: CLIENT_ADDRESS });
    await ok(admin, 'POST', `/api/staff/clients/${clientId}/contacts`, {
      kind: 'phone',
      value: CLIENT_PHONE,
    });

    const stored = await rowsOf<{ entity: string; before: string | null; after: string | null }>(
      harness,
      sql`select entity, before::text as before, after::text as after from audit_log
          where agency_id = ${agencyId} and entity in ('reception_booking', 'reception_card', 'client')`,
    );
    expect(stored.map((r) => r.entity).sort()).toEqual([
      'client',
      'client',
      'reception_booking',
      'reception_card',
      'reception_card',
    ]);
    for (const row of stored) {
      for (const plain of PLAINTEXT) expect(`${row.before} ${row.after}`).not.toContain(plain);
    }
    const [bookingRow] = await rowsOf<{ phone: string; email: string }>(
      harness,
      sql`select after->>'phone' as phone, after->>'email' as email from audit_log
          where agency_id = ${agencyId} and entity = 'reception_booking'`,
    );
    expect(bookingRow?.phone).toMatch(/^f1:[0-9a-f]{8}:/);
    expect(fieldCrypto().open(bookingRow?.email ?? '')).toBe(VISITOR_EMAIL);

    const [booking] = await auditOf(admin, 'reception_booking');
    expect(booking?.after).toMatchObject({
      phone: VISITOR_PHONE,
      email: VISITOR_EMAIL,
      name: 'Лебедева Ольга',
    });
    const cardEntries = await auditOf(admin, 'reception_card');
    const prepared = cardEntries.find((e) => e.action === 'update');
    expect(prepared?.before).toMatchObject({
      phone: VISITOR_PHONE,
      email: VISITOR_EMAIL,
      postalAddress: null,
    });
    expect(prepared?.after).toMatchObject({
      phone: NEW_PHONE,
      email: VISITOR_EMAIL,
      postalAddress: CARD_ADDRESS,
    });
    const clientEntries = await auditOf(admin, 'client');
    const addressed = clientEntries.find(
      (e) => e.after?.postalAddress === CLIENT_ADDRESS && e.before?.postalAddress === null,
    );
    expect(addressed).toBeDefined();
    const withPhone = clientEntries.find((e) => (e.after?.contacts as unknown[] | undefined)?.length === 2);
    expect(withPhone?.after?.contacts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'email', value: CLIENT_EMAIL }),
        expect.objectContaining({ kind: 'phone', value: CLIENT_PHONE }),
      ]),
    );
    expect(withPhone?.before?.contacts).toEqual([
      expect.objectContaining({ kind: 'email', value: CLIENT_EMAIL }),
    ]);
  });
});
