import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { NonEmpty, PageQuery, pageOf, Uuid } from '../../http/schemas.js';
import { actorOf, requireStaff } from '../../http/session.js';
import { pageWindow, toPage } from '../../lib/paging.js';
import type { Services } from '../../services.js';
import { MAX_POST_LENGTH } from './posts.service.js';
import { NETWORKS, OUTBOUND_STATUSES } from './schema.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

const Post = Type.Object({
  id: Uuid,
  text: Type.String(),
  createdAt: Type.String(),
  deliveries: Type.Array(
    Type.Object({
      id: Uuid,
      accountId: Nullable(Uuid),
      network: Type.Enum(NETWORKS),
      accountTitle: Type.String(),
      status: Nullable(Type.Enum(OUTBOUND_STATUSES)),
      lastError: Nullable(Type.String()),
      sentAt: Nullable(Type.String()),
      externalId: Nullable(Type.String()),
    }),
  ),
});

/** Publishing on the agency's initiative (issue 5 p. 5): compose, post to the chosen pages, retry. */
export function channelPostRoutes(fastify: FastifyInstance, { channelPosts }: Services) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['channel-posts'];
  const publishers = requireStaff('admin', 'head');

  app.get(
    '/api/staff/channel-posts',
    {
      preHandler: publishers,
      schema: { tags, querystring: Type.Object(PageQuery), response: { 200: pageOf(Post) } },
    },
    async (request) => {
      const { page, limit, offset } = pageWindow(request.query);
      const { items, total } = await channelPosts.list(actorOf(request), { limit, offset });
      return toPage(items, total, page, limit);
    },
  );

  app.get(
    '/api/staff/channel-posts/targets',
    {
      preHandler: publishers,
      schema: {
        tags,
        response: {
          200: Type.Array(Type.Object({ id: Uuid, network: Type.Enum(NETWORKS), title: Type.String() })),
        },
      },
    },
    async (request) => channelPosts.postTargets(actorOf(request)),
  );

  app.post(
    '/api/staff/channel-posts',
    {
      preHandler: publishers,
      schema: {
        tags,
        body: Type.Object(
          {
            text: NonEmpty(MAX_POST_LENGTH),
            accountIds: Type.Array(Uuid, { minItems: 1, maxItems: 20 }),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ id: Uuid }) },
      },
    },
    async (request, reply) =>
      reply.status(201).send({ id: await channelPosts.create(actorOf(request), request.body) }),
  );

  app.post(
    '/api/staff/channel-posts/:id/deliveries/:deliveryId/retry',
    {
      preHandler: publishers,
      schema: { tags, params: Type.Object({ id: Uuid, deliveryId: Uuid }) },
    },
    async (request, reply) => {
      await channelPosts.retry(actorOf(request), request.params.id, request.params.deliveryId);
      return reply.status(204).send();
    },
  );
}
