import type { Db, Executor } from '../../db/client.js';
import type { Upload } from '../../http/uploads.js';
import type { Actor } from '../../lib/actor.js';
import type { AttachmentStore } from '../../lib/attachment-store.js';
import { Conflict, Invalid, NotFound } from '../../lib/errors.js';
import type { FileQuota } from '../agencies/file-quota.js';
import type { AuditService } from '../audit/service.js';
import { OPEN_STATUSES } from './lifecycle.js';
import { attachmentRows } from './registration.js';
import * as repo from './repo.js';
import { toAttachment } from './views.js';

const requestNotFound = () => new NotFound('request_not_found', 'Обращение не найдено');

/** Files of a request: the client's, downloadable by staff, and those staff attach to the answer. */
export function createAttachmentService(deps: {
  db: Db;
  store: AttachmentStore;
  audit: AuditService;
  fileQuota: FileQuota;
  /** The same limit as for a client's request: the answer e-mail carries all of them. */
  maxCount: number;
}) {
  const { db, store, audit, fileQuota, maxCount } = deps;

  return {
    /** Before any upload is read, so files for a request that is not ours never touch the disk. */
    async ensureRequest(actor: Actor, requestId: string) {
      if (!(await repo.findById(db, actor.agencyId, requestId))) throw requestNotFound();
    },

    async open(actor: Actor, requestId: string, attachmentId: string) {
      const row = await repo.findAttachment(db, actor.agencyId, requestId, attachmentId);
      if (!row) throw new NotFound('attachment_not_found', 'Файл не найден');
      return { row, content: store.open(row.agencyId, row.storageKey) };
    },

    /** Files for the answer (seed 004 p. 3): sent to the client with the answer e-mail. */
    async addAnswerFiles(actor: Actor, requestId: string, files: Upload[]) {
      const rows = await db.transaction(async (tx) => {
        const request = await repo.lockById(tx, actor.agencyId, requestId);
        if (!request) throw requestNotFound();
        const existing = await repo.listAttachments(tx, actor.agencyId, requestId, 'answer');
        if (existing.length + files.length > maxCount) {
          throw new Invalid('body.files', `К ответу — не больше ${maxCount} файлов`, 'too_many_files');
        }
        const rows = await repo.insertAttachments(
          tx,
          attachmentRows(actor.agencyId, requestId, 'answer', actor.userId, files),
        );
        await fileQuota.enforce(tx, actor.agencyId, 'body.files', 'staff');
        await audit.record(tx, actor, 'request_attachment', requestId, {
          after: { files: rows.map((row) => ({ id: row.id, name: row.originalName, sha256: row.sha256 })) },
        });
        return rows;
      });
      return rows.map(toAttachment);
    },

    /**
     * Takes back a file attached to an answer not yet sent. What the client sent is never deleted
     * (ARCHITECTURE §3), and neither is a file that already went out with an answer.
     */
    async removeAnswerFile(actor: Actor, requestId: string, attachmentId: string) {
      const key = await db.transaction(async (tx) => {
        const request = await repo.lockById(tx, actor.agencyId, requestId);
        const row = request && (await repo.findAttachment(tx, actor.agencyId, requestId, attachmentId));
        if (!request || !row) throw new NotFound('attachment_not_found', 'Файл не найден');
        if (row.kind !== 'answer') {
          throw new Conflict('attachment_kept', 'Файлы заявителя не удаляются');
        }
        if (!OPEN_STATUSES.includes(request.status)) {
          throw new Conflict('attachment_kept', 'Ответ уже отправлен: его файлы не удаляются');
        }
        await repo.deleteAttachment(tx, actor.agencyId, attachmentId);
        await audit.record(tx, actor, 'request_attachment', requestId, {
          before: { id: row.id, name: row.originalName, sha256: row.sha256 },
        });
        return row.storageKey;
      });
      // After commit: a failed transaction must not lose the file its row still points to.
      await store.remove(actor.agencyId, key);
    },

    /** Every file of the requests, for the client's history hand-over (seed 004 p. 4). */
    async filesForExport(agencyId: string, requestIds: string[]) {
      const rows = await repo.listAttachmentsOf(db, agencyId, requestIds);
      return Promise.all(
        rows.map(async (row) => ({
          name: row.originalName,
          bytes: await store.read(agencyId, row.storageKey),
        })),
      );
    },

    /** Retention: the rows go in the purge's transaction, the stored files once it has committed. */
    async purgeForRequests(tx: Executor, agencyId: string, requestIds: string[]) {
      const rows = await repo.deleteAttachmentsOf(tx, agencyId, requestIds);
      return async () => {
        for (const row of rows) await store.remove(agencyId, row.storageKey);
      };
    },

    /** The answer's files as e-mail attachments. */
    /** The answer's files as the outbox attaches them: read from the store when the e-mail leaves. */
    async answerFilesForMail(agencyId: string, requestId: string) {
      const rows = await repo.listAttachments(db, agencyId, requestId, 'answer');
      return rows.map((row) => ({
        filename: row.originalName,
        contentType: row.mimeType,
        storageKey: row.storageKey,
      }));
    },
  };
}

export type AttachmentService = ReturnType<typeof createAttachmentService>;
