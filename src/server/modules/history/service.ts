import type { Db } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { type PageRequest, pageWindow, toPage } from '../../lib/paging.js';
import { renderPdf } from '../../lib/pdf.js';
import type { AgencyService } from '../agencies/service.js';
import type { AuditService } from '../audit/service.js';
import type { ClientService } from '../clients/service.js';
import type { RequestClientLink } from '../requests/client-link.service.js';
import { type ArchiveExtra, type AttachmentProvider, buildArchive } from './archive.js';
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

  /** Everything the hand-over tells about one client, requests oldest first, the timeline newest first. */
  async function contentOf(agencyId: string, clientId: string) {
    const [agency, { row: client }] = await Promise.all([
      agencies.byId(agencyId),
      clients.resolve(agencyId, clientId),
    ]);
    const [requests, contacts, entries] = await Promise.all([
      requestLinks.ofClient(agencyId, client.id),
      clients.contactsOf(agencyId, client.id),
      timeline.forClient(agencyId, client.id),
    ]);
    const oldest = requests.at(-1)?.receivedAt ?? client.createdAt;
    return {
      agencyId,
      agency,
      client,
      contacts,
      requests: [...requests].reverse(),
      entries,
      from: oldest < client.createdAt ? oldest : client.createdAt,
    };
  }

  /** The ZIP of seed 004 p. 4: history.pdf, every message as text, the files; `extra` adds more. */
  async function archiveOf(content: HistoryContent, now: Date, extra: ArchiveExtra[] = []) {
    const { agency, client, contacts, requests, entries } = content;
    const pdf = await renderPdf(
      historyDocument({
        agency,
        client,
        contacts,
        requests,
        interactions: entries.filter((e) => !e.internal).reverse(),
        period: { from: content.from, to: now },
        generatedAt: now,
      }),
    );
    const files = await attachments(
      content.agencyId,
      requests.map((r) => r.id),
    );
    return buildArchive({ pdf, requests, timezone: agency.timezone, attachments: files, extra });
  }

  /** Builds the ZIP (seed 004 p. 4) and logs the hand-over in the timeline and the audit. */
  async function exportClient(
    agencyId: string,
    clientId: string,
    via: 'staff' | 'portal',
    actorId: string | null,
  ) {
    const content = await contentOf(agencyId, clientId);
    const now = new Date();
    const { zip, fileCount } = await archiveOf(content, now);
    const { client, requests } = content;
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
      await audit.recordRead(actor, 'client', row.id);
      const entries = await timeline.forClient(actor.agencyId, row.id);
      const { page: number, limit, offset } = pageWindow(page);
      return toPage(entries.slice(offset, offset + limit), entries.length, number, limit);
    },

    exportForStaff: (actor: Actor, clientId: string) =>
      exportClient(actor.agencyId, clientId, 'staff', actor.userId),

    exportClient,
    contentOf,
    archiveOf,
  };
}

type HistoryContent = Awaited<ReturnType<ReturnType<typeof createHistoryService>['contentOf']>>;

export type HistoryService = ReturnType<typeof createHistoryService>;
