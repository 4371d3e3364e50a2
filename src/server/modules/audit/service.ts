import type { AuditEntry, Page } from '../../../common/types.js';
import type { Db, Executor } from '../../db/client.js';
import { type PageRequest, pageWindow, toPage } from '../../lib/paging.js';
import { type AuditFilter, insertAuditRow, listAuditRows } from './repo.js';

export interface AuditChange {
  agencyId: string;
  actorId: string | null;
  action: 'create' | 'update' | 'delete';
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

export function createAuditService(db: Db) {
  return {
    /** Call inside the transaction of the change, so the change and its record commit together. */
    async record(tx: Executor, change: AuditChange): Promise<void> {
      await insertAuditRow(tx, {
        ...change,
        before: change.before ?? null,
        after: change.after ?? null,
      });
    },

    async list(agencyId: string, filter: AuditFilter & PageRequest): Promise<Page<AuditEntry>> {
      const { page, limit, offset } = pageWindow(filter);
      const { total, rows } = await listAuditRows(db, agencyId, filter, limit, offset);
      const items = rows.map((row) => ({
        id: String(row.id),
        at: row.at.toISOString(),
        actor: row.actorId
          ? { id: row.actorId, name: row.actorName ?? '', email: row.actorEmail ?? '' }
          : null,
        action: row.action,
        entity: row.entity,
        entityId: row.entityId,
        before: row.before,
        after: row.after,
      }));
      return toPage(items, total, page, limit);
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
