import { KB_MAX_ATTACHMENTS } from '../../../common/kb.js';
import type { Db, Executor } from '../../db/client.js';
import type { Upload } from '../../http/uploads.js';
import type { Actor } from '../../lib/actor.js';
import type { AttachmentStore } from '../../lib/attachment-store.js';
import { Invalid, NotFound } from '../../lib/errors.js';
import type { FileQuota } from '../agencies/file-quota.js';
import type { AuditService } from '../audit/service.js';
import type { UserService } from '../auth/users.service.js';
import { findArticle } from './articles.repo.js';
import { articleNotFound } from './articles.service.js';
import * as repo from './attachments.repo.js';
import { assertCanEditSection } from './permissions.js';
import { toKbAttachment } from './views.js';

/**
 * The name a file is shown and downloaded under: its last path segment only, so a name like
 * «../../etc/passwd» or «C:\\dir\\form.pdf» says nothing about a place (content lives under a
 * random key anyway, see attachment-store.ts).
 */
export function safeFileName(name: string): string {
  const last = name.split(/[\\/]/).pop()?.trim() ?? '';
  if (!last || /^\.+$/.test(last)) {
    throw new Invalid('body.files', `У файла «${name}» нет имени`, 'malformed_file_name');
  }
  return last;
}

const attachmentNotFound = () => new NotFound('attachment_not_found', 'Файл не найден');

/** Files attached to articles: a form to fill in, a scanned order. Editors add and remove them. */
export function createKbAttachmentService(deps: {
  db: Db;
  store: AttachmentStore;
  audit: AuditService;
  users: UserService;
  fileQuota: FileQuota;
}) {
  const { db, store, audit, users, fileQuota } = deps;

  /** The actor's departments are read before any transaction: PGlite has one connection. */
  async function assertEditable(
    actor: Actor,
    articleId: string,
    departmentIds: string[],
    executor: Executor = db,
  ) {
    const found = await findArticle(executor, actor.agencyId, articleId);
    if (!found) throw articleNotFound();
    assertCanEditSection(actor, { departmentId: found.departmentId }, departmentIds);
  }

  const departmentsOf = (actor: Actor) => users.departmentIdsOf(actor.agencyId, actor.userId);

  return {
    /** Before any upload is read: files for an article one may not edit never touch the disk. */
    ensureEditable: async (actor: Actor, articleId: string) =>
      assertEditable(actor, articleId, await departmentsOf(actor)),

    async add(actor: Actor, articleId: string, files: Upload[]) {
      const named = files.map((file) => ({ ...file, name: safeFileName(file.name) }));
      const departmentIds = await departmentsOf(actor);
      const rows = await db.transaction(async (tx) => {
        await assertEditable(actor, articleId, departmentIds, tx);
        const existing = await repo.countAttachments(tx, actor.agencyId, articleId);
        if (existing + named.length > KB_MAX_ATTACHMENTS) {
          throw new Invalid(
            'body.files',
            `К статье — не больше ${KB_MAX_ATTACHMENTS} файлов`,
            'too_many_files',
          );
        }
        const rows = await repo.insertAttachments(
          tx,
          named.map((file) => ({
            agencyId: actor.agencyId,
            articleId,
            fileName: file.name,
            contentType: file.mimeType,
            size: file.size,
            storageKey: file.key,
            uploadedBy: actor.userId,
          })),
        );
        await fileQuota.enforce(tx, actor.agencyId, 'body.files', 'staff');
        await audit.record(tx, actor, 'kb_attachment', articleId, {
          after: { files: rows.map((row) => ({ id: row.id, name: row.fileName })) },
        });
        return rows;
      });
      return rows.map(toKbAttachment);
    },

    async open(actor: Actor, articleId: string, attachmentId: string) {
      const row = await repo.findAttachment(db, actor.agencyId, articleId, attachmentId);
      if (!row) throw attachmentNotFound();
      return { row, content: store.open(row.agencyId, row.storageKey) };
    },

    async remove(actor: Actor, articleId: string, attachmentId: string) {
      const departmentIds = await departmentsOf(actor);
      const key = await db.transaction(async (tx) => {
        const row = await repo.findAttachment(tx, actor.agencyId, articleId, attachmentId);
        if (!row) throw attachmentNotFound();
        await assertEditable(actor, articleId, departmentIds, tx);
        await repo.deleteAttachment(tx, actor.agencyId, attachmentId);
        await audit.record(tx, actor, 'kb_attachment', articleId, {
          before: { id: row.id, name: row.fileName },
        });
        return row.storageKey;
      });
      // After commit: a rolled-back delete must still find its file.
      await store.remove(actor.agencyId, key);
    },
  };
}

export type KbAttachmentService = ReturnType<typeof createKbAttachmentService>;
