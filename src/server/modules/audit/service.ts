import type { AuditEntry, Page } from '../../../common/types.js';
import type { Db, Executor } from '../../db/client.js';
import { type PageRequest, pageWindow, toPage } from '../../lib/paging.js';
import {
  type AuditFilter,
  insertAuditRow,
  insertReadUnlessRecent,
  listAuditRows,
  listForEntities,
} from './repo.js';

/** Whose change, in which agency. */
export interface AuditActor {
  agencyId: string;
  userId: string | null;
}

/** A missing `before` means the entity was created; a missing `after`, deleted. */
export interface AuditChange {
  before?: unknown;
  after?: unknown;
}

/** One read entry per person and record an hour: enough to answer «who looked», without flooding the log. */
export const READ_AUDIT_WINDOW_MS = 3_600_000;

export function createAuditService(db: Db) {
  return {
    /** Someone opened personal data; written outside any change, at most once per window. */
    recordRead(actor: AuditActor, entity: string, entityId: string, now = new Date()) {
      return insertReadUnlessRecent(
        db,
        { agencyId: actor.agencyId, actorId: actor.userId, entity, entityId },
        new Date(now.getTime() - READ_AUDIT_WINDOW_MS),
      );
    },

    /** Who created, changed or viewed these records, oldest first (152-ФЗ subject export). */
    trailOf: (agencyId: string, entities: string[], entityIds: string[]) =>
      listForEntities(db, agencyId, entities, entityIds),

    /** Call inside the transaction of the change, so the change and its record commit together. */
    async record(tx: Executor, actor: AuditActor, entity: string, entityId: string, change: AuditChange) {
      const before = change.before ?? null;
      const after = change.after ?? null;
      await insertAuditRow(tx, {
        agencyId: actor.agencyId,
        actorId: actor.userId,
        action: before === null ? 'create' : after === null ? 'delete' : 'update',
        entity,
        entityId,
        before,
        after,
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
