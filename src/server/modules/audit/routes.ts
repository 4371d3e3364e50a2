import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { AUTH_EVENT_KINDS } from '../../../common/auth-events.js';
import { IsoDate, PageQuery, pageOf, Uuid } from '../../http/schemas.js';
import { actorOf, requireStaff } from '../../http/session.js';
import { endOfLocalDay, startOfLocalDay } from '../../lib/calendar.js';
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

const AuthEventEntry = Type.Object({
  id: Type.String(),
  at: Type.String(),
  kind: Type.Enum(AUTH_EVENT_KINDS),
  user: Type.Union([Type.Object({ id: Uuid, name: Type.String(), email: Type.String() }), Type.Null()]),
  email: Type.Union([Type.String(), Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
  ip: Type.String(),
  userAgent: Type.Union([Type.String(), Type.Null()]),
  requestId: Type.String(),
  agencyId: Type.Union([Uuid, Type.Null()]),
  method: Type.Union([Type.String(), Type.Null()]),
  route: Type.Union([Type.String(), Type.Null()]),
});

export function auditRoutes(fastify: FastifyInstance, { audit, authEvents, agencies }: Services) {
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
            Type.Union([
              Type.Literal('create'),
              Type.Literal('update'),
              Type.Literal('delete'),
              Type.Literal('read'),
            ]),
          ),
          actorId: Type.Optional(Uuid),
          from: Type.Optional(IsoDate),
          to: Type.Optional(IsoDate),
          ...PageQuery,
        }),
        response: { 200: pageOf(AuditEntry) },
      },
    },
    async (request) => {
      const { from, to, ...rest } = request.query;
      const actor = actorOf(request);
      // Dates are the agency's calendar days; `to` is inclusive.
      const { timezone } = await agencies.get(actor);
      return audit.list(actor.agencyId, {
        ...rest,
        from: from ? startOfLocalDay(from, timezone) : undefined,
        to: to ? endOfLocalDay(to, timezone) : undefined,
      });
    },
  );

  app.get(
    '/api/staff/audit/auth-events',
    {
      preHandler: requireStaff('admin'),
      schema: {
        tags: ['audit'],
        querystring: Type.Object({
          kind: Type.Optional(Type.Enum(AUTH_EVENT_KINDS)),
          from: Type.Optional(IsoDate),
          to: Type.Optional(IsoDate),
          ...PageQuery,
        }),
        response: { 200: pageOf(AuthEventEntry) },
      },
    },
    async (request) => {
      const { from, to, ...rest } = request.query;
      const actor = actorOf(request);
      const { timezone } = await agencies.get(actor);
      return authEvents.list(actor, {
        ...rest,
        from: from ? startOfLocalDay(from, timezone) : undefined,
        to: to ? endOfLocalDay(to, timezone) : undefined,
      });
    },
  );
}
