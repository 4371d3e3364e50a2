import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../lib/tokens.js';
import { agencyWithStaff, createHarness, type Harness, submitAppeal } from '../../testing/harness.js';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness.close());

const submit = async (slug: string, payload: Record<string, unknown>) => {
  const response = await submitAppeal(harness, slug, payload);
  expect(response.statusCode).toBe(201);
};

async function clientOf(slug: string, email: string) {
  const agency = await harness.services.agencies.findBySlug(slug);
  const client = agency && (await harness.services.clients.findByEmail(agency.id, email));
  if (!client) throw new Error(`no client ${email}`);
  return client.id;
}

const ask = (slug: string, payload: unknown, ip = '203.0.113.1') =>
  harness.app.inject({
    method: 'POST',
    url: `/api/public/${slug}/history-links`,
    payload: payload as object,
    remoteAddress: ip,
  });

const download = (slug: string, token: string) =>
  harness.app.inject({
    method: 'POST',
    url: `/api/public/${slug}/history-links/download`,
    payload: { token },
  });

/** The link e-mail leaves after the answer (no timing difference), so wait for it a little. */
async function linkTokenFor(email: string, since: number) {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const mail = (await harness.outbox()).slice(since).find((m) => m.includes(email));
    const token = mail?.match(/token=([A-Za-z0-9_-]+)/)?.[1];
    if (mail) return { mail, token };
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { mail: undefined, token: undefined };
}

describe('history from the portal', () => {
  it('mails a one-time link to a known address and answers the same for an unknown one', async () => {
    const { slug, staff } = await agencyWithStaff(harness);
    await submit(slug, { name: 'Морозова Анна', email: 'morozova@example.ru' });
    const clientId = await clientOf(slug, 'morozova@example.ru');
    const before = (await harness.outbox()).length;
    const known = await ask(slug, { email: 'Morozova@Example.ru' });
    const unknown = await ask(slug, { email: 'nobody@example.ru' });
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(unknown.body).toBe(known.body);
    const { mail, token } = await linkTokenFor('morozova@example.ru', before);
    const mails = (await harness.outbox()).slice(before);
    expect(mails.filter((m) => m.includes('nobody@example.ru'))).toHaveLength(0);
    expect(mail).toContain(`/${slug}/history/download?token=`);
    if (!token) throw new Error('no token in the mail');

    const first = await download(slug, token);
    expect(first.statusCode).toBe(200);
    const zip = await JSZip.loadAsync(first.rawPayload);
    expect(zip.file('history.pdf')).not.toBeNull();
    const again = await download(slug, token);
    expect(again.statusCode).toBe(404);
    expect(again.json()).toMatchObject({ error: 'history_link_invalid' });
    // The link of one agency opens nothing in another.
    const other = await agencyWithStaff(harness);
    expect((await download(other.slug, token)).statusCode).toBe(404);

    const timeline = (
      await staff.request({ method: 'GET', url: `/api/staff/clients/${clientId}/timeline` })
    ).json().items;
    expect(timeline[0]).toMatchObject({ kind: 'history_export', channel: 'portal' });
  });

  it('refuses an expired link and stores only the hash of the token', async () => {
    const { slug } = await agencyWithStaff(harness);
    await submit(slug, { name: 'Павлов', email: 'pavlov@example.ru' });
    const before = (await harness.outbox()).length;
    const dayAgo = new Date(Date.now() - 24 * 3600_000 - 1000);
    await (await harness.services.historyLinks.ask(slug, 'pavlov@example.ru', dayAgo)).delivery;
    const { token } = await linkTokenFor('pavlov@example.ru', before);
    if (!token) throw new Error('no token in the mail');
    expect((await download(slug, token)).statusCode).toBe(404);
    const count = async (hash: string) =>
      (
        (await harness.services.database.db.execute(
          sql`select count(*)::int as n from history_links where token_hash = ${hash}`,
        )) as unknown as { rows: { n: number }[] }
      ).rows[0]?.n;
    expect(await count(token)).toBe(0);
    expect(await count(sha256(token))).toBe(1);
  });

  it('limits asks per address (known or not alike) and per IP', async () => {
    const { slug } = await agencyWithStaff(harness);
    await submit(slug, { name: 'Смирнов', email: 'smirnov@example.ru' });
    for (const email of ['smirnov@example.ru', 'ghost@example.ru']) {
      const codes = [];
      for (let i = 0; i < 4; i += 1) codes.push((await ask(slug, { email }, `198.51.100.${i}`)).statusCode);
      expect(codes).toEqual([202, 202, 202, 429]);
    }
    const fromOneIp = [];
    for (let i = 0; i < 21; i += 1)
      fromOneIp.push((await ask(slug, { email: `x${i}@example.ru` }, '192.0.2.77')).statusCode);
    expect(fromOneIp.slice(0, 20).every((c) => c === 202)).toBe(true);
    expect(fromOneIp[20]).toBe(429);
  });

  it('forgets old asks and expired links (part of the daily retention run)', async () => {
    const { slug } = await agencyWithStaff(harness);
    await submit(slug, { name: 'Кротов', email: 'krotov@example.ru' });
    await (await harness.services.historyLinks.ask(slug, 'krotov@example.ru')).delivery;
    await harness.services.historyLinks.ask(slug, 'unknown@example.ru');
    const agencyId = (await harness.services.agencies.findBySlug(slug))?.id;
    const count = async () =>
      (
        (await harness.services.database.db.execute(
          sql`select (select count(*) from history_link_asks where agency_id = ${agencyId})::int
            + (select count(*) from history_links where agency_id = ${agencyId})::int as n`,
        )) as unknown as { rows: { n: number }[] }
      ).rows[0]?.n;
    expect(await count()).toBe(3);
    await harness.services.retention.purgeStaleLinks(new Date(Date.now() + 2 * 86_400_000));
    expect(await count()).toBe(0);
    expect(await harness.services.clients.findByEmail(agencyId ?? '', 'krotov@example.ru')).toBeDefined();
  });

  it('answers 4xx, never 5xx, to hostile bodies (property)', async () => {
    const { slug } = await agencyWithStaff(harness);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.anything(), fc.record({ email: fc.string() }), fc.record({ token: fc.string() })),
        async (body) => {
          for (const url of [
            `/api/public/${slug}/history-links`,
            `/api/public/${slug}/history-links/download`,
          ]) {
            const response = await harness.app.inject({
              method: 'POST',
              url,
              payload: JSON.stringify(body) ?? 'null',
              headers: { 'content-type': 'application/json' },
              remoteAddress: `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
            });
            expect(response.statusCode).toBeLessThan(500);
            expect(response.statusCode).not.toBe(200);
            if (response.statusCode >= 400) {
              // The same error shape as everywhere: a code and a message a citizen can read.
              expect(response.json()).toMatchObject({
                error: expect.any(String),
                message: expect.stringMatching(/[а-яё]/i),
              });
            }
          }
        },
      ),
      { numRuns: 40 },
    );
    expect((await ask('no-such-agency', { email: 'a@example.ru' }, '10.9.9.9')).statusCode).toBe(404);
  });
});
