import { Readable } from 'node:stream';
import { type ImageVariantFormat, SITE_MAX_ATTACHMENTS, type SiteImage } from '../../../common/site.js';
import type { Db, Executor } from '../../db/client.js';
import type { Upload } from '../../http/uploads.js';
import type { Actor } from '../../lib/actor.js';
import type { AttachmentStore } from '../../lib/attachment-store.js';
import { Invalid, NotFound } from '../../lib/errors.js';
import type { FileQuota } from '../agencies/file-quota.js';
import type { AuditService } from '../audit/service.js';
import { safeFileName } from '../kb/attachments.service.js';
import { plainAltText } from './alt-text.js';
import { documentText } from './document-text.js';
import { BROWSER_IMAGE_TYPES, checkImageName, isImage, resizedVariants } from './images.js';
import * as repo from './repo.js';
import type { StoredImageVariant } from './schema.js';
import { publicationNotFound, searchTextOf } from './service.js';

const attachmentNotFound = () => new NotFound('attachment_not_found', 'Файл не найден');

/** What the portal needs to show an image attachment; null for a document. */
export function imageOf(row: repo.AttachmentRow): SiteImage | null {
  if (!isImage(row.contentType)) return null;
  return {
    width: row.width,
    height: row.height,
    variants: row.variants.map(({ width, format }) => ({ width, format })),
  };
}

/** A variant's content goes out for a year: an attachment never changes, a new upload is a new id. */
export const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';

/**
 * Files of a publication (issue 10 p. 1). Their text is extracted on upload and kept with the
 * publication's search text, so a visitor finds an order by a word inside its PDF.
 */
