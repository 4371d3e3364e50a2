import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/client.js';
import { fieldCrypto } from '../../lib/field-crypto.js';
import { type StaffClient, uniqueEmail } from '../../testing/harness.js';
import {
  agencyWithSubscribers,
  draftCampaign,
  harnessWithSink,
  mailsTo,
  senderOptions,
  sendNow,
  smtpTo,
  subscribeAndConfirm,
} from '../../testing/mailings-sink.js';
import { type ClaimedRecipient, claimDue, handOver, markAbandoned } from './campaigns.repo.js';
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

async function statusCounts(db: Db, campaignId: string) {
  const result = (await db.execute(
    sql`select status, count(*)::int as n from mailing_recipients where campaign_id = ${campaignId} group by status`,
  )) as unknown as { rows: { status: string; n: number }[] };
  return Object.fromEntries(result.rows.map((row) => [row.status, Number(row.n)]));
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
        const { services } = harness;
        const secondNode = createCampaignSender(senderOptions(harness, smtpTo(sink)));
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
    'never resends a row a crashed node had handed to SMTP; one it only claimed goes out',
    () =>
      withSink({}, async ({ harness, sink }) => {
        const addresses = emails(3, 'crash');
        const { staff } = await agencyWithSubscribers(harness, sink, addresses);
        const campaign = await draftCampaign(staff, { subject: 'После сбоя' });
        await sendNow(staff, campaign.id);
        // A node claims two rows, hands the first to SMTP and dies: its lease has already run out.
        const db = harness.services.database.db;
        const [handed, untried] = await claimDue(db, new Date(), 2, -1000);
        expect(await handOver(db, [], [handed as ClaimedRecipient])).toEqual(new Set([handed?.id]));
        await harness.services.campaignSender.drain();
        const got = addresses.map((a) => mailsTo(sink, a).filter((m) => m.subject === 'После сбоя').length);
        expect(got).toEqual([0, 1, 1]);
        expect([handed?.email, untried?.email]).toEqual(addresses.slice(0, 2));
        const detail = await progressOf(staff, campaign.id);
        expect(detail.status).toBe('sent');
        expect(detail.progress).toMatchObject({ sent: 2, failed: 1, remaining: 0 });
      }),
    120_000,
  );

  it(
    'hands over only rows whose claim is still the caller’s, whichever claim each came from',
    () =>
      withSink({}, async ({ harness, sink }) => {
        const { staff } = await agencyWithSubscribers(harness, sink, emails(2, 'fence'));
        const campaign = await draftCampaign(staff, { subject: 'Чей захват' });
        await sendNow(staff, campaign.id);
        const db = harness.services.database.db;
        // A node's claim lapses and the row goes back to the queue; a second claim takes it again.
        const [stale] = (await claimDue(db, new Date(), 1, -1000)) as [ClaimedRecipient];
        await markAbandoned(db, new Date());
        const [first] = (await claimDue(db, new Date(), 1, 60_000)) as [ClaimedRecipient];
        const [second] = (await claimDue(db, new Date(), 1, 120_000)) as [ClaimedRecipient];
        expect(first.id).toBe(stale.id);
        expect(await handOver(db, [], [stale])).toEqual(new Set());
        expect(await handOver(db, [], [first, second])).toEqual(new Set([first.id, second.id]));
      }),
    120_000,
  );

  it(
    'a node killed mid-batch leaves uncertain only the group it was sending; the rest goes out once',
    () =>
      withSink({}, async ({ harness, sink }) => {
        const addresses = emails(30, 'killed');
        const { staff } = await agencyWithSubscribers(harness, sink, addresses);
        const campaign = await draftCampaign(staff, { subject: 'Узел упал' });
        await sendNow(staff, campaign.id);
        const { services } = harness;
        const smtp = smtpTo(sink);
        // The node dies while handing its 12th e-mail to the relay: that send never returns.
        const group = 8;
        let sends = 0;
        let frozen = false;
        const dying = createCampaignSender({
          ...senderOptions(harness, {
            send: (mail) => {
              if (++sends <= 11) return smtp.send(mail);
              frozen = true;
              return new Promise<void>(() => {});
            },
            close: () => smtp.close(),
          }),
          batchSize: 50,
          // One worker, so the moment of the kill falls at a known place in the claimed batch.
          workers: 1,
          checkGroup: group,
        });
        void dying.drain();
        while (!frozen) await new Promise((resolve) => setTimeout(resolve, 20));
        const db = services.database.db;
        const claimedAtKill = await statusCounts(db, campaign.id);
        expect(claimedAtKill).toMatchObject({ claimed: 30 - 2 * group, sending: group, sent: group });
        expect((await progressOf(staff, campaign.id)).progress).toMatchObject({
          sent: group,
          failed: 0,
          remaining: 30 - group,
        });
        // Its lease runs out; another node (the harness's own sender) recovers.
        await db.execute(
          sql`update mailing_recipients set lease_until = now() - interval '1 second' where lease_until is not null`,
        );
        expect(await services.campaignSender.drain()).toBe(30 - 2 * group);
        smtp.close();

        const got = addresses.map((a) => mailsTo(sink, a).filter((m) => m.subject === 'Узел упал').length);
        expect(Math.max(...got)).toBe(1);
        // Sent before the kill: the first group and three of the second; never tried: the rest of
        // the second group (uncertain, so not sent) and everything after it (sent on recovery).
        expect(got).toEqual([
          ...Array(11).fill(1),
          ...Array(group - 3).fill(0),
          ...Array(30 - 2 * group).fill(1),
        ]);
        const after = await statusCounts(db, campaign.id);
        expect(after).toEqual({ sent: 30 - group, uncertain: group });
        expect(after.uncertain).toBeLessThanOrEqual(group);
        const detail = await progressOf(staff, campaign.id);
        expect(detail.status).toBe('sent');
        expect(detail.progress).toMatchObject({ total: 30, sent: 30 - group, failed: group, remaining: 0 });
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
        // Addresses are sealed: the row is found through the subscriber's blind index.
        const retriedId = sql`(select id from mailing_subscribers where email_index = ${fieldCrypto().blindIndex(retried as string)})`;
        const waiting = (await db.execute(
          sql`select attempts, extract(epoch from next_attempt_at - now()) as wait from mailing_recipients
            where subscriber_id = ${retriedId}`,
        )) as unknown as { rows: { attempts: number; wait: number }[] };
        expect(waiting.rows[0]?.attempts).toBe(1);
        expect(Number(waiting.rows[0]?.wait)).toBeGreaterThan(40);
        await db.execute(
          sql`update mailing_recipients set next_attempt_at = now() where subscriber_id = ${retriedId}`,
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
