import { subYears } from 'date-fns';
import type { RetentionPurge } from '../../../common/clients.js';
import type { Db, Executor } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { type PageRequest, pageWindow, toPage } from '../../lib/paging.js';
import { sha256 } from '../../lib/tokens.js';
import type { AgencyService } from '../agencies/service.js';
import type { ClientService } from '../clients/service.js';
import type { RequestClientLink } from '../requests/client-link.service.js';
import * as repo from './repo.js';

/**
 * Deletes the purged requests' file rows in the purge's transaction and returns what removes the
 * stored files, run only after the commit: a rolled-back purge must not lose the files.
 */
export type AttachmentPurger = (
  tx: Executor,
  agencyId: string,
  requestIds: string[],
) => Promise<(() => Promise<void>) | undefined>;

/**
 * Removes another capability's rows of clients about to be purged (calls, reception visits, survey
 * answers, when they arrive), in the purge's transaction.
 */
export type ClientPurgeHandler = (tx: Executor, agencyId: string, clientIds: string[]) => Promise<void>;

/**
 * What a client wrote on a social network stays in the inbox beside the requests made from it,
 * keyed by the author's network id rather than a client record. The channels capability removes
 * those items with the requests purged, and those of authors silent for the whole period.
 */
export interface SocialPurger {
  forRequests(tx: Executor, agencyId: string, requestIds: string[]): Promise<number>;
  /** Up to `limit` items of authors with nothing since `cutoff`; returns how many went. */
  expired(tx: Executor, agencyId: string, cutoff: Date, limit: number): Promise<number>;
}

export const DEFAULT_BATCH = 200;

export interface PurgeOptions {
  /** Clients per agency in one pass. */
  batch?: number;
  /** Only these agencies (e.g. a re-run for one agency); all when absent. */
  agencyIds?: string[];
}

export interface PurgeResult {
  agencyId: string;
  clients: number;
  requests: number;
  socialItems: number;
}

/**
 * ARCHITECTURE §3 and seed 004 p. 4: a client's history is kept for the agency's retention period
 * (five years by default) after the last interaction, then removed — unless on legal hold.
 */
