import { SITE_MAX_ATTACHMENTS } from '../../../common/site.js';
import type { Db, Executor } from '../../db/client.js';
import type { Upload } from '../../http/uploads.js';
import type { Actor } from '../../lib/actor.js';
import type { AttachmentStore } from '../../lib/attachment-store.js';
import { Invalid, NotFound } from '../../lib/errors.js';
import type { AuditService } from '../audit/service.js';
import { safeFileName } from '../kb/attachments.service.js';
import { documentText } from './document-text.js';
import * as repo from './repo.js';
import { publicationNotFound, searchTextOf } from './service.js';

const attachmentNotFound = () => new NotFound('attachment_not_found', 'Файл не найден');

/**
 * Files of a publication (issue 10 p. 1). Their text is extracted on upload and kept with the
 * publication's search text, so a visitor finds an order by a word inside its PDF.
 */
export function createSiteAttachmentService(deps: { db: Db; store: AttachmentStore; audit: AuditService }) {
  const { db, store, audit } = deps;

  async function refreshSearchText(tx: Executor, agencyId: string, id: string) {
    const publication = await repo.findPublication(tx, agencyId, id);
    if (!publication) throw publicationNotFound();
    const texts = (await repo.listAttachments(tx, agencyId, id)).map((a) => a.text);
    await repo.updatePublication(tx, agencyId, id, { searchText: searchTextOf(publication.body, texts) });
  }

  return {
    async ensureEditable(actor: Actor, publicationId: string) {
      if (!(await repo.findPublication(db, actor.agencyId, publicationId))) throw publicationNotFound();
    },

    async add(actor: Actor, publicationId: string, files: Upload[]) {
      // Text extraction reads the files before the transaction: PGlite has one connection.
      const extracted = await Promise.all(
        files.map(async (file) => ({
          ...file,
          name: safeFileName(file.name),
          text: await documentText(file.mimeType, await store.read(actor.agencyId, file.key)),
        })),
      );
      return db.transaction(async (tx) => {
        if (!(await repo.findPublication(tx, actor.agencyId, publicationId))) throw publicationNotFound();
        const existing = await repo.listAttachments(tx, actor.agencyId, publicationId);
        if (existing.length + files.length > SITE_MAX_ATTACHMENTS) {
          throw new Invalid(
            'body.files',
            `К публикации — не больше ${SITE_MAX_ATTACHMENTS} файлов`,
            'too_many_files',
          );
        }
        const rows = await repo.insertAttachments(
          tx,
          extracted.map((file) => ({
            agencyId: actor.agencyId,
            publicationId,
            fileName: file.name,
            contentType: file.mimeType,
            size: file.size,
            storageKey: file.key,
            text: file.text,
          })),
        );
        await refreshSearchText(tx, actor.agencyId, publicationId);
        await audit.record(tx, actor, 'site_attachment', publicationId, {
          after: { files: rows.map((row) => ({ id: row.id, name: row.fileName })) },
        });
        return rows;
      });
    },

    async remove(actor: Actor, publicationId: string, attachmentId: string) {
      const key = await db.transaction(async (tx) => {
        const row = await repo.deleteAttachment(tx, actor.agencyId, publicationId, attachmentId);
        if (!row) throw attachmentNotFound();
        await refreshSearchText(tx, actor.agencyId, publicationId);
        await audit.record(tx, actor, 'site_attachment', publicationId, {
          before: { id: row.id, name: row.fileName },
        });
        return row.storageKey;
      });
      // After commit: a rolled-back delete must still find its file.
      await store.remove(actor.agencyId, key);
    },

    /** A file of a publication of the agency, for staff or (when `visibleAt` is given) a visitor. */
    async open(agencyId: string, publicationId: string, attachmentId: string, visibleAt?: Date) {
      const publication = visibleAt
        ? await repo.findVisibleById(db, agencyId, publicationId, visibleAt)
        : await repo.findPublication(db, agencyId, publicationId);
      const row = publication
        ? (await repo.listAttachments(db, agencyId, publicationId)).find((a) => a.id === attachmentId)
        : undefined;
      if (!row) throw attachmentNotFound();
      return { row, content: store.open(agencyId, row.storageKey) };
    },
  };
}

export type SiteAttachmentService = ReturnType<typeof createSiteAttachmentService>;
