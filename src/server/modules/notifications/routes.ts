import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { actorOf, requireStaff } from '../../http/session.js';
import type { Services } from '../../services.js';

const Notification = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  title: Type.String(),
  body: Type.String(),
  link: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  readAt: Type.Union([Type.String(), Type.Null()]),
});

export function notificationRoutes(fastify: FastifyInstance, { notifications }: Services) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['notifications'];

  app.get(
    '/api/staff/notifications',
    {
      preHandler: requireStaff(),
      schema: {
        tags,
        response: { 200: Type.Object({ unread: Type.Integer(), items: Type.Array(Notification) }) },
      },
    },
    (request) => notifications.list(actorOf(request)),
  );

  app.post(
    '/api/staff/notifications/:id/read',
    {
      preHandler: requireStaff(),
      schema: { tags, params: Type.Object({ id: Type.Integer({ minimum: 1 }) }) },
    },
    async (request, reply) => {
      await notifications.markRead(actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/staff/notifications/read-all',
    { preHandler: requireStaff(), schema: { tags } },
    async (request, reply) => {
      await notifications.markAllRead(actorOf(request));
      return reply.status(204).send();
    },
  );
}
