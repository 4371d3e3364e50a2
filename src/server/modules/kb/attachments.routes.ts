import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { Uuid } from '../../http/schemas.js';
import { actorOf, requireStaff } from '../../http/session.js';
import { readUploads, removeUploads } from '../../http/uploads.js';
import { Invalid } from '../../lib/errors.js';
import type { Services } from '../../services.js';
import { contentDisposition } from '../requests/attachments.routes.js';
import { KbAttachment } from './articles.routes.js';
import { KB_READERS } from './permissions.js';

export function kbAttachmentRoutes(
  fastify: FastifyInstance,
  { kbAttachments, attachmentStore: store, config }: Services,
) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['kb'];
  // The same limits and type checks as for the files of a request.
  const limits = { maxBytes: config.attachmentMaxBytes, maxCount: config.attachmentMaxCount };
  const fileParams = Type.Object({ id: Uuid, attachmentId: Uuid });

  app.get(
    '/api/staff/kb/articles/:id/attachments/:attachmentId',
    { preHandler: requireStaff(...KB_READERS), schema: { tags, params: fileParams } },
    async (request, reply) => {
      const { row, content } = await kbAttachments.open(
        actorOf(request),
        request.params.id,
        request.params.attachmentId,
      );
      return reply
        .header('content-type', row.contentType)
        .header('content-length', row.size)
        .header('content-disposition', contentDisposition(row.fileName))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(content);
    },
  );

  app.post(
    '/api/staff/kb/articles/:id/attachments',
    {
      preHandler: requireStaff(...KB_READERS),
      bodyLimit: config.attachmentMaxBytes * config.attachmentMaxCount + config.bodyLimitBytes,
      schema: {
        tags,
        consumes: ['multipart/form-data'],
        params: Type.Object({ id: Uuid }),
        response: { 201: Type.Array(KbAttachment) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      if (!request.isMultipart()) {
        throw new Invalid('body.files', 'Файлы отправляются формой multipart/form-data');
      }
      await kbAttachments.ensureEditable(actor, request.params.id);
      const { files } = await readUploads(request, store, actor.agencyId, limits);
      if (files.length === 0) throw new Invalid('body.files', 'Выберите хотя бы один файл');
      try {
        return reply.status(201).send(await kbAttachments.add(actor, request.params.id, files));
      } catch (error) {
        await removeUploads(store, actor.agencyId, files);
        throw error;
      }
    },
  );

  app.delete(
    '/api/staff/kb/articles/:id/attachments/:attachmentId',
    { preHandler: requireStaff(...KB_READERS), schema: { tags, params: fileParams } },
    async (request, reply) => {
      await kbAttachments.remove(actorOf(request), request.params.id, request.params.attachmentId);
      return reply.status(204).send();
    },
  );
}
