import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  agencyWithStaff,
  createHarness,
  type Harness,
  submitAppeal,
  uniqueEmail,
} from '../../testing/harness.js';
import {
  agencyWithSubscribers,
  draftCampaign,
  harnessWithSink,
  sendNow,
} from '../../testing/mailings-sink.js';
import { insertOutbound } from '../channels/outbox.repo.js';
import { outboundMessages } from '../channels/schema.js';
import { type ClaimedRecipient, claimDue, handOver } from '../mailings/campaigns.repo.js';
import { requests } from '../requests/schema.js';

const TOKEN = 'scraper-token-7f3a9c';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness({ METRICS_TOKEN: TOKEN });
});
afterAll(() => harness.close());

const scrape = async (on: Harness = harness) => {
  const response = await on.app.inject({
    method: 'GET',
    url: '/metrics',
    headers: { authorization: `Bearer ${TOKEN}` },
  });
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toMatch(/^text\/plain/);
  return response.body;
};

/** The value of one sample, found by its metric name and exact label set; undefined when absent. */
function sample(body: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels)
    .map(([key, value]) => `${key}="${value}"`)
    .sort()
    .join(',');
  for (const line of body.split('\n')) {
    const match = line.match(/^([a-z_]+)\{([^}]*)\} (\S+)$/);
    if (match?.[1] !== name) continue;
    if ((match[2] ?? '').split(',').sort().join(',') === wanted) return Number(match[3]);
  }
  return undefined;
}

describe('GET /metrics', () => {
  it('answers only a scraper with the configured token', async () => {
    const anonymous = await harness.app.inject({ method: 'GET', url: '/metrics' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().message).toMatch(/токен/);
    const wrong = await harness.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${TOKEN}x` },
    });
    expect(wrong.statusCode).toBe(401);
  });

  it('is off when no token is configured', async () => {
    const plain = await createHarness();
    try {
      const response = await plain.app.inject({ method: 'GET', url: '/metrics' });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ error: 'metrics_disabled' });
    } finally {
      await plain.close();
    }
    // A harness of its own: a PGlite start-up on a busy machine takes longer than the default.
  }, 120_000);

  it('counts open, overdue and soon-due requests per agency, the outbox backlog and what was sent', async () => {
    const { slug } = await agencyWithStaff(harness);
    const agencyId = (await harness.services.agencies.findBySlug(slug))?.id as string;
    for (const name of ['Первый', 'Второй', 'Третий']) {
      const submitted = await submitAppeal(harness, slug, {
        name,
        email: `client-${name.length}@example.ru`,
        notifyByEmail: true,
      });
      expect(submitted.statusCode).toBe(201);
    }
    const db = harness.services.database.db;
    const ids = (
      await db.select({ id: requests.id }).from(requests).where(eq(requests.agencyId, agencyId))
    ).map((row) => row.id);
    expect(ids).toHaveLength(3);
    const hours = (n: number) => new Date(Date.now() + n * 3600_000);
    await db
      .update(requests)
      .set({ dueAt: hours(-5) })
      .where(eq(requests.id, ids[0] as string));
    await db
      .update(requests)
      .set({ dueAt: hours(2) })
      .where(eq(requests.id, ids[1] as string));

    const before = await scrape();
    expect(sample(before, 'otklik_requests', { agency: slug, state: 'open' })).toBe(3);
    expect(sample(before, 'otklik_requests', { agency: slug, state: 'overdue' })).toBe(1);
    expect(sample(before, 'otklik_requests', { agency: slug, state: 'due_24h' })).toBe(1);

    // A message waiting for its retry in an hour stays in the backlog whatever the dispatcher does now.
    await insertOutbound(db, [
      {
        agencyId,
        network: 'email',
        recipient: 'later@example.ru',
        subject: 'Повтор',
        body: 'Текст',
        nextAttemptAt: hours(1),
      },
    ]);
    await harness.services.outbox.drain();
    const emailCount = async (status: 'pending' | 'sent') =>
      (
        await db
          .select({ value: count() })
          .from(outboundMessages)
          .where(and(eq(outboundMessages.network, 'email'), eq(outboundMessages.status, status)))
      )[0]?.value;
    const after = await scrape();
    expect(await emailCount('pending')).toBe(1);
    expect(sample(after, 'otklik_outbox_messages', { network: 'email', status: 'pending' })).toBe(1);
    // The three acknowledgements went out.
    expect(await emailCount('sent')).toBe(3);
    expect(sample(after, 'otklik_outbox_sent_last_hour', { network: 'email' })).toBe(3);
    // The node's own count of delivery attempts: Prometheus takes the send rate from it with rate().
    expect(sample(after, 'otklik_outbox_deliveries_total', { network: 'email', result: 'sent' })).toBe(3);
    // Requests are timed by their route pattern, never by the raw URL.
    expect(
      sample(after, 'otklik_http_request_duration_seconds_count', {
        method: 'POST',
        route: '/api/public/:agency/requests',
        status_code: '201',
      }),
    ).toBe(3);
    expect(after).not.toContain(`/api/public/${slug}/requests`);
  });

  it('counts the mailing queue: waiting, in flight and cut off by a crash', async () => {
    const { harness: own, sink } = await harnessWithSink({ METRICS_TOKEN: TOKEN });
    try {
      const addresses = ['a', 'b', 'c', 'd'].map((prefix) => uniqueEmail(`queue-${prefix}`));
      const { staff } = await agencyWithSubscribers(own, sink, addresses);
      const campaign = await draftCampaign(staff, { subject: 'Очередь' });
      await sendNow(staff, campaign.id);
      const db = own.services.database.db;
      // One node holds a recipient it handed to SMTP and one it only claimed; another node died
      // holding one it had handed over (its lease ran out).
      const [held] = await claimDue(db, new Date(), 1, 60_000);
      const [died] = await claimDue(db, new Date(), 1, -1000);
      expect(await claimDue(db, new Date(), 1, 60_000)).toHaveLength(1);
      expect((await handOver(db, [], [held, died] as ClaimedRecipient[])).size).toBe(2);
      const before = await scrape(own);
      expect(sample(before, 'otklik_mailing_recipients', { status: 'pending' })).toBe(1);
      expect(sample(before, 'otklik_mailing_recipients', { status: 'claimed' })).toBe(1);
      expect(sample(before, 'otklik_mailing_recipients', { status: 'sending' })).toBe(2);
      await own.services.campaignSender.drain();
      const after = await scrape(own);
      expect(sample(after, 'otklik_mailing_recipients', { status: 'pending' })).toBeUndefined();
      expect(sample(after, 'otklik_mailing_recipients', { status: 'claimed' })).toBe(1);
      expect(sample(after, 'otklik_mailing_recipients', { status: 'sending' })).toBe(1);
      expect(sample(after, 'otklik_mailing_recipients', { status: 'uncertain' })).toBe(1);
    } finally {
      await own.close();
      await sink.close();
    }
  }, 120_000);
});
