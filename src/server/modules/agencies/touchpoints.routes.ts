import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { NonEmpty, Touchpoint, TouchpointKind, WorkingHours } from '../../http/schemas.js';
import { actorOf, requireStaff } from '../../http/session.js';
import type { Services } from '../../services.js';
import { IdParams } from './routes.js';

const TouchpointInput = Type.Object(
  {
    kind: TouchpointKind,
    mode: Type.Union([Type.Literal('digital'), Type.Literal('offline')]),
    title: NonEmpty(300),
    value: NonEmpty(500),
    hours: Type.Optional(Type.Union([WorkingHours, Type.Null()])),
    note: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
    isPublic: Type.Optional(Type.Boolean()),
    sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
  },
  { additionalProperties: false },
);

export function touchpointRoutes(fastify: FastifyInstance, { touchpoints }: Services) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['touchpoints'];

  app.get(
    '/api/staff/touchpoints',
    { preHandler: requireStaff(), schema: { tags, response: { 200: Type.Array(Touchpoint) } } },
    (request) => touchpoints.list(actorOf(request)),
  );

  app.post(
    '/api/staff/touchpoints',
    {
      preHandler: requireStaff('admin'),
      schema: { tags, body: TouchpointInput, response: { 201: Touchpoint } },
    },
    async (request, reply) => {
      const { hours = null, note = null, isPublic = true, sortOrder = 0, ...rest } = request.body;
      const created = await touchpoints.create(actorOf(request), {
        ...rest,
        hours,
        note,
        isPublic,
        sortOrder,
      });
      return reply.status(201).send(created);
    },
  );

  app.patch(
    '/api/staff/touchpoints/:id',
    {
      preHandler: requireStaff('admin'),
      schema: { tags, params: IdParams, body: Type.Partial(TouchpointInput), response: { 200: Touchpoint } },
    },
    (request) => touchpoints.update(actorOf(request), request.params.id, request.body),
  );

  app.delete(
    '/api/staff/touchpoints/:id',
    { preHandler: requireStaff('admin'), schema: { tags, params: IdParams } },
    async (request, reply) => {
      await touchpoints.remove(actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );
}
