import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { MAX_REVIEW_INTERVAL_DAYS } from '../../../common/kb.js';
import { PUBLICATION_SORTS, PUBLICATION_STATES, SITE_IMAGE_ALT_MAX } from '../../../common/site.js';
import { NonEmpty, PageQuery, Uuid } from '../../http/schemas.js';
import { actorOf, requireStaff } from '../../http/session.js';
import { readUploads, removeUploads } from '../../http/uploads.js';
import { Invalid } from '../../lib/errors.js';
import type { Services } from '../../services.js';
import { contentDisposition } from '../requests/attachments.routes.js';
import {
  DisclosureChecklist,
  FreshnessOverview,
  PublicationListPage,
  Responsible,
  SiteFile,
  SitePublication,
  SiteSection,
} from './responses.js';
import { toListItem, toSiteFile, toSitePublication, toSiteSection } from './views.js';

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

const ListQuery = Type.Object(
  {
    sectionId: Type.Optional(Uuid),
    state: Type.Optional(Type.Enum(PUBLICATION_STATES)),
    q: Type.Optional(Type.String({ maxLength: 200 })),
    stale: Type.Optional(Type.Boolean()),
    sort: Type.Optional(Type.Enum(PUBLICATION_SORTS)),
    order: Type.Optional(Type.Enum(['asc', 'desc'] as const)),
    ...PageQuery,
  },
  { additionalProperties: false },
);

const publication = { 200: SitePublication };
const section = { 200: SiteSection };

export function siteRoutes(fastify: FastifyInstance, services: Services) {
  const { site, siteAttachments, siteReviewSweep, attachmentStore: store, config } = services;
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['site'];
  const editors = requireStaff(...SITE_EDITORS);
  const params = Type.Object({ id: Uuid });
  const limits = { maxBytes: config.attachmentMaxBytes, maxCount: config.attachmentMaxCount };

  app.get(
    '/api/staff/site/sections',
    { preHandler: editors, schema: { tags, response: { 200: Type.Array(SiteSection) } } },
    async (request) => (await site.sections(actorOf(request))).map(toSiteSection),
  );
  app.get(
    '/api/staff/site/responsibles',
    { preHandler: editors, schema: { tags, response: { 200: Type.Array(Responsible) } } },
    (request) => site.responsibles(actorOf(request)),
  );
  app.patch(
    '/api/staff/site/sections/:id',
    {
      preHandler: editors,
      schema: {
        tags,
        params,
        body: Type.Object(ReviewFields, { additionalProperties: false }),
        response: section,
      },
    },
    async (request) =>
      toSiteSection(await site.updateSection(actorOf(request), request.params.id, request.body)),
  );
  app.post(
    '/api/staff/site/sections/:id/checked',
    { preHandler: requireStaff(...SITE_OVERSEERS), schema: { tags, params, response: section } },
    async (request) => toSiteSection(await site.checkSection(actorOf(request), request.params.id)),
  );

  app.get(
    '/api/staff/site/publications',
    {
      preHandler: editors,
      schema: { tags, querystring: ListQuery, response: { 200: PublicationListPage } },
    },
    async (request) => {
      const query = { ...request.query, q: request.query.q?.trim() || undefined };
      const page = await site.list(actorOf(request), query);
      return { ...page, items: page.items.map(toListItem) };
    },
  );
  app.get(
    '/api/staff/site/publications/:id',
    { preHandler: editors, schema: { tags, params, response: publication } },
    async (request) => toSitePublication(await site.get(actorOf(request), request.params.id)),
  );
  app.post(
    '/api/staff/site/publications',
    { preHandler: editors, schema: { tags, body: PublicationBody, response: { 201: SitePublication } } },
    async (request, reply) =>
      reply.status(201).send(toSitePublication(await site.create(actorOf(request), request.body))),
  );
  app.put(
    '/api/staff/site/publications/:id',
    { preHandler: editors, schema: { tags, params, body: PublicationBody, response: publication } },
    async (request) =>
      toSitePublication(await site.update(actorOf(request), request.params.id, request.body)),
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
        response: publication,
      },
    },
    async (request) => {
      const { publishAt } = request.body;
      return toSitePublication(
        await site.publish(actorOf(request), request.params.id, publishAt ? new Date(publishAt) : null),
      );
    },
  );
  app.post(
    '/api/staff/site/publications/:id/unpublish',
    { preHandler: editors, schema: { tags, params, response: publication } },
    async (r) => toSitePublication(await site.unpublish(actorOf(r), r.params.id)),
  );
  app.post(
    '/api/staff/site/publications/:id/archive',
    { preHandler: editors, schema: { tags, params, response: publication } },
    async (r) => toSitePublication(await site.archive(actorOf(r), r.params.id)),
  );
  app.post(
    '/api/staff/site/publications/:id/checked',
    { preHandler: requireStaff(...SITE_OVERSEERS), schema: { tags, params, response: publication } },
    async (request) => toSitePublication(await site.checkPublication(actorOf(request), request.params.id)),
  );

  app.get(
    '/api/staff/site/disclosure',
    { preHandler: editors, schema: { tags, response: { 200: DisclosureChecklist } } },
    (request) => site.disclosureChecklist(actorOf(request)),
  );
  app.get(
    '/api/staff/site/freshness',
    { preHandler: requireStaff(...SITE_OVERSEERS), schema: { tags, response: { 200: FreshnessOverview } } },
    (request) => siteReviewSweep.overview(actorOf(request)),
  );

  const fileParams = Type.Object({ id: Uuid, attachmentId: Uuid });
  app.post(
    '/api/staff/site/publications/:id/attachments',
    {
      preHandler: editors,
      bodyLimit: config.attachmentMaxBytes * config.attachmentMaxCount + config.bodyLimitBytes,
      schema: {
        tags,
        consumes: ['multipart/form-data'],
        params,
        response: { 201: Type.Array(SiteFile) },
      },
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
        return reply.status(201).send(rows.map(toSiteFile));
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
  app.patch(
    '/api/staff/site/publications/:id/attachments/:attachmentId',
    {
      preHandler: editors,
      schema: {
        tags,
        params: fileParams,
        body: Type.Object(
          { altText: Type.String({ maxLength: SITE_IMAGE_ALT_MAX }) },
          { additionalProperties: false },
        ),
        response: { 200: SiteFile },
      },
    },
    async (request) =>
      toSiteFile(
        await siteAttachments.setAltText(
          actorOf(request),
          request.params.id,
          request.params.attachmentId,
          request.body.altText,
        ),
      ),
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
