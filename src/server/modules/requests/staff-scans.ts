import type { FastifyRequest } from 'fastify';
import { readUploads, removeUploads, type Upload } from '../../http/uploads.js';
import type { Actor } from '../../lib/actor.js';
import { Invalid } from '../../lib/errors.js';
import type { Services } from '../../services.js';
import { formBody } from './public.routes.js';

// A paper letter arrives as scanned pages: PDF or images, nothing else.
const SCAN_TYPES = new Set(['application/pdf', 'image/jpeg', 'image/png']);
const BOOLEANS = new Set(['notifyByEmail', 'urgent']);

/**
 * The multipart form of a staff registration (a letter with its scans): the fields become the
 * JSON body, the scans go to the store; unless the request that came with them was created,
 * they are removed before the answer leaves (`dropUnkept`).
 */
export function staffScans({ attachmentStore: store, config }: Services) {
  const pending = new WeakMap<FastifyRequest, { agencyId: string; files: Upload[]; kept: boolean }>();
  const limits = { maxBytes: config.attachmentMaxBytes, maxCount: config.attachmentMaxCount };

  return {
    bodyLimit: config.attachmentMaxBytes * config.attachmentMaxCount + config.bodyLimitBytes,

    async readForm(request: FastifyRequest, actor: Actor) {
      if (!request.isMultipart()) return;
      const { fields, files } = await readUploads(request, store, actor.agencyId, limits);
      pending.set(request, { agencyId: actor.agencyId, files, kept: false });
      const refused = files.find((file) => !SCAN_TYPES.has(file.mimeType));
      if (refused) {
        throw new Invalid(
          'body.files',
          `Файл «${refused.name}»: сканы принимаются в PDF, JPEG или PNG`,
          'file_type_not_allowed',
        );
      }
      // An empty input of the form means «not given», as an absent key in JSON.
      request.body = formBody(
        Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== '')),
        BOOLEANS,
      );
    },

    filesOf: (request: FastifyRequest) => pending.get(request)?.files ?? [],

    keep(request: FastifyRequest, created: boolean) {
      const upload = pending.get(request);
      if (upload) upload.kept = created;
    },

    async dropUnkept(request: FastifyRequest) {
      const upload = pending.get(request);
      if (upload && !upload.kept) await removeUploads(store, upload.agencyId, upload.files);
    },
  };
}
