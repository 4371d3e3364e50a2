import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { Uuid } from '../../http/schemas.js';
import { actorOf, requireStaff } from '../../http/session.js';
import { readUploads, removeUploads } from '../../http/uploads.js';
import { Invalid } from '../../lib/errors.js';
import type { Services } from '../../services.js';
import { Attachment } from './staff.routes.js';

const READERS = ['admin', 'head', 'operator', 'analyst', 'call_operator', 'receptionist'] as const;
const WRITERS = ['admin', 'head', 'operator'] as const;

/** RFC 6266 / RFC 5987: the original (Cyrillic) name survives, and no quote can break the header. */
export const contentDisposition = (name: string) =>
  `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

export function attachmentRoutes(
  fastify: FastifyInstance,
  { requestAttachments: attachments, attachmentStore: store, config }: Services,
) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['requests'];
  const limits = { maxBytes: config.attachmentMaxBytes, maxCount: config.attachmentMaxCount };

  app.get(
    '/api/staff/requests/:id/attachments/:attachmentId',
    {
      preHandler: requireStaff(...READERS),
      schema: { tags, params: Type.Object({ id: Uuid, attachmentId: Uuid }) },
    },
    async (request, reply) => {
      const { row, content } = await attachments.open(
        actorOf(request),
        request.params.id,
        request.params.attachmentId,
      );
      return reply
        .header('content-type', row.mimeType)
        .header('content-length', row.size)
        .header('content-disposition', contentDisposition(row.originalName))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(content);
    },
  );

  app.post(
    '/api/staff/requests/:id/attachments',
    {
      preHandler: requireStaff(...WRITERS),
      bodyLimit: config.attachmentMaxBytes * config.attachmentMaxCount + config.bodyLimitBytes,
      schema: {
        tags,
        consumes: ['multipart/form-data'],
        params: Type.Object({ id: Uuid }),
        response: { 201: Type.Array(Attachment) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      if (!request.isMultipart())
        throw new Invalid('body.files', 'Файлы отправляются формой multipart/form-data');
      await attachments.ensureRequest(actor, request.params.id);
      const { files } = await readUploads(request, store, actor.agencyId, limits);
      if (files.length === 0) throw new Invalid('body.files', 'Выберите хотя бы один файл');
      try {
        return reply.status(201).send(await attachments.addAnswerFiles(actor, request.params.id, files));
      } catch (error) {
        await removeUploads(store, actor.agencyId, files);
        throw error;
      }
    },
  );

  app.delete(
    '/api/staff/requests/:id/attachments/:attachmentId',
    {
      preHandler: requireStaff(...WRITERS),
      schema: { tags, params: Type.Object({ id: Uuid, attachmentId: Uuid }) },
    },
    async (request, reply) => {
      await attachments.removeAnswerFile(actorOf(request), request.params.id, request.params.attachmentId);
      return reply.status(204).send();
    },
  );
}
