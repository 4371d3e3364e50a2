import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { NonEmpty, Uuid } from '../../http/schemas.js';
import { actorOf, requireStaff } from '../../http/session.js';
import type { Services } from '../../services.js';

const View = Type.Object({ id: Uuid, name: Type.String(), query: Type.String() });

export function savedViewRoutes(fastify: FastifyInstance, { savedViews }: Services) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['requests'];

  app.get(
    '/api/staff/register-views',
    { preHandler: requireStaff(), schema: { tags, response: { 200: Type.Array(View) } } },
    (request) => savedViews.list(actorOf(request)),
  );

  app.post(
    '/api/staff/register-views',
    {
      preHandler: requireStaff(),
      schema: {
        tags,
        body: Type.Object(
          { name: NonEmpty(80), query: Type.String({ maxLength: 2000 }) },
          { additionalProperties: false },
        ),
        response: { 201: View },
      },
    },
    async (request, reply) => reply.status(201).send(await savedViews.create(actorOf(request), request.body)),
  );

  app.delete(
    '/api/staff/register-views/:id',
    { preHandler: requireStaff(), schema: { tags, params: Type.Object({ id: Uuid }) } },
    async (request, reply) => {
      await savedViews.remove(actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );
}
