import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { PageQuery, pageOf, Uuid } from '../../http/schemas.js';
import { actorOf, requireRecentAuth, requireStaff } from '../../http/session.js';
import type { Services } from '../../services.js';
import { CLIENT_EDITORS, CLIENT_READERS } from '../clients/routes.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

const Entry = Type.Object({
  kind: Type.String(),
  at: Type.String(),
  channel: Type.String(),
  status: Nullable(Type.String()),
  title: Type.String(),
  detail: Nullable(Type.String()),
  requestId: Nullable(Uuid),
  requestNumber: Nullable(Type.String()),
  internal: Type.Boolean(),
});

const Purge = Type.Object({
  id: Type.String(),
  at: Type.String(),
  cutoff: Type.String(),
  clientCount: Type.Integer(),
  requestCount: Type.Integer(),
  socialItemCount: Type.Integer(),
});

/** 152-ФЗ subject requests are answered by the agency's administrators, who answer for its personal data. */
export const SUBJECT_EXPORTERS = ['admin'] as const;

export function historyRoutes(
  fastify: FastifyInstance,
  { history, retention, subjectExport, config }: Services,
) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['history'];
  const params = Type.Object({ id: Uuid });

  app.get(
    '/api/staff/clients/:id/timeline',
    {
      preHandler: requireStaff(...CLIENT_READERS),
      schema: { tags, params, querystring: Type.Object(PageQuery), response: { 200: pageOf(Entry) } },
    },
    (request) => history.timeline(actorOf(request), request.params.id, request.query),
  );

  // Seed 004 p. 4: «По запросу клиента ему предоставляется вся история взаимодействия».
  app.post(
    '/api/staff/clients/:id/history-export',
    { preHandler: requireStaff(...CLIENT_EDITORS), schema: { tags, params } },
    async (request, reply) => {
      const { zip, fileName } = await history.exportForStaff(actorOf(request), request.params.id);
      return reply
        .header('content-type', 'application/zip')
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .send(zip);
    },
  );

  // 152-ФЗ ст. 14: the subject's request for everything the agency processes about them.
  app.post(
    '/api/staff/clients/:id/subject-export',
    // Everything about one person in one file: a fresh password first (ASVS 3.7.1).
    {
      preHandler: [requireStaff(...SUBJECT_EXPORTERS), requireRecentAuth(config.reauthWindowMinutes)],
      schema: { tags, params },
    },
    async (request, reply) => {
      const { zip, fileName } = await subjectExport.export(actorOf(request), request.params.id);
      return reply
        .header('content-type', 'application/zip')
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .header('cache-control', 'private, no-store')
        .send(zip);
    },
  );

  app.get(
    '/api/staff/retention/purges',
    {
      preHandler: requireStaff('admin'),
      schema: { tags, querystring: Type.Object(PageQuery), response: { 200: pageOf(Purge) } },
    },
    (request) => retention.log(actorOf(request), request.query),
  );
}
