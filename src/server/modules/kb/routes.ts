import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { TEMPLATE_VARIANTS } from '../../../common/kb.js';
import { Uuid } from '../../http/schemas.js';
import { actorOf, requireStaff } from '../../http/session.js';
import type { Services } from '../../services.js';
import { kbArticleRoutes } from './articles.routes.js';
import { kbAttachmentRoutes } from './attachments.routes.js';
import { KB_READERS } from './permissions.js';
import { kbSectionRoutes } from './sections.routes.js';
import { kbVersionRoutes } from './versions.routes.js';

const Variant = Type.Enum(TEMPLATE_VARIANTS);
const Rendered = Type.Object({ text: Type.String(), unknown: Type.Array(Type.String()) });

/** The knowledge base: sections, articles with versions and files, and answer templates in use. */
export function kbRoutes(fastify: FastifyInstance, services: Services) {
  kbSectionRoutes(fastify, services);
  kbArticleRoutes(fastify, services);
  kbVersionRoutes(fastify, services);
  kbAttachmentRoutes(fastify, services);
  kbTemplateRoutes(fastify, services);
}

function kbTemplateRoutes(fastify: FastifyInstance, { kb }: Services) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['kb'];
  const reader = requireStaff(...KB_READERS);

  app.get(
    '/api/staff/kb/templates',
    {
      preHandler: reader,
      schema: {
        tags,
        response: {
          200: Type.Array(
            Type.Object({
              id: Uuid,
              title: Type.String(),
              departmentId: Type.Union([Uuid, Type.Null()]),
              hasShortBody: Type.Boolean(),
              starter: Type.Boolean(),
            }),
          ),
        },
      },
    },
    (request) => kb.list(actorOf(request)),
  );

  app.post(
    '/api/staff/kb/templates/preview',
    {
      preHandler: reader,
      schema: {
        tags,
        body: Type.Object(
          {
            requestNumber: Type.String({ minLength: 1, maxLength: 40 }),
            body: Type.String({ maxLength: 20_000 }),
            shortBody: Type.Union([Type.String({ maxLength: 5_000 }), Type.Null()]),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            request: Type.Object({ id: Uuid, number: Type.String(), channel: Type.String() }),
            chosen: Variant,
            formal: Rendered,
            short: Rendered,
          }),
        },
      },
    },
    (request) => kb.preview(actorOf(request), request.body),
  );

  app.get(
    '/api/staff/requests/:id/templates/:templateId/render',
    {
      preHandler: reader,
      schema: {
        tags,
        params: Type.Object({ id: Uuid, templateId: Uuid }),
        querystring: Type.Object({ variant: Type.Optional(Variant) }),
        response: { 200: Type.Object({ ...Rendered.properties, variant: Variant }) },
      },
    },
    (request) =>
      kb.render(actorOf(request), request.params.id, request.params.templateId, request.query.variant),
  );
}
