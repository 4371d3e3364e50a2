import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldCrypto } from '../../lib/field-crypto.js';
import { agencyWithStaff, createHarness, type Harness, submitAppeal } from '../../testing/harness.js';
import { type SmtpSink, startSmtpSink } from '../../testing/smtp-sink.js';
import { rowsOf } from '../../testing/surveys.js';

// Issue 12 p. 5: the outbox keeps whom it writes to sealed, yet delivers to the real address.
let harness: Harness;
let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
  harness = await createHarness({ SMTP_URL: sink.url, OUTBOX_RETRY_BASE_MS: '0' });
});
afterAll(async () => {
  await harness.close();
  await sink.close();
});

const EMAIL = 'morozova.elena@example.ru';

describe('outbox recipients at rest', () => {
  it('stores an acknowledgement’s address sealed with its blind index, delivers it and lists it opened', async () => {
    const { slug, staff } = await agencyWithStaff(harness);
    const agencyId = await harness.services.agencies.idBySlug(slug);
    const appeal = await submitAppeal(harness, slug, {
      name: 'Морозова Елена',
      email: EMAIL,
      notifyByEmail: true,
    });
    expect(appeal.statusCode).toBe(201);
    await harness.services.outbox.drain();
    const delivered = sink.received.filter((m) => m.to && !Array.isArray(m.to) && m.to.text === EMAIL);
    expect(delivered.map((m) => m.subject)).toEqual([expect.stringContaining(appeal.json().number)]);

    const stored = await rowsOf<{ row: string; recipient: string; recipient_index: string }>(
      harness,
      sql`select row_to_json(t)::text as row, recipient, recipient_index from outbound_messages t
          where agency_id = ${agencyId}`,
    );
    expect(stored).toHaveLength(1);
    for (const { row } of stored) expect(row.toLowerCase()).not.toContain('morozova');
    expect(stored[0]?.recipient).toMatch(/^f1:[0-9a-f]{8}:[\w-]+$/);
    expect(stored[0]?.recipient_index).toBe(fieldCrypto().blindIndex(EMAIL));

    const listed = (await staff.request({ url: '/api/staff/outbox' })).json();
    expect(listed.items.map((m: { recipient: string; status: string }) => [m.recipient, m.status])).toEqual([
      [EMAIL, 'sent'],
    ]);
  });
});
