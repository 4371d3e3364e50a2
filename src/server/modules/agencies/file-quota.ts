import { asc, eq } from 'drizzle-orm';
import type { FileStorage } from '../../../common/types.js';
import type { Db, Executor } from '../../db/client.js';
import { StorageFull } from '../../lib/errors.js';
import type { AuditService } from '../audit/service.js';
import { agencies } from './schema.js';
import { agencyNotFound } from './service.js';

const MB = 1_048_576;

/** The note a channel's request or reply gets in its history when its files could not be kept. */
export const storageFullNote = (files: { name: string }[]) =>
  `Файлы ${files.map((file) => `«${file.name}»`).join(', ')} не сохранены: хранилище файлов ведомства заполнено`;

/**
 * ASVS 12.1.3: how much an agency may keep in the attachment store. The used bytes are counted
 * by database triggers on the file tables (migration agency_file_quota); this checks them against
 * the agency's quota, or AGENCY_FILE_QUOTA_MB when the region administrator set none.
 */
export function createFileQuota(deps: { db: Db; audit: AuditService; defaultQuotaMb: number }) {
  const { db, audit, defaultQuotaMb } = deps;

  async function storageOf(tx: Executor, agencyId: string): Promise<FileStorage> {
    const [row] = await tx
      .select({ usedBytes: agencies.fileBytes, quotaMb: agencies.fileQuotaMb })
      .from(agencies)
      .where(eq(agencies.id, agencyId));
    if (!row) throw agencyNotFound();
    const quotaMb = row.quotaMb ?? defaultQuotaMb;
    return { usedBytes: row.usedBytes, quotaBytes: quotaMb * MB, ownQuotaMb: row.quotaMb, defaultQuotaMb };
  }

  return {
    storage: (agencyId: string) => storageOf(db, agencyId),

    /** Bytes still free: lets an upload be turned away before its files reach the disk. */
    async room(agencyId: string): Promise<number> {
      const { usedBytes, quotaBytes } = await storageOf(db, agencyId);
      return Math.max(0, quotaBytes - usedBytes);
    },

    /**
     * Call in the transaction that wrote file rows, after them. The triggers have counted them
     * and hold the agency's row until commit, so a concurrent upload waits and sees this total.
     */
    async enforce(tx: Executor, agencyId: string, field: string, audience: 'public' | 'staff') {
      const { usedBytes, quotaBytes } = await storageOf(tx, agencyId);
      if (usedBytes > quotaBytes) throw new StorageFull(field, audience);
    },

    /** The region administrator's quota for one agency; null returns it to the default. */
    async setQuota(actor: { userId: string }, agencyId: string, quotaMb: number | null) {
      await db.transaction(async (tx) => {
        const before = await storageOf(tx, agencyId);
        await tx.update(agencies).set({ fileQuotaMb: quotaMb }).where(eq(agencies.id, agencyId));
        await audit.record(tx, { agencyId, userId: actor.userId }, 'agency_file_quota', agencyId, {
          before: { quotaMb: before.ownQuotaMb },
          after: { quotaMb },
        });
      });
      return storageOf(db, agencyId);
    },

    /** Every agency's use and quota, for the metrics. */
    async allAgencies() {
      const rows = await db
        .select({ slug: agencies.slug, usedBytes: agencies.fileBytes, quotaMb: agencies.fileQuotaMb })
        .from(agencies)
        .orderBy(asc(agencies.slug));
      return rows.map((row) => ({
        slug: row.slug,
        usedBytes: row.usedBytes,
        quotaBytes: (row.quotaMb ?? defaultQuotaMb) * MB,
      }));
    },
  };
}

export type FileQuota = ReturnType<typeof createFileQuota>;