export function createSiteAttachmentService(deps: {
  db: Db;
  store: AttachmentStore;
  audit: AuditService;
  fileQuota: FileQuota;
}) {
  const { db, store, audit, fileQuota } = deps;

  async function refreshSearchText(tx: Executor, agencyId: string, id: string) {
    const publication = await repo.findPublication(tx, agencyId, id);
    if (!publication) throw publicationNotFound();
    const texts = (await repo.listAttachments(tx, agencyId, id)).map((a) => a.text);
    await repo.updatePublication(tx, agencyId, id, { searchText: searchTextOf(publication.body, texts) });
  }

  /**
   * Makes and stores an image's copies. Each is also pushed to `stored` as soon as it exists, so
   * a later failure (another file refused, the transaction) removes every copy written.
   */
  async function storeResized(agencyId: string, file: Upload, content: Buffer, stored: StoredImageVariant[]) {
    const variants: StoredImageVariant[] = [];
    for (const copy of await resizedVariants(file.name, file.mimeType, content)) {
      const blob = await store.write(agencyId, Readable.from(copy.content));
      const variant = {
        width: copy.width,
        height: copy.height,
        format: copy.format,
        key: blob.key,
        size: blob.size,
      };
      stored.push(variant);
      variants.push(variant);
    }
    // The largest copy's size gives the page the image's proportions before it loads.
    const largest = variants.at(-1);
    return { width: largest?.width ?? null, height: largest?.height ?? null, variants };
  }

  type Prepared = Upload & {
    text: string;
    image: { width: number | null; height: number | null; variants: StoredImageVariant[] } | null;
  };

  function insert(actor: Actor, publicationId: string, files: Prepared[]) {
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
        files.map((file) => ({
          agencyId: actor.agencyId,
          publicationId,
          fileName: file.name,
          contentType: file.mimeType,
          size: file.size,
          storageKey: file.key,
          text: file.text,
          width: file.image?.width ?? null,
          height: file.image?.height ?? null,
          variants: file.image?.variants ?? [],
        })),
      );
      await fileQuota.enforce(tx, actor.agencyId, 'body.files', 'staff');
      await refreshSearchText(tx, actor.agencyId, publicationId);
      await audit.record(tx, actor, 'site_attachment', publicationId, {
        after: { files: rows.map((row) => ({ id: row.id, name: row.fileName })) },
      });
      return rows;
    });
  }

  async function findAttachment(
    agencyId: string,
    publicationId: string,
    attachmentId: string,
    visibleAt?: Date,
  ) {
    const publication = visibleAt
      ? await repo.findVisibleById(db, agencyId, publicationId, visibleAt)
      : await repo.findPublication(db, agencyId, publicationId);
    const row = publication
      ? (await repo.listAttachments(db, agencyId, publicationId)).find((a) => a.id === attachmentId)
      : undefined;
    if (!row) throw attachmentNotFound();
    return row;
  }

  return {
    async ensureEditable(actor: Actor, publicationId: string) {
      if (!(await repo.findPublication(db, actor.agencyId, publicationId))) throw publicationNotFound();
    },

    async add(actor: Actor, publicationId: string, files: Upload[]) {
      const named = files.map((file) => ({ ...file, name: safeFileName(file.name) }));
      for (const file of named) checkImageName(file.name, file.mimeType);
      // Text extraction and resizing read the files before the transaction: PGlite has one connection.
      const copies: StoredImageVariant[] = [];
      try {
        const extracted: Prepared[] = [];
        for (const file of named) {
          const content = await store.read(actor.agencyId, file.key);
          const image = isImage(file.mimeType)
            ? await storeResized(actor.agencyId, file, content, copies)
            : null;
          extracted.push({ ...file, image, text: await documentText(file.mimeType, content) });
        }
        return await insert(actor, publicationId, extracted);
      } catch (error) {
        await Promise.all(copies.map((copy) => store.remove(actor.agencyId, copy.key)));
        throw error;
      }
    },

    /**
     * The image's text alternative for screen readers and for the site with images off (ГОСТ Р
     * 52872-2019, WCAG 1.1.1); blank clears it, and the portal shows the file name again.
     */
    async setAltText(actor: Actor, publicationId: string, attachmentId: string, raw: string) {
      const altText = plainAltText(raw);
      if (altText === null && raw.trim() !== '') {
        throw new Invalid(
          'body.altText',
          'Описание должно содержать текст, а не только разметку',
          'alt_text_empty',
        );
      }
      return db.transaction(async (tx) => {
        const before = (await repo.listAttachments(tx, actor.agencyId, publicationId)).find(
          (a) => a.id === attachmentId,
        );
        if (!before) throw attachmentNotFound();
        if (!isImage(before.contentType)) {
          throw new Invalid('body.altText', 'Описание задаётся только для изображений', 'not_an_image');
        }
        const row = await repo.setAttachmentAltText(tx, actor.agencyId, publicationId, attachmentId, altText);
        await audit.record(tx, actor, 'site_attachment', publicationId, {
          before: { id: before.id, name: before.fileName, altText: before.altText },
          after: { id: before.id, name: before.fileName, altText },
        });
        return row as repo.AttachmentRow;
      });
    },

    async remove(actor: Actor, publicationId: string, attachmentId: string) {
      const keys = await db.transaction(async (tx) => {
        const row = await repo.deleteAttachment(tx, actor.agencyId, publicationId, attachmentId);
        if (!row) throw attachmentNotFound();
        await refreshSearchText(tx, actor.agencyId, publicationId);
        await audit.record(tx, actor, 'site_attachment', publicationId, {
          before: { id: row.id, name: row.fileName },
        });
        return [row.storageKey, ...row.variants.map((variant) => variant.key)];
      });
      // After commit: a rolled-back delete must still find its files.
      await Promise.all(keys.map((key) => store.remove(actor.agencyId, key)));
    },

    /** A file of a publication of the agency, for staff or (when `visibleAt` is given) a visitor. */
    async open(agencyId: string, publicationId: string, attachmentId: string, visibleAt?: Date) {
      const row = await findAttachment(agencyId, publicationId, attachmentId, visibleAt);
      return { row, content: store.open(agencyId, row.storageKey) };
    },

    /**
     * A resized copy of a visible publication's image. An image uploaded before copies were made
     * has none: the original stands in for every copy, and is not cached for long.
     */
    async openVariant(
      agencyId: string,
      ids: { publicationId: string; attachmentId: string },
      wanted: { width: number; format: ImageVariantFormat },
      visibleAt: Date,
    ) {
      const row = await findAttachment(agencyId, ids.publicationId, ids.attachmentId, visibleAt);
      const variant = row.variants.find((v) => v.width === wanted.width && v.format === wanted.format);
      if (variant) {
        const content = store.open(agencyId, variant.key);
        return { contentType: `image/${variant.format}`, size: variant.size, content, immutable: true };
      }
      if (row.variants.length === 0 && BROWSER_IMAGE_TYPES.includes(row.contentType)) {
        const content = store.open(agencyId, row.storageKey);
        return { contentType: row.contentType, size: row.size, content, immutable: false };
      }
      throw attachmentNotFound();
    },
  };
}

export type SiteAttachmentService = ReturnType<typeof createSiteAttachmentService>;
