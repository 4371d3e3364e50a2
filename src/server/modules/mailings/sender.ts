import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/client.js';
import { coalescedDrain } from '../../lib/coalesced-drain.js';
import type { AgencyService } from '../agencies/service.js';
import {
  type CampaignTransport,
  campaignMessageId,
  PermanentBounce,
  renderCampaignMail,
} from './campaign-mail.js';
import * as repo from './campaigns.repo.js';
import { createClaimFeed, type SendingAgency } from './claim-feed.js';
import type { Subscriptions } from './subscriptions.service.js';
import type { MailingTrackingService } from './tracking.js';

const MAX_DELAY_MS = 60 * 60_000;

/**
 * Workers per pooled SMTP connection: while one waits for its group's hand-over to commit (a
 * write-ahead-log flush), the other's e-mails keep the connection busy.
 */
export const WORKERS_PER_CONNECTION = 2;

export interface SenderOptions {
  db: Db;
  agencies: AgencyService;
  subscriptions: Subscriptions;
  tracking: MailingTrackingService;
  transport: CampaignTransport;
  publicUrl: string;
  from: string;
  ratePerMinute: number;
  batchSize: number;
  /** Workers sending at once, each one group at a time: WORKERS_PER_CONNECTION per connection. */
  workers: number;
  /** Recipients whose consent one query checks right before their e-mails leave. */
  checkGroup: number;
  maxAttempts: number;
  retryBaseMs: number;
}

/**
 * Sends the campaigns (seed 004 p. 12–13, issue 9 p. 5) on every node: recipients are claimed in
 * batches under a per-minute limit, and each small group is checked and handed over to SMTP in
 * one statement right before its e-mails leave. A row cut off after its hand-over is never sent
 * again and one cut off before it goes back to the queue, so a restart or a second node sends
 * nobody twice and a crash leaves uncertain only the groups that were being sent.
 */
export function createCampaignSender(options: SenderOptions) {
  const { db, agencies, subscriptions, tracking, transport } = options;
  const domain = /@([^>\s]+)/.exec(options.from)?.[1] ?? 'otklik.local';
  let log: FastifyBaseLogger | null = null;
  let timer: NodeJS.Timeout | null = null;

  const backoff = (attempts: number) =>
    Math.min(options.retryBaseMs * 2 ** (attempts - 1), MAX_DELAY_MS) * (0.8 + Math.random() * 0.4);

  /** Sends one e-mail the group's hand-over allowed; returns whether the relay accepted it. */
  async function deliver(
    recipient: repo.ClaimedRecipient,
    campaign: repo.CampaignRow,
    agency: SendingAgency,
  ) {
    const token = subscriptions.tokens.issue(recipient.agencyId, recipient.subscriberId);
    try {
      await transport.send(
        renderCampaignMail(
          {
            to: recipient.email,
            fromName: campaign.fromName || agency.name,
            subject: campaign.subject,
            html: tracking.instrument(campaign.html, recipient.id, agency.tracking),
            text: campaign.text,
            unsubscribeUrl: `${options.publicUrl}/${agency.slug}/unsubscribe/${token}`,
            messageId: campaignMessageId(recipient.id, token, domain),
          },
          options.from,
        ),
      );
      return true;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (error instanceof PermanentBounce) {
        await db.transaction(async (tx) => {
          await repo.finishRecipients(tx, [recipient.id], {
            status: 'failed',
            error: reason,
            feedback: 'bounce',
          });
          await subscriptions.markBounced(tx, recipient.agencyId, recipient.subscriberId);
        });
        return false;
      }
      const final = recipient.attempts >= options.maxAttempts;
      log?.warn({ recipient: recipient.id, err: reason, final }, 'mailing send failed');
      await repo.finishRecipients(db, [recipient.id], {
        status: final ? 'failed' : 'pending',
        error: reason,
        nextAttemptAt: new Date(Date.now() + backoff(recipient.attempts)),
      });
      return false;
    }
  }

  async function startDue(now: Date) {
    await db.transaction(async (tx) => {
      for (const campaign of await repo.startDueCampaigns(tx, now)) await repo.createRecipients(tx, campaign);
    });
  }

  async function drainOnce(): Promise<number> {
    const now = new Date();
    await repo.markAbandoned(db, now);
    await startDue(now);
    const feed = createClaimFeed({
      db,
      agencies,
      ratePerMinute: options.ratePerMinute,
      batchSize: options.batchSize,
      checkGroup: options.checkGroup,
      claimAheadAt: options.workers * options.checkGroup,
    });
    let sent = 0;
    // Each worker hands over its next group (marking its previous group's accepted e-mails sent in
    // the same statement), then sends it on the pooled connections.
    const worker = async () => {
      let accepted: number[] = [];
      try {
        for (let group = await feed.nextGroup(); group; group = await feed.nextGroup()) {
          const handed = await repo.handOver(db, accepted, group);
          feed.settled(accepted.length + group.length - handed.size);
          accepted = [];
          for (const recipient of group) {
            if (!handed.has(recipient.id)) continue;
            const campaign = feed.campaign(recipient.campaignId);
            if (await deliver(recipient, campaign, feed.agency(recipient.agencyId)))
              accepted.push(recipient.id);
            else feed.settled(1);
          }
          sent += accepted.length;
        }
      } finally {
        await repo.markSent(db, accepted);
        feed.settled(accepted.length);
      }
    };
    await Promise.all(Array.from({ length: options.workers }, worker));
    await repo.finishDrainedCampaigns(db, new Date());
    return sent;
  }

  /** Sends what is due now within the limit; concurrent calls share one pass and queue one more. */
  const { drain, settled } = coalescedDrain(drainOnce);

  return {
    drain,
    kick() {
      if (timer)
        setImmediate(() => void drain().catch((error) => log?.error({ err: error }, 'mailing failed')));
    },
    start(pollMs: number, logger: FastifyBaseLogger) {
      log = logger;
      const tick = () => void drain().catch((error) => logger.error({ err: error }, 'mailing failed'));
      timer = setInterval(tick, pollMs);
      timer.unref();
      tick();
    },
    /** Lets the batch in progress finish, so a clean shutdown leaves nothing uncertain. */
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await settled();
      transport.close();
    },
  };
}

export type CampaignSender = ReturnType<typeof createCampaignSender>;
