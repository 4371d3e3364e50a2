import type { MailingTracking } from '../../../common/mailings.js';
import type { Db } from '../../db/client.js';
import type { AgencyService } from '../agencies/service.js';
import * as repo from './campaigns.repo.js';
import { trackingOf } from './tracking.js';

export interface SendingAgency {
  slug: string;
  name: string;
  tracking: MailingTracking;
}

const LEASE_MS = 5 * 60_000;

/**
 * The recipients of one drain pass, claimed a batch at a time under the per-minute limit and
 * handed out in check groups. The next batch is claimed while the workers still send the last
 * groups of the current one, so no SMTP connection waits for a claim; a row claimed ahead is
 * only `claimed`, so a crash puts it back in the queue rather than making it uncertain.
 */
export function createClaimFeed(options: {
  db: Db;
  agencies: AgencyService;
  ratePerMinute: number;
  batchSize: number;
  checkGroup: number;
  /** Claim the next batch once no more than this many claimed rows are waiting. */
  claimAheadAt: number;
}) {
  const { db } = options;
  const waiting: repo.ClaimedRecipient[] = [];
  const campaigns = new Map<string, repo.CampaignRow>();
  const agencies = new Map<string, SendingAgency>();
  // Claimed in this pass but not yet marked sent or otherwise finished: the throttle counts them.
  let unsettled = 0;
  let claiming: Promise<void> | null = null;
  let exhausted = false;
  let failure: unknown = null;

  async function describe(claimed: repo.ClaimedRecipient[]) {
    const campaignIds = [...new Set(claimed.map((r) => r.campaignId))].filter((id) => !campaigns.has(id));
    const agencyIds = [...new Set(claimed.map((r) => r.agencyId))].filter((id) => !agencies.has(id));
    const [rows, described] = await Promise.all([
      campaignIds.length > 0 ? repo.campaignsByIds(db, campaignIds) : [],
      Promise.all(
        agencyIds.map(async (id) => {
          const [agency, tracking] = await Promise.all([options.agencies.byId(id), trackingOf(db, id)]);
          return [id, { slug: agency.slug, name: agency.name, tracking }] as const;
        }),
      ),
    ]);
    for (const row of rows) campaigns.set(row.id, row);
    for (const [id, agency] of described) agencies.set(id, agency);
  }

  async function claimBatch() {
    const recent = await repo.sentSince(db, new Date(Date.now() - 60_000));
    const allowance = options.ratePerMinute - recent - unsettled;
    const claimed =
      allowance > 0
        ? await repo.claimDue(db, new Date(), Math.min(options.batchSize, allowance), LEASE_MS)
        : [];
    if (claimed.length === 0) {
      exhausted = true;
      return;
    }
    unsettled += claimed.length;
    await describe(claimed);
    waiting.push(...claimed);
  }

  function claimAhead() {
    if (!claiming && !exhausted)
      claiming = claimBatch()
        .catch((error) => {
          failure = error;
          exhausted = true;
        })
        .finally(() => {
          claiming = null;
        });
    return claiming;
  }

  return {
    /** The next group to hand over and send; null once nothing more is due or allowed. */
    async nextGroup(): Promise<repo.ClaimedRecipient[] | null> {
      for (;;) {
        if (failure) throw failure;
        if (waiting.length <= options.claimAheadAt) void claimAhead();
        if (waiting.length > 0) return waiting.splice(0, options.checkGroup);
        if (exhausted && !claiming) return null;
        await claimAhead();
      }
    },
    /** Rows marked sent, skipped, released or failed: they no longer count against the limit. */
    settled(count: number) {
      unsettled -= count;
    },
    campaign: (id: string) => campaigns.get(id) as repo.CampaignRow,
    agency: (id: string) => agencies.get(id) as SendingAgency,
  };
}
