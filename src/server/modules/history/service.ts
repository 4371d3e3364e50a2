import type { Db } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { type PageRequest, pageWindow, toPage } from '../../lib/paging.js';
import { renderPdf } from '../../lib/pdf.js';
import type { AgencyService } from '../agencies/service.js';
import type { AuditService } from '../audit/service.js';
import type { ClientService } from '../clients/service.js';
import type { RequestClientLink } from '../requests/client-link.service.js';
import { type AttachmentProvider, buildArchive } from './archive.js';
import { historyDocument } from './pdf.js';
import * as repo from './repo.js';
import { registerBuiltInSources } from './sources.js';
import { createTimeline } from './timeline.js';

export interface HistoryDeps {
  db: Db;
  agencies: AgencyService;
  clients: ClientService;
  requestLinks: RequestClientLink;
  audit: AuditService;
  attachments?: AttachmentProvider;
}

export function createHistoryService(deps: HistoryDeps) {
  const { db, agencies, clients, requestLinks, audit } = deps;
  const timeline = createTimeline();
  registerBuiltInSources(timeline, { db, clients, requestLinks });
  let attachments: AttachmentProvider = deps.attachments ?? (async () => []);

  /** Builds the ZIP (seed 004 p. 4) and logs the hand-over in the timeline and the audit. */
  async function exportClient(
    agencyId: string,
    clientId: string,
    via: 'staff' | 'portal',
    actorId: string | null,
  ) {
    const [agency, { row: client }] = await Promise.all([
      agencies.byId(agencyId),
      clients.resolve(agencyId, clientId),
    ]);
    const [requests, contacts, entries] = await Promise.all([
      requestLinks.ofClient(agencyId, client.id),
      clients.contactsOf(agencyId, client.id),
      timeline.forClient(agencyId, client.id),
    ]);
    const now = new Date();
    const oldest = requests.at(-1)?.receivedAt ?? client.createdAt;
    const chronological = [...requests].reverse();
    const pdf = await renderPdf(
      historyDocument({
        agency,
        client,
        contacts,
        requests: chronological,
        interactions: entries.filter((e) => !e.internal).reverse(),
        period: { from: oldest < client.createdAt ? oldest : client.createdAt, to: now },
        generatedAt: now,
      }),
    );
    const files = await attachments(
      agencyId,
      requests.map((r) => r.id),
    );
    const { zip, fileCount } = await buildArchive({
      pdf,
      requests: chronological,
      timezone: agency.timezone,
      attachments: files,
    });
    await db.transaction(async (tx) => {
      const record = { requestCount: requests.length, fileCount };
      await repo.insertExport(tx, { agencyId, clientId: client.id, via, actorId, ...record, at: now });
      await audit.record(tx, { agencyId, userId: actorId }, 'history_export', client.id, {
        after: { via, ...record },
      });
    });
    return { zip, fileName: `history-${now.toISOString().slice(0, 10)}.zip` };
  }

  return {
    /** For capabilities added later (calls, reception, surveys) to contribute timeline entries. */
    registerTimelineSource: timeline.registerTimelineSource,

    /** The integrator wires the attachments capability here: `(agencyId, requestIds) => files`. */
    setAttachmentProvider(provider: AttachmentProvider) {
      attachments = provider;
    },

    /** Newest first, a page at a time: five years of a frequent correspondent is a long list. */
    async timeline(actor: Actor, clientId: string, page: PageRequest) {
      const { row } = await clients.resolve(actor.agencyId, clientId);
      const entries = await timeline.forClient(actor.agencyId, row.id);
      const { page: number, limit, offset } = pageWindow(page);
      return toPage(entries.slice(offset, offset + limit), entries.length, number, limit);
    },

    exportForStaff: (actor: Actor, clientId: string) =>
      exportClient(actor.agencyId, clientId, 'staff', actor.userId),

    exportClient,
  };
}

export type HistoryService = ReturnType<typeof createHistoryService>;
