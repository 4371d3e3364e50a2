import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../testing/harness.js';
import { bookSlot, openCard, receptionDesk } from '../../testing/reception.js';
import { rowsOf } from '../../testing/surveys.js';

// Issue 12 p. 5: the visitor's contacts on a booking and a reception card are sealed at rest.
let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness.close());

const EMAIL = 'zuev.petr@example.ru';
const PHONE = '+7 913 444-55-66';
const ADDRESS = '630007, Новосибирск, ул. Каинская, д. 12, кв. 3';
const PLAINTEXT = [EMAIL, '9134445566', '444-55-66', 'Каинская'];

describe('reception contacts at rest', () => {
  it('stores no phone, e-mail or postal address of a booking or a card in the clear, and shows them to staff', async () => {
    const desk = await receptionDesk(harness);
    const bookingId = await bookSlot(desk.receptionist, desk.slotIds[0] as string, {
      name: 'Зуев Пётр',
      phone: PHONE,
      email: EMAIL,
    });
    const cardId = await openCard(desk.receptionist, bookingId);
    const patched = await desk.receptionist.request({
      method: 'PATCH',
      url: `/api/staff/reception/cards/${cardId}`,
      payload: { postalAddress: ADDRESS },
    });
    expect(patched.statusCode, patched.body).toBe(200);

    const card = (
      await desk.receptionist.request({ method: 'GET', url: `/api/staff/reception/cards/${cardId}` })
    ).json();
    expect(card).toMatchObject({ name: 'Зуев Пётр', email: EMAIL, postalAddress: ADDRESS });
    expect(card.phone.replace(/\D/g, '')).toBe('79134445566');

    const stored = await rowsOf<{ row: string }>(
      harness,
      sql`select row_to_json(t)::text as row from reception_bookings t where agency_id = ${desk.agencyId}
          union all select row_to_json(t)::text from reception_cards t where agency_id = ${desk.agencyId}`,
    );
    expect(stored).toHaveLength(2);
    for (const { row } of stored) {
      expect(row).toContain('Зуев Пётр'); // names stay clear
      for (const plain of PLAINTEXT) expect(row).not.toContain(plain);
    }
    const sealed = await rowsOf<{ phone: string; email: string; postal_address: string }>(
      harness,
      sql`select phone, email, postal_address from reception_cards where id = ${cardId}`,
    );
    for (const value of Object.values(sealed[0] ?? {})) expect(value).toMatch(/^f1:[0-9a-f]{8}:[\w-]+$/);
  });
});
