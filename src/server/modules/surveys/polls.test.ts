import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContactKind } from '../../../common/clients.js';
import { fieldCrypto } from '../../lib/field-crypto.js';
import { createHarness, type Harness } from '../../testing/harness.js';
import { answerSurvey, colleague, rowsOf, withSeedForm } from '../../testing/surveys.js';
import { normalizeContact } from '../clients/contacts.js';
import { consentEventInsert, insertClient, insertContacts } from '../clients/repo.js';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness.close());

type Consent = 'given' | 'withdrawn';

/** A client of the agency with one contact and a history of mailing consent, oldest first. */
async function client(agencyId: string, kind: ContactKind, value: string, consents: Consent[]) {
  const db = harness.services.database.db;
  const row = await insertClient(db, { agencyId, name: `Клиент ${value}` });
  await insertContacts(db, [
    { agencyId, clientId: row.id, kind, value, normalized: normalizeContact(kind, value), source: 'staff' },
  ]);
  for (const [i, action] of consents.entries()) {
    await consentEventInsert(db, {
      agencyId,
      clientId: row.id,
      purpose: 'mailing',
      action,
      channel: 'portal',
      at: new Date(Date.now() - (consents.length - i) * 60_000),
    });
  }
  return row.id;
}

/** The outbox rows of a network, recipients opened from their sealed form and in their order. */
const outboxOf = async (agencyId: string, network: string) =>
  (
    await rowsOf<{ recipient: string; body: string; client_id: string }>(
      harness,
      sql`select recipient, body, client_id from outbound_messages
        where agency_id = ${agencyId} and network = ${network}`,
    )
  )
    .map((row) => ({ ...row, recipient: fieldCrypto().open(row.recipient) }))
    .sort((a, b) => a.recipient.localeCompare(b.recipient));

describe('e-mail and SMS polls', () => {
  it('invites each consenting client once, by a one-time link, and the answer records the channel', async () => {
    const { slug, surveyId } = await withSeedForm(harness);
    const agency = { id: await harness.services.agencies.idBySlug(slug) };
    const analyst = await colleague(harness, slug, ['analyst']);
    await client(agency.id, 'email', 'anna@example.ru', ['given']);
    await client(agency.id, 'email', 'boris@example.ru', ['given', 'withdrawn']);
    await client(agency.id, 'email', 'vera@example.ru', []);
    const both = await client(agency.id, 'email', 'gleb@example.ru', ['withdrawn', 'given']);
    await insertContacts(harness.services.database.db, [
      {
        agencyId: agency.id,
        clientId: both,
        kind: 'email',
        value: 'gleb2@example.ru',
        normalized: 'gleb2@example.ru',
        source: 'staff',
      },
    ]);
    const audience = await analyst.request({
      method: 'GET',
      url: `/api/staff/surveys/${surveyId}/polls/audience?channel=email`,
    });
    expect(audience.json()).toEqual({ count: 2 });

    const sent = await analyst.request({
      method: 'POST',
      url: `/api/staff/surveys/${surveyId}/polls`,
      payload: { channel: 'email' },
    });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json()).toMatchObject({ channel: 'email', audience: 2 });
    const mails = await outboxOf(agency.id, 'email');
    expect(mails.map((m) => m.recipient)).toEqual(['anna@example.ru', 'gleb@example.ru']);
    const token = /#token=([\w-]+)/.exec(mails[0]?.body ?? '')?.[1] ?? '';
    expect(mails[0]?.body).toContain(`/${slug}/surveys/informatsiya#token=`);

    const payload = {
      token,
      channel: 'link',
      answers: { municipality: { choice: '1' }, satisfaction: { choice: '1' } },
    };
    expect((await answerSurvey(harness, slug, 'informatsiya', payload)).statusCode).toBe(201);
    expect((await answerSurvey(harness, slug, 'informatsiya', payload)).statusCode).toBe(409);
    const stored = await rowsOf<{ channel: string }>(
      harness,
      sql`select channel from survey_responses where survey_id = ${surveyId}`,
    );
    expect(stored).toEqual([{ channel: 'email' }]);
    // Nothing ties the invitation to the answer: the recipients table keeps no token.
    const columns = await rowsOf<{ column_name: string }>(
      harness,
      sql`select column_name from information_schema.columns where table_name = 'survey_poll_recipients'`,
    );
    expect(columns.map((c) => c.column_name).sort()).toEqual([
      'agency_id',
      'client_id',
      'outbound_id',
      'poll_id',
    ]);

    const list = await analyst.request({ method: 'GET', url: `/api/staff/surveys/${surveyId}/polls` });
    expect(list.json()).toHaveLength(1);
    expect(list.json()[0]).toMatchObject({ audience: 2 });
  });

  it('SMS goes only to Russian mobiles with consent, consent read at send time', async () => {
    const { slug, staff, surveyId } = await withSeedForm(harness);
    const agency = { id: await harness.services.agencies.idBySlug(slug) };
    await client(agency.id, 'phone', '+7 913 000-11-22', ['given']);
    await client(agency.id, 'phone', '+7 383 222-33-44', ['given']);
    const later = await client(agency.id, 'phone', '+7 913 555-66-77', ['given']);
    const count = await staff.request({
      method: 'GET',
      url: `/api/staff/surveys/${surveyId}/polls/audience?channel=sms`,
    });
    expect(count.json()).toEqual({ count: 2 });
    await consentEventInsert(harness.services.database.db, {
      agencyId: agency.id,
      clientId: later,
      purpose: 'mailing',
      action: 'withdrawn',
      channel: 'portal',
      at: new Date(),
    });
    const sent = await staff.request({
      method: 'POST',
      url: `/api/staff/surveys/${surveyId}/polls`,
      payload: { channel: 'sms' },
    });
    expect(sent.json()).toMatchObject({ channel: 'sms', audience: 1 });
    const messages = await outboxOf(agency.id, 'sms');
    expect(messages.map((m) => m.recipient)).toEqual(['+79130001122']);
    expect(messages[0]?.body).toContain('#token=');
  });

  it('refuses an empty audience, an unpublished survey and another agency', async () => {
    const { slug, staff, surveyId } = await withSeedForm(harness);
    const agency = { id: await harness.services.agencies.idBySlug(slug) };
    const empty = await staff.request({
      method: 'POST',
      url: `/api/staff/surveys/${surveyId}/polls`,
      payload: { channel: 'email' },
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ field: 'body.channel' });
    await client(agency.id, 'email', 'x@example.ru', ['given']);
    await staff.request({
      method: 'PATCH',
      url: `/api/staff/surveys/${surveyId}`,
      payload: { published: false },
    });
    const unpublished = await staff.request({
      method: 'POST',
      url: `/api/staff/surveys/${surveyId}/polls`,
      payload: { channel: 'email' },
    });
    expect(unpublished.statusCode).toBe(400);
    const other = await withSeedForm(harness);
    for (const request of [
      { method: 'GET' as const, url: `/api/staff/surveys/${surveyId}/polls` },
      { method: 'GET' as const, url: `/api/staff/surveys/${surveyId}/polls/audience?channel=email` },
      { method: 'POST' as const, url: `/api/staff/surveys/${surveyId}/polls`, payload: { channel: 'email' } },
    ]) {
      expect((await other.staff.request(request)).statusCode).toBe(404);
    }
    expect(await outboxOf(agency.id, 'email')).toEqual([]);
  });
});
