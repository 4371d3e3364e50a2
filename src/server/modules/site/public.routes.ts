import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import {
  IMAGE_VARIANT_FORMATS,
  type ImageVariantFormat,
  SEARCH_ITEM_KINDS,
  SEARCH_SORTS,
  SITE_SEARCH_MAX_PAGE,
  SITE_SEARCH_MAX_QUERY,
  SITE_SECTION_KINDS,
} from '../../../common/site.js';
import { IsoDate, Uuid } from '../../http/schemas.js';
import type { Services } from '../../services.js';
import { Slug } from '../agencies/routes.js';
import { contentDisposition } from '../requests/attachments.routes.js';
import { IMMUTABLE_CACHE } from './attachments.service.js';

const PartSlug = Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', minLength: 1, maxLength: 100 });
const PageNumber = Type.Integer({ minimum: 1, maximum: SITE_SEARCH_MAX_PAGE, default: 1 });

const SearchResult = Type.Object({
  total: Type.Integer(),
  pages: Type.Integer(),
  page: Type.Integer(),
  items: Type.Array(
    Type.Object({
      kind: Type.Enum([...SEARCH_ITEM_KINDS]),
      title: Type.String(),
      url: Type.String(),
      snippet: Type.String(),
      publishedAt: Type.String(),
    }),
  ),
});

const MenuItem = Type.Object({
  slug: Type.String(),
  title: Type.String(),
  kind: Type.Enum([...SITE_SECTION_KINDS]),
});

const SectionListing = Type.Object({
  section: MenuItem,
  total: Type.Integer(),
  pages: Type.Integer(),
  page: Type.Integer(),
  items: Type.Array(
    Type.Object({
      title: Type.String(),
      summary: Type.String(),
      url: Type.String(),
      publishedAt: Type.String(),
    }),
  ),
});

const Publication = Type.Object({
  id: Uuid,
  title: Type.String(),
  summary: Type.String(),
  html: Type.String(),
  publishedAt: Type.String(),
  updatedAt: Type.String(),
  section: Type.Object({ slug: Type.String(), title: Type.String() }),
  attachments: Type.Array(
    Type.Object({
      id: Uuid,
      fileName: Type.String(),
      contentType: Type.String(),
      size: Type.Integer(),
      altText: Type.Union([Type.String(), Type.Null()]),
      image: Type.Union([
        Type.Object({
          width: Type.Union([Type.Integer(), Type.Null()]),
          height: Type.Union([Type.Integer(), Type.Null()]),
          variants: Type.Array(
            Type.Object({ width: Type.Integer(), format: Type.Enum([...IMAGE_VARIANT_FORMATS]) }),
          ),
        }),
        Type.Null(),
      ]),
    }),
  ),
});

/** A resized copy's file name: its width and format, «960.webp». */
const VariantName = Type.String({ pattern: `^[1-9][0-9]{0,4}\\.(${IMAGE_VARIANT_FORMATS.join('|')})$` });

/** The agency's public site: menu, sections, pages and their files, search, sitemap.xml. */
export function publicSiteRoutes(
  fastify: FastifyInstance,
  { sitePublic, siteAttachments, config }: Services,
) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['site'];
  const rateLimit = { max: config.publicRatePerMinute, timeWindow: '1 minute' };
  // Search runs a full-text query per request: a tighter limit than plain pages.
  const searchRateLimit = {
    max: Math.max(1, Math.floor(config.publicRatePerMinute / 5)),
    timeWindow: '1 minute',
  };

  app.get(
    '/api/public/:agency/site/menu',
    {
      config: { rateLimit },
      schema: { tags, params: Type.Object({ agency: Slug }), response: { 200: Type.Array(MenuItem) } },
    },
    (request) => sitePublic.menu(request.params.agency),
  );

  app.get(
    '/api/public/:agency/site/sections/:section',
    {
      config: { rateLimit },
      schema: {
        tags,
        params: Type.Object({ agency: Slug, section: PartSlug }),
        querystring: Type.Object({ page: PageNumber }, { additionalProperties: false }),
        response: { 200: SectionListing },
      },
    },
    (request) => sitePublic.section(request.params.agency, request.params.section, request.query.page),
  );

  app.get(
    '/api/public/:agency/site/sections/:section/:slug',
    {
      config: { rateLimit },
      schema: {
        tags,
        params: Type.Object({ agency: Slug, section: PartSlug, slug: PartSlug }),
        response: { 200: Publication },
      },
    },
    (request) => sitePublic.publication(request.params.agency, request.params.section, request.params.slug),
  );

  app.get(
    '/api/public/:agency/site/files/:publicationId/:attachmentId',
    {
      config: { rateLimit },
      schema: { tags, params: Type.Object({ agency: Slug, publicationId: Uuid, attachmentId: Uuid }) },
    },
    async (request, reply) => {
      const agencyId = await sitePublic.attachmentAgency(request.params.agency);
      const { row, content } = await siteAttachments.open(
        agencyId,
        request.params.publicationId,
        request.params.attachmentId,
        new Date(),
      );
      return reply
        .header('content-type', row.contentType)
        .header('content-length', row.size)
        .header('content-disposition', contentDisposition(row.fileName))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'public, max-age=300')
        .send(content);
    },
  );

  app.get(
    '/api/public/:agency/site/images/:publicationId/:attachmentId/:variant',
    {
      config: { rateLimit },
      schema: {
        tags,
        params: Type.Object({ agency: Slug, publicationId: Uuid, attachmentId: Uuid, variant: VariantName }),
      },
    },
    async (request, reply) => {
      const { agency, publicationId, attachmentId, variant } = request.params;
      const [width = '', format = ''] = variant.split('.');
      const image = await siteAttachments.openVariant(
        await sitePublic.attachmentAgency(agency),
        { publicationId, attachmentId },
        { width: Number(width), format: format as ImageVariantFormat },
        new Date(),
      );
      return reply
        .header('content-type', image.contentType)
        .header('content-length', image.size)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', image.immutable ? IMMUTABLE_CACHE : 'public, max-age=300')
        .send(image.content);
    },
  );

  app.get(
    '/api/public/:agency/search',
    {
      config: { rateLimit: searchRateLimit },
      schema: {
        tags,
        params: Type.Object({ agency: Slug }),
        querystring: Type.Object(
          {
            q: Type.String({ minLength: 1, maxLength: SITE_SEARCH_MAX_QUERY }),
            page: PageNumber,
            sort: Type.Enum([...SEARCH_SORTS], { default: 'relevance' }),
            section: Type.Optional(PartSlug),
            from: Type.Optional(IsoDate),
            to: Type.Optional(IsoDate),
          },
          { additionalProperties: false },
        ),
        response: { 200: SearchResult },
      },
    },
    (request) => sitePublic.search(request.params.agency, request.query),
  );

  app.get(
    '/:agency/sitemap.xml',
    { config: { rateLimit }, schema: { tags, params: Type.Object({ agency: Slug }) } },
    async (request, reply) => {
      const xml = await sitePublic.sitemap(request.params.agency, config.publicUrl.replace(/\/+$/, ''));
      return reply
        .type('application/xml; charset=utf-8')
        .header('cache-control', 'public, max-age=600')
        .send(xml);
    },
  );
}
