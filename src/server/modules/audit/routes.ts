import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { PageQuery, pageOf, Uuid } from '../../http/schemas.js';
import { actorOf, requireStaff } from '../../http/session.js';
import type { Services } from '../../services.js';

const AuditEntry = Type.Object({
  id: Type.String(),
  at: Type.String(),
  actor: Type.Union([Type.Object({ id: Uuid, name: Type.String(), email: Type.String() }), Type.Null()]),
  action: Type.String(),
  entity: Type.String(),
  entityId: Type.String(),
  before: Type.Unknown(),
  after: Type.Unknown(),
});

export function auditRoutes(fastify: FastifyInstance, { audit }: Services) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/staff/audit',
    {
      preHandler: requireStaff('admin'),
      schema: {
        tags: ['audit'],
        querystring: Type.Object({
          entity: Type.Optional(Type.String({ maxLength: 50 })),
          action: Type.Optional(
            Type.Union([Type.Literal('create'), Type.Literal('update'), Type.Literal('delete')]),
          ),
          actorId: Type.Optional(Uuid),
          from: Type.Optional(Type.String({ format: 'date-time' })),
          to: Type.Optional(Type.String({ format: 'date-time' })),
          ...PageQuery,
        }),
        response: { 200: pageOf(AuditEntry) },
      },
    },
    (request) => {
      const { from, to, ...rest } = request.query;
      return audit.list(actorOf(request).agencyId, {
        ...rest,
        from: from ? new Date(from) : undefined,
        to: to ? new Date(to) : undefined,
      });
    },
  );
}
