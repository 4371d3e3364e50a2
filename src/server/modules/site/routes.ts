import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { MAX_REVIEW_INTERVAL_DAYS } from '../../../common/kb.js';
import { NonEmpty, Uuid } from '../../http/schemas.js';
import { actorOf, requireStaff } from '../../http/session.js';
import { readUploads, removeUploads } from '../../http/uploads.js';
import { Invalid } from '../../lib/errors.js';
import type { Services } from '../../services.js';
import { contentDisposition } from '../requests/attachments.routes.js';
import { imageOf } from './attachments.service.js';
import type { AttachmentRow, PublicationRow } from './repo.js';

/** Who edits the site: administrators and the press service's site editors. */
export const SITE_EDITORS = ['admin', 'site_editor'] as const;
/** Who sees the accuracy overview: the editors and the heads it escalates to. */
export const SITE_OVERSEERS = ['admin', 'site_editor', 'head'] as const;

const ReviewFields = {
  responsibleUserId: Type.Union([Uuid, Type.Null()]),
  reviewIntervalDays: Type.Integer({ minimum: 1, maximum: MAX_REVIEW_INTERVAL_DAYS }),
};

const PublicationBody = Type.Object(
  {
    sectionId: Uuid,
    title: NonEmpty(300),
    summary: Type.String({ maxLength: 1000, default: '' }),
    body: Type.String({ maxLength: 500_000 }),
    slug: Type.Optional(Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 80 })),
    disclosureItem: Type.Union([Type.String({ maxLength: 10 }), Type.Null()], { default: null }),
    responsibleUserId: Type.Union([Uuid, Type.Null()], { default: null }),
    reviewIntervalDays: Type.Integer({ minimum: 1, maximum: MAX_REVIEW_INTERVAL_DAYS, default: 90 }),
  },
  { additionalProperties: false },
);

/** An uploaded file as the editor sees it: no storage keys, an image's copies by size and format. */
const attachmentView = (row: AttachmentRow) => {
  const { text: _text, storageKey: _key, variants: _copies, width: _width, height: _height, ...file } = row;
  return { ...file, image: imageOf(row) };
};

/** A publication as the editor sees it: the derived search columns and storage keys stay in the database. */
const view = <T extends PublicationRow & { attachments?: AttachmentRow[] }>({
  search: _search,
  searchText: _text,
  ...row
}: T) => ({
  ...row,
  ...(row.attachments ? { attachments: row.attachments.map(attachmentView) } : {}),
  state: row.status === 'published' && row.publishAt && row.publishAt > new Date() ? 'scheduled' : row.status,
});

export function siteRoutes(fastify: FastifyInstance, services: Services) {
  const { site, siteAttachments, siteReviewSweep, attachmentStore: store, config } = services;
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['site'];
  const editors = requireStaff(...SITE_EDITORS);
  const params = Type.Object({ id: Uuid });
  const limits = { maxBytes: config.attachmentMaxBytes, maxCount: config.attachmentMaxCount };

  app.get('/api/staff/site/sections', { preHandler: editors, schema: { tags } }, (request) =>
    site.sections(actorOf(request)),
  );
  app.patch(
    '/api/staff/site/sections/:id',
    {
      preHandler: editors,
      schema: { tags, params, body: Type.Object(ReviewFields, { additionalProperties: false }) },
    },
    (request) => site.updateSection(actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/staff/site/sections/:id/checked',
    { preHandler: requireStaff(...SITE_OVERSEERS), schema: { tags, params } },
    (request) => site.checkSection(actorOf(request), request.params.id),
  );

  app.get(
    '/api/staff/site/publications',
    {
      preHandler: editors,
      schema: {
        tags,
        querystring: Type.Object({ sectionId: Type.Optional(Uuid) }, { additionalProperties: false }),
      },
    },
    async (request) => (await site.list(actorOf(request), request.query.sectionId)).map(view),
  );
  app.get(
    '/api/staff/site/publications/:id',
    { preHandler: editors, schema: { tags, params } },
    async (request) => view(await site.get(actorOf(request), request.params.id)),
  );
  app.post(
    '/api/staff/site/publications',
    { preHandler: editors, schema: { tags, body: PublicationBody } },
    async (request, reply) => reply.status(201).send(view(await site.create(actorOf(request), request.body))),
  );
  app.put(
    '/api/staff/site/publications/:id',
    { preHandler: editors, schema: { tags, params, body: PublicationBody } },
    async (request) => view(await site.update(actorOf(request), request.params.id, request.body)),
  );
  app.post(
    '/api/staff/site/publications/:id/publish',
    {
      preHandler: editors,
      schema: {
        tags,
        params,
        body: Type.Object(
          { publishAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { default: null }) },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const { publishAt } = request.body;
      return view(
        await site.publish(actorOf(request), request.params.id, publishAt ? new Date(publishAt) : null),
      );
    },
  );
  app.post(
    '/api/staff/site/publications/:id/unpublish',
    { preHandler: editors, schema: { tags, params } },
    async (r) => view(await site.unpublish(actorOf(r), r.params.id)),
  );
  app.post(
    '/api/staff/site/publications/:id/archive',
    { preHandler: editors, schema: { tags, params } },
    async (r) => view(await site.archive(actorOf(r), r.params.id)),
  );
  app.post(
    '/api/staff/site/publications/:id/checked',
    { preHandler: requireStaff(...SITE_OVERSEERS), schema: { tags, params } },
    async (request) =>
      view((await site.checkPublication(actorOf(request), request.params.id)) as PublicationRow),
  );

  app.get('/api/staff/site/disclosure', { preHandler: editors, schema: { tags } }, (request) =>
    site.disclosureChecklist(actorOf(request)),
  );
  app.get(
    '/api/staff/site/freshness',
    { preHandler: requireStaff(...SITE_OVERSEERS), schema: { tags } },
    (request) => siteReviewSweep.overview(actorOf(request)),
  );

  const fileParams = Type.Object({ id: Uuid, attachmentId: Uuid });
  app.post(
    '/api/staff/site/publications/:id/attachments',
    {
      preHandler: editors,
      bodyLimit: config.attachmentMaxBytes * config.attachmentMaxCount + config.bodyLimitBytes,
      schema: { tags, consumes: ['multipart/form-data'], params },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      if (!request.isMultipart())
        throw new Invalid('body.files', 'Файлы отправляются формой multipart/form-data');
      await siteAttachments.ensureEditable(actor, request.params.id);
      const { files } = await readUploads(request, store, actor.agencyId, limits);
      if (files.length === 0) throw new Invalid('body.files', 'Выберите хотя бы один файл');
      try {
        const rows = await siteAttachments.add(actor, request.params.id, files);
        return reply.status(201).send(rows.map(attachmentView));
      } catch (error) {
        await removeUploads(store, actor.agencyId, files);
        throw error;
      }
    },
  );
  app.get(
    '/api/staff/site/publications/:id/attachments/:attachmentId',
    { preHandler: editors, schema: { tags, params: fileParams } },
    async (request, reply) => {
      const actor = actorOf(request);
      const { row, content } = await siteAttachments.open(
        actor.agencyId,
        request.params.id,
        request.params.attachmentId,
      );
      return reply
        .header('content-type', row.contentType)
        .header('content-disposition', contentDisposition(row.fileName))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(content);
    },
  );
  app.delete(
    '/api/staff/site/publications/:id/attachments/:attachmentId',
    { preHandler: editors, schema: { tags, params: fileParams } },
    async (request, reply) => {
      await siteAttachments.remove(actorOf(request), request.params.id, request.params.attachmentId);
      return reply.status(204).send();
    },
  );
}
