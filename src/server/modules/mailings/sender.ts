import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/client.js';
import { coalescedDrain } from '../../lib/coalesced-drain.js';
import type { AgencyService } from '../agencies/service.js';
import { type CampaignTransport, PermanentBounce, renderCampaignMail } from './campaign-mail.js';
import * as repo from './campaigns.repo.js';
import type { Subscriptions } from './subscriptions.service.js';

const LEASE_MS = 5 * 60_000;
/** Accepted e-mails are marked sent this many at a time (and at the end of every batch). */
const SENT_FLUSH = 50;
const MAX_DELAY_MS = 60 * 60_000;

export interface SenderOptions {
  db: Db;
  agencies: AgencyService;
  subscriptions: Subscriptions;
  transport: CampaignTransport;
  publicUrl: string;
  from: string;
  ratePerMinute: number;
  batchSize: number;
  concurrency: number;
  maxAttempts: number;
  retryBaseMs: number;
}

/**
 * Sends the campaigns (seed 004 p. 12–13, issue 9 p. 5) on every node: recipients are claimed in
 * batches under a per-minute limit, each address is checked right before its e-mail leaves, and
 * a row cut off mid-send is never sent again, so a restart or a second node sends nobody twice.
 */
export function createCampaignSender(options: SenderOptions) {
  const { db, agencies, subscriptions, transport } = options;
  const domain = /@([^>\s]+)/.exec(options.from)?.[1] ?? 'otklik.local';
  let log: FastifyBaseLogger | null = null;
  let timer: NodeJS.Timeout | null = null;

  const backoff = (attempts: number) =>
    Math.min(options.retryBaseMs * 2 ** (attempts - 1), MAX_DELAY_MS) * (0.8 + Math.random() * 0.4);

  async function deliver(
    recipient: repo.ClaimedRecipient,
    campaign: repo.CampaignRow,
    agency: { slug: string; name: string },
    accepted: number[],
  ) {
    const check = await repo.sendCheck(db, recipient);
    if (check.campaignStatus !== 'sending') {
      // Paused or cancelled after the claim: the row goes back untouched (cancel then drops it).
      await repo.finishRecipient(db, recipient.id, { status: 'pending', releaseAttempt: true });
      return 'released';
    }
    if (!check.mayReceive) {
      await repo.finishRecipient(db, recipient.id, {
        status: 'skipped',
        error: 'Согласие отозвано или темы изменены до отправки',
      });
      return 'skipped';
    }
    const token = subscriptions.tokens.issue(recipient.agencyId, recipient.subscriberId);
    try {
      await transport.send(
        renderCampaignMail(
          {
            to: recipient.email,
            fromName: campaign.fromName || agency.name,
            subject: campaign.subject,
            html: campaign.html,
            text: campaign.text,
            unsubscribeUrl: `${options.publicUrl}/${agency.slug}/unsubscribe/${token}`,
            messageId: `<mailing-${recipient.id}@${domain}>`,
          },
          options.from,
        ),
      );
      accepted.push(recipient.id);
      if (accepted.length >= SENT_FLUSH) await repo.markSent(db, accepted.splice(0));
      return 'sent';
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (error instanceof PermanentBounce) {
        await db.transaction(async (tx) => {
          await repo.finishRecipient(tx, recipient.id, { status: 'failed', error: reason });
          await subscriptions.markBounced(tx, recipient.agencyId, recipient.subscriberId);
        });
        return 'failed';
      }
      const final = recipient.attempts >= options.maxAttempts;
      log?.warn({ recipient: recipient.id, err: reason, final }, 'mailing send failed');
      await repo.finishRecipient(db, recipient.id, {
        status: final ? 'failed' : 'pending',
        error: reason,
        nextAttemptAt: new Date(Date.now() + backoff(recipient.attempts)),
      });
      return final ? 'failed' : 'retry';
    }
  }

  async function startDue(now: Date) {
    await db.transaction(async (tx) => {
      for (const campaign of await repo.startDueCampaigns(tx, now)) await repo.createRecipients(tx, campaign);
    });
  }

  async function sendBatch(claimed: repo.ClaimedRecipient[]) {
    const campaigns = new Map(
      (await repo.campaignsByIds(db, [...new Set(claimed.map((r) => r.campaignId))])).map((c) => [c.id, c]),
    );
    const agencyIds = [...new Set(claimed.map((r) => r.agencyId))];
    const agencyById = new Map(
      await Promise.all(agencyIds.map(async (id) => [id, await agencies.byId(id)] as const)),
    );
    const accepted: number[] = [];
    let next = 0;
    let sent = 0;
    const worker = async () => {
      while (next < claimed.length) {
        const recipient = claimed[next++] as repo.ClaimedRecipient;
        const campaign = campaigns.get(recipient.campaignId) as repo.CampaignRow;
        const agency = agencyById.get(recipient.agencyId) as { slug: string; name: string };
        if ((await deliver(recipient, campaign, agency, accepted)) === 'sent') sent++;
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(options.concurrency, claimed.length) }, worker));
    } finally {
      await repo.markSent(db, accepted);
    }
    return sent;
  }

  async function drainOnce(): Promise<number> {
    const now = new Date();
    await repo.markAbandoned(db, now);
    await startDue(now);
    let sent = 0;
    for (;;) {
      const allowance = options.ratePerMinute - (await repo.sentSince(db, new Date(Date.now() - 60_000)));
      if (allowance <= 0) break;
      const claimed = await repo.claimDue(db, new Date(), Math.min(options.batchSize, allowance), LEASE_MS);
      if (claimed.length === 0) break;
      sent += await sendBatch(claimed);
    }
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