export function createRetention(deps: {
  db: Db;
  agencies: AgencyService;
  clients: ClientService;
  requestLinks: RequestClientLink;
}) {
  const { db, agencies, clients, requestLinks } = deps;
  let purgeAttachments: AttachmentPurger = async () => undefined;
  let purgeSocial: SocialPurger = { forRequests: async () => 0, expired: async () => 0 };
  const purgeHandlers: ClientPurgeHandler[] = [];

  /** Up to `batch` expired clients of one agency, in one transaction with its log row. */
  async function purgeAgency(agencyId: string, years: number, now: Date, batch: number) {
    const cutoff = subYears(now, years);
    let removeFiles: (() => Promise<void>) | undefined;
    const result = await db.transaction(async (tx) => {
      const doomed: string[] = [];
      let after: { lastInteractionAt: Date; id: string } | undefined;
      let full = false;
      // Walks past clients kept by recent activity, so they never block the batch.
      for (;;) {
        const candidates = await clients.expired(tx, agencyId, cutoff, batch, after);
        const ids = candidates.map((c) => c.id);
        // A request still open or worked on within the period is an interaction too.
        const active = new Set(await requestLinks.clientsActiveSince(tx, agencyId, ids, cutoff));
        doomed.push(...ids.filter((id) => !active.has(id)).slice(0, batch - doomed.length));
        if (doomed.length >= batch) full = true;
        if (full || candidates.length < batch) break;
        after = candidates.at(-1);
      }
      const requestIds = doomed.length > 0 ? await requestLinks.requestIdsOf(tx, agencyId, doomed) : [];
      let socialItems = 0;
      if (doomed.length > 0) {
        removeFiles = await purgeAttachments(tx, agencyId, requestIds);
        socialItems += await purgeSocial.forRequests(tx, agencyId, requestIds);
        await requestLinks.purge(tx, agencyId, requestIds);
        for (const handler of purgeHandlers) await handler(tx, agencyId, doomed);
        await clients.deleteClients(tx, agencyId, doomed);
      }
      const expiredSocial = await purgeSocial.expired(tx, agencyId, cutoff, batch);
      socialItems += expiredSocial;
      full ||= expiredSocial >= batch;
      if (doomed.length === 0 && socialItems === 0)
        return { agencyId, clients: 0, requests: 0, socialItems, full };
      await repo.insertPurge(tx, {
        agencyId,
        at: now,
        cutoff,
        clientCount: doomed.length,
        requestCount: requestIds.length,
        socialItemCount: socialItems,
        clientIdHashes: doomed.map((id) => sha256(`${agencyId}:${id}`)),
      });
      return { agencyId, clients: doomed.length, requests: requestIds.length, socialItems, full };
    });
    await removeFiles?.();
    return result;
  }

  return {
    /** The integrator wires the attachments capability here: it deletes the stored files. */
    setAttachmentPurger(purger: AttachmentPurger) {
      purgeAttachments = purger;
    },

    /** The integrator wires the social inbox here. */
    setSocialPurger(purger: SocialPurger) {
      purgeSocial = purger;
    },

    /** For capabilities added later that keep rows of their own per client. */
    onPurge(handler: ClientPurgeHandler) {
      purgeHandlers.push(handler);
    },

    /**
     * One pass over every agency. Idempotent: what was purged is gone, so a second run finds nothing.
     * `more` says a batch was full and the caller should run again.
     */
    async purgeExpired(now: Date, options: PurgeOptions = {}) {
      const batch = options.batch ?? DEFAULT_BATCH;
      const results: PurgeResult[] = [];
      let more = false;
      const settings = await agencies.retentionSettings();
      for (const agency of settings.filter((a) => !options.agencyIds || options.agencyIds.includes(a.id))) {
        const { full, ...result } = await purgeAgency(agency.id, agency.retentionYears, now, batch);
        if (result.clients > 0 || result.socialItems > 0) results.push(result);
        more ||= full;
      }
      return { results, more };
    },

    /** Housekeeping of the portal links: the ask log only feeds the hourly limit. */
    async purgeStaleLinks(now: Date) {
      await repo.deleteStaleLinks(db, new Date(now.getTime() - 2 * 3600_000), now);
    },

    async log(actor: Actor, page: PageRequest) {
      const { page: number, limit, offset } = pageWindow(page);
      const { total, rows } = await repo.listPurges(db, actor.agencyId, limit, offset);
      const items: RetentionPurge[] = rows.map((row) => ({
        id: String(row.id),
        at: row.at.toISOString(),
        cutoff: row.cutoff.toISOString(),
        clientCount: row.clientCount,
        requestCount: row.requestCount,
        socialItemCount: row.socialItemCount,
      }));
      return toPage(items, total, number, limit);
    },
  };
}

export type Retention = ReturnType<typeof createRetention>;

/**
 * What the integrator's daily schedule calls: passes until nothing is left, at most `maxPasses`
 * so one night's run stays bounded; the rest waits for the next day.
 */
export async function runDailyRetention(
  retention: Retention,
  now = new Date(),
  options: PurgeOptions & { maxPasses?: number } = {},
) {
  const maxPasses = options.maxPasses ?? 50;
  const totals = { clients: 0, requests: 0, socialItems: 0, passes: 0 };
  if (!options.agencyIds) await retention.purgeStaleLinks(now);
  for (let pass = 0; pass < maxPasses; pass += 1) {
    const { results, more } = await retention.purgeExpired(now, options);
    totals.passes += 1;
    for (const r of results) {
      totals.clients += r.clients;
      totals.requests += r.requests;
      totals.socialItems += r.socialItems;
    }
    if (!more) break;
  }
  return totals;
}
