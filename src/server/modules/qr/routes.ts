import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { actorOf, requireStaff } from '../../http/session.js';
import { qrPng, qrSvg } from '../../lib/qr.js';
import type { Services } from '../../services.js';
import { posterPdf } from './poster.js';
import { parseQrTarget, qrTargetUrl } from './targets.js';

const QrQuery = Type.Object(
  {
    target: Type.String({ minLength: 1, maxLength: 100 }),
    format: Type.Optional(Type.Enum(['png', 'svg', 'pdf'] as const)),
  },
  { additionalProperties: false },
);

/**
 * QR codes of the agency's own portal pages for staff: SVG on the operator's screen (issue 7 p. 3),
 * PNG for documents and sites, an A4 poster PDF for the hall (issue 8 p. 3). The address comes
 * from PUBLIC_URL and the session's agency, so no one can make a code that leads elsewhere.
 */
export function qrRoutes(fastify: FastifyInstance, { agencies, config }: Services) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/staff/qr',
    {
      preHandler: requireStaff(),
      schema: {
        tags: ['qr'],
        summary: 'QR-код страницы портала ведомства (PNG, SVG) или плакат A4 (PDF)',
        querystring: QrQuery,
        produces: ['image/svg+xml', 'image/png', 'application/pdf'],
      },
    },
    async (request, reply) => {
      const target = parseQrTarget(request.query.target, 'query.target');
      const agency = await agencies.byId(actorOf(request).agencyId);
      const url = qrTargetUrl(config.publicUrl, agency.slug, target);
      reply.header('cache-control', 'private, max-age=300');
      switch (request.query.format ?? 'svg') {
        case 'png':
          return reply.type('image/png').send(await qrPng(url));
        case 'pdf':
          return reply
            .type('application/pdf')
            .header('content-disposition', `attachment; filename="qr-poster-${target.fileName}.pdf"`)
            .send(await posterPdf({ agencyName: agency.name, headline: target.headline, url }));
        default:
          return reply.type('image/svg+xml; charset=utf-8').send(await qrSvg(url));
      }
    },
  );
}
