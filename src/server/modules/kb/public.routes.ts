import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { PUBLISHABLE_KINDS } from '../../../common/kb.js';
import { Uuid } from '../../http/schemas.js';
import type { Services } from '../../services.js';
import { Slug } from '../agencies/routes.js';

const PublishedArticle = Type.Object({
  id: Uuid,
  kind: Type.Enum([...PUBLISHABLE_KINDS]),
  title: Type.String(),
  html: Type.String(),
  updatedAt: Type.String(),
});

export function publicKbRoutes(fastify: FastifyInstance, { kbPublication, config }: Services) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/public/:agency/kb',
    {
      config: { rateLimit: { max: config.publicRatePerMinute, timeWindow: '1 minute' } },
      schema: {
        tags: ['kb'],
        params: Type.Object({ agency: Slug }),
        response: { 200: Type.Array(PublishedArticle) },
      },
    },
    (request) => kbPublication.published(request.params.agency),
  );
}
