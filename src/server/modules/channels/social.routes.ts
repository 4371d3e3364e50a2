import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { NonEmpty, PageQuery, pageOf, Uuid } from '../../http/schemas.js';
import { actorOf, requireStaff } from '../../http/session.js';
import { pageWindow, toPage } from '../../lib/paging.js';
import type { Services } from '../../services.js';
import { NETWORKS, OUTBOUND_STATUSES, SOCIAL_ITEM_STATUSES } from './schema.js';
import { MAX_REPLY_LENGTH } from './social.service.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

const SocialItem = Type.Object({
  id: Uuid,
  network: Type.Enum(NETWORKS),
  kind: Type.Union([Type.Literal('comment'), Type.Literal('message')]),
  accountId: Nullable(Uuid),
  threadId: Type.String(),
  threadTitle: Nullable(Type.String()),
  threadSize: Type.Integer(),
  authorId: Type.String(),
  authorName: Type.String(),
  text: Type.String(),
  receivedAt: Type.String(),
  status: Type.Enum(SOCIAL_ITEM_STATUSES),
  requestId: Nullable(Uuid),
  requestNumber: Nullable(Type.String()),
  dismissReason: Nullable(Type.String()),
  handledAt: Nullable(Type.String()),
  replyStatus: Nullable(Type.Enum(OUTBOUND_STATUSES)),
});

const Counts = Type.Record(Type.String(), Type.Integer());
const InviteSettings = Type.Object({
  inviteText: Nullable(Type.String()),
  preview: Nullable(Type.String()),
  problem: Nullable(Type.String()),
});

/** The social inbox (issue 5 p. 4): the queue and its quick actions, each on one item once. */
export function socialRoutes(fastify: FastifyInstance, { socialInbox }: Services) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['social'];
  const handlers = requireStaff('admin', 'head', 'operator');
  const params = Type.Object({ id: Uuid });

  app.get(
    '/api/staff/social',
    {
      preHandler: handlers,
      schema: {
        tags,
        querystring: Type.Object({
          ...PageQuery,
          status: Type.Optional(Type.Enum(SOCIAL_ITEM_STATUSES)),
          network: Type.Optional(Type.Enum(NETWORKS)),
        }),
        response: { 200: Type.Intersect([pageOf(SocialItem), Type.Object({ counts: Counts })]) },
      },
    },
    async (request) => {
      const { page, limit, offset } = pageWindow(request.query);
      const { status, network } = request.query;
      const { rows, total, counts } = await socialInbox.list(
        actorOf(request),
        { ...(status ? { status } : {}), ...(network ? { network } : {}) },
        { limit, offset },
      );
      return { ...toPage(rows, total, page, limit), counts };
    },
  );

  app.get(
    '/api/staff/social/:id/templates/:templateId',
    {
      preHandler: handlers,
      schema: {
        tags,
        params: Type.Object({ id: Uuid, templateId: Uuid }),
        response: { 200: Type.Object({ text: Type.String(), unknown: Type.Array(Type.String()) }) },
      },
    },
    (request) => socialInbox.renderTemplate(actorOf(request), request.params.id, request.params.templateId),
  );

  app.post(
    '/api/staff/social/:id/answer',
    {
      preHandler: handlers,
      schema: {
        tags,
        params,
        body: Type.Object(
          {
            text: Type.Optional(Type.String({ maxLength: MAX_REPLY_LENGTH })),
            templateId: Type.Optional(Uuid),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      await socialInbox.answer(actorOf(request), request.params.id, request.body);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/staff/social/:id/invite',
    { preHandler: handlers, schema: { tags, params } },
    async (request, reply) => {
      await socialInbox.invite(actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/staff/social/:id/convert',
    {
      preHandler: handlers,
      schema: {
        tags,
        params,
        response: { 200: Type.Object({ requestId: Uuid, number: Type.String() }) },
      },
    },
    (request) => socialInbox.convert(actorOf(request), request.params.id),
  );

  app.post(
    '/api/staff/social/:id/dismiss',
    {
      preHandler: handlers,
      schema: {
        tags,
        params,
        body: Type.Object({ reason: NonEmpty(500) }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      await socialInbox.dismiss(actorOf(request), request.params.id, request.body.reason.trim());
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/staff/social/settings',
    { preHandler: handlers, schema: { tags, response: { 200: InviteSettings } } },
    (request) => socialInbox.settings(actorOf(request)),
  );

  app.put(
    '/api/staff/social/settings',
    {
      preHandler: requireStaff('admin'),
      schema: {
        tags,
        body: Type.Object(
          { inviteText: Nullable(NonEmpty(MAX_REPLY_LENGTH)) },
          { additionalProperties: false },
        ),
        response: { 200: InviteSettings },
      },
    },
    (request) => socialInbox.saveSettings(actorOf(request), request.body.inviteText?.trim() ?? null),
  );
}
