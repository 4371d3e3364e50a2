import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { actorOf, requireRegionAdmin, requireStaff } from '../../http/session.js';
import type { Services } from '../../services.js';
import { Slug } from './routes.js';
import { agencyNotFound } from './service.js';

const FileStorage = Type.Object({
  usedBytes: Type.Integer(),
  quotaBytes: Type.Integer(),
  ownQuotaMb: Type.Union([Type.Integer(), Type.Null()]),
  defaultQuotaMb: Type.Integer(),
});

/** ASVS 12.1.3: staff see how full the agency's file storage is; the region administrator sets its quota. */
export function fileQuotaRoutes(fastify: FastifyInstance, { fileQuota, agencies }: Services) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['agency'];

  app.get(
    '/api/staff/agency/file-storage',
    { preHandler: requireStaff(), schema: { tags, response: { 200: FileStorage } } },
    (request) => fileQuota.storage(actorOf(request).agencyId),
  );

  app.put(
    '/api/staff/region/agencies/:slug/file-quota',
    {
      preHandler: requireRegionAdmin(),
      schema: {
        tags,
        params: Type.Object({ slug: Slug }),
        body: Type.Object(
          // Null returns the agency to AGENCY_FILE_QUOTA_MB.
          { quotaMb: Type.Union([Type.Integer({ minimum: 1, maximum: 10_485_760 }), Type.Null()]) },
          { additionalProperties: false },
        ),
        response: { 200: FileStorage },
      },
    },
    async (request) => {
      const agency = await agencies.findBySlug(request.params.slug);
      if (!agency) throw agencyNotFound();
      const userId = request.session?.info.user.id ?? '';
      return fileQuota.setQuota({ userId }, agency.id, request.body.quotaMb);
    },
  );
}
