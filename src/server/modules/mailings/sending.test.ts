import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { type StaffClient, uniqueEmail } from '../../testing/harness.js';
import {
  agencyWithSubscribers,
  draftCampaign,
  harnessWithSink,
  mailsTo,
  sendNow,
  subscribeAndConfirm,
} from '../../testing/mailings-sink.js';
import { createCampaignTransport } from './campaign-mail.js';
import { claimDue } from './campaigns.repo.js';
import { createCampaignSender } from './sender.js';

const emails = (count: number, prefix: string) =>
  Array.from({ length: count }, (_, i) => `${String(i).padStart(2, '0')}${uniqueEmail(prefix)}`);

async function withSink<T>(
  env: Record<string, string>,
  run: (own: Awaited<ReturnType<typeof harnessWithSink>>) => Promise<T>,
) {
  const own = await harnessWithSink(env);
  try {
    return await run(own);
  } finally {
    await own.harness.close();
    await own.sink.close();
  }
}

const progressOf = async (staff: StaffClient, id: string) =>
  (await staff.request({ url: `/api/staff/mailings/campaigns/${id}` })).json();

describe('sending', () => {
  it(
    'two nodes racing send each address exactly once',
    () =>
      withSink({ MAILING_BATCH_SIZE: '3', MAILING_CONCURRENCY: '2' }, async ({ harness, sink }) => {
        const addresses = emails(12, 'race');
        const { staff } = await agencyWithSubscribers(harness, sink, addresses);
        const campaign = await draftCampaign(staff, { subject: 'Гонка узлов' });
        await sendNow(staff, campaign.id);
        const { services, config } = harness;
        const secondNode = createCampaignSender({
          db: services.database.db,
          agencies: services.agencies,
          subscriptions: services.subscriptions,
          tracking: services.mailingTracking,
          transport: createCampaignTransport({
            smtpUrl: sink.url,
            outboxDir: '/nonexistent',
            connections: 2,
          }),
          publicUrl: config.publicUrl,
          from: config.mailFrom,
          ratePerMinute: 1000,
          batchSize: 3,
          concurrency: 2,
          checkGroup: 2,
          maxAttempts: 3,
          retryBaseMs: 0,
        });
        const [first, second] = await Promise.all([services.campaignSender.drain(), secondNode.drain()]);
        await secondNode.stop();
        expect(first + second).toBe(12);
        for (const address of addresses) {
          expect(
            mailsTo(sink, address).filter((m) => m.subject === 'Гонка узлов'),
            address,
          ).toHaveLength(1);
        }
        expect((await progressOf(staff, campaign.id)).progress).toMatchObject({ sent: 12, remaining: 0 });
      }),
    120_000,
  );

  it(
    'never resends a row a crashed node had claimed; the rest goes out',
    () =>
      withSink({}, async ({ harness, sink }) => {
        const addresses = emails(3, 'crash');
        const { staff } = await agencyWithSubscribers(harness, sink, addresses);
        const campaign = await draftCampaign(staff, { subject: 'После сбоя' });
        await sendNow(staff, campaign.id);
        // A node claims the first row and dies before finishing: its lease has already run out.
        const [lost] = await claimDue(harness.services.database.db, new Date(), 1, -1000);
        await harness.services.campaignSender.drain();
        const got = addresses.map((a) => mailsTo(sink, a).filter((m) => m.subject === 'После сбоя').length);
        expect(got).toEqual([0, 1, 1]);
        expect(lost?.email).toBe(addresses[0]);
        const detail = await progressOf(staff, campaign.id);
        expect(detail.status).toBe('sent');
        expect(detail.progress).toMatchObject({ sent: 2, failed: 1, remaining: 0 });
      }),
    120_000,
  );

  it(
    'retries a temporary SMTP failure and marks a permanent one as a bounce',
    () =>
      withSink({ MAILING_CONCURRENCY: '1', MAILING_RETRY_BASE_MS: '60000' }, async ({ harness, sink }) => {
        const [retried, bounced] = emails(2, 'smtp');
        const { staff } = await agencyWithSubscribers(harness, sink, [retried, bounced] as string[]);
        const campaign = await draftCampaign(staff, { subject: 'Повторы' });
        await sendNow(staff, campaign.id);
        sink.failNext(451, 550);
        await harness.services.campaignSender.drain();
        expect((await progressOf(staff, campaign.id)).progress).toMatchObject({ failed: 1, remaining: 1 });
        // The retry waits about a minute (MAILING_RETRY_BASE_MS, ±20 %); the test moves it to now.
        const db = harness.services.database.db;
        const waiting = (await db.execute(
          sql`select attempts, extract(epoch from next_attempt_at - now()) as wait from mailing_recipients
            where email = ${retried as string}`,
        )) as unknown as { rows: { attempts: number; wait: number }[] };
        expect(waiting.rows[0]?.attempts).toBe(1);
        expect(Number(waiting.rows[0]?.wait)).toBeGreaterThan(40);
        await db.execute(
          sql`update mailing_recipients set next_attempt_at = now() where email = ${retried as string}`,
        );
        await harness.services.campaignSender.drain();
        expect(mailsTo(sink, retried as string).filter((m) => m.subject === 'Повторы')).toHaveLength(1);
        expect(mailsTo(sink, bounced as string).filter((m) => m.subject === 'Повторы')).toHaveLength(0);
        const list = (await staff.request({ url: `/api/staff/mailings/subscribers?q=${bounced}` })).json();
        expect(list.items[0]).toMatchObject({ status: 'revoked' });
        expect(list.items[0].bouncedAt).not.toBeNull();
        expect((await progressOf(staff, campaign.id)).status).toBe('sent');
      }),
    120_000,
  );

  it(
    'keeps to the per-minute limit, pauses, resumes and cancels',
    () =>
      withSink({ MAILING_RATE_PER_MINUTE: '2' }, async ({ harness, sink }) => {
        const addresses = emails(5, 'throttle');
        const { staff } = await agencyWithSubscribers(harness, sink, addresses);
        const campaign = await draftCampaign(staff, { subject: 'По две в минуту' });
        await sendNow(staff, campaign.id);
        expect(await harness.services.campaignSender.drain()).toBe(2);
        const sending = await progressOf(staff, campaign.id);
        expect(sending.progress).toMatchObject({ sent: 2, remaining: 3, ratePerMinute: 2 });
        expect(new Date(sending.progress.etaAt).getTime()).toBeGreaterThan(Date.now() + 60_000);

        const act = (action: string) =>
          staff.request({ method: 'POST', url: `/api/staff/mailings/campaigns/${campaign.id}/${action}` });
        expect((await act('pause')).json().status).toBe('paused');
        expect((await act('pause')).statusCode).toBe(409);
        // The minute passes (sent_at moved back): a paused campaign still sends nothing.
        await harness.services.database.db.execute(
          sql`update mailing_recipients set sent_at = sent_at - interval '2 minutes'`,
        );
        expect(await harness.services.campaignSender.drain()).toBe(0);
        expect((await act('resume')).json().status).toBe('sending');
        expect(await harness.services.campaignSender.drain()).toBe(2);
        const cancelled = (await act('cancel')).json();
        expect(cancelled.status).toBe('cancelled');
        expect(cancelled.progress).toMatchObject({ sent: 4, skipped: 1, remaining: 0 });
        const total = addresses.filter((a) => mailsTo(sink, a).some((m) => m.subject === 'По две в минуту'));
        expect(total).toHaveLength(4);
      }),
    120_000,
  );

  it(
    'sends a scheduled campaign when its time comes, to who is subscribed then',
    () =>
      withSink({}, async ({ harness, sink }) => {
        const early = uniqueEmail('early');
        const late = uniqueEmail('late');
        const { staff, slug } = await agencyWithSubscribers(harness, sink, [early]);
        const campaign = await draftCampaign(staff, { subject: 'По расписанию' });
        const at = new Date(Date.now() + 1500).toISOString();
        const scheduled = await staff.request({
          method: 'POST',
          url: `/api/staff/mailings/campaigns/${campaign.id}/send`,
          payload: { at },
        });
        expect(scheduled.json()).toMatchObject({ status: 'scheduled', scheduledAt: at });
        expect(await harness.services.campaignSender.drain()).toBe(0);
        await subscribeAndConfirm(harness, sink, slug, late);
        await new Promise((resolve) => setTimeout(resolve, 1600));
        expect(await harness.services.campaignSender.drain()).toBe(2);
        for (const address of [early, late]) {
          expect(mailsTo(sink, address).filter((m) => m.subject === 'По расписанию')).toHaveLength(1);
        }
      }),
    120_000,
  );
});
