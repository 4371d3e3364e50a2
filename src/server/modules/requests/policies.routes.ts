import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { NonEmpty } from '../../http/schemas.js';
import { actorOf, requireStaff } from '../../http/session.js';
import type { Services } from '../../services.js';
import { OVERRIDABLE_TERMS, REQUEST_KINDS } from './deadlines.js';

const Term = Type.Object({
  days: Type.Integer(),
  dayType: Type.Enum(['calendar', 'working'] as const),
  source: Type.String(),
});
const Policy = Type.Object({
  kind: Type.Enum(REQUEST_KINDS),
  title: Type.String(),
  law: Type.String(),
  terms: Type.Array(
    Type.Object({
      term: Type.Enum(OVERRIDABLE_TERMS),
      current: Type.Union([Term, Type.Null()]),
      preset: Type.Union([Term, Type.Null()]),
      overridden: Type.Boolean(),
    }),
  ),
});
const Params = Type.Object({ kind: Type.Enum(REQUEST_KINDS), term: Type.Enum(OVERRIDABLE_TERMS) });

export function deadlinePolicyRoutes(fastify: FastifyInstance, { deadlinePolicies }: Services) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['requests'];

  app.get(
    '/api/staff/deadline-policies',
    { preHandler: requireStaff(), schema: { tags, response: { 200: Type.Array(Policy) } } },
    (request) => deadlinePolicies.view(actorOf(request)),
  );

  app.put(
    '/api/staff/deadline-policies/:kind/:term',
    {
      preHandler: requireStaff('admin'),
      schema: {
        tags,
        params: Params,
        body: Type.Object(
          {
            days: Type.Integer({ minimum: 0, maximum: 365 }),
            dayType: Type.Enum(['calendar', 'working'] as const),
            source: NonEmpty(500),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const { kind, term } = request.params;
      await deadlinePolicies.override(actorOf(request), kind, term, {
        ...request.body,
        source: request.body.source.trim(),
      });
      return reply.status(204).send();
    },
  );

  app.delete(
    '/api/staff/deadline-policies/:kind/:term',
    { preHandler: requireStaff('admin'), schema: { tags, params: Params } },
    async (request, reply) => {
      await deadlinePolicies.restore(actorOf(request), request.params.kind, request.params.term);
      return reply.status(204).send();
    },
  );
}
