import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { NonEmpty, PageQuery, pageOf, Uuid } from '../../http/schemas.js';
import { actorOf, bodyNames, requireRecentAuth, requireStaff } from '../../http/session.js';
import { pageWindow, toPage } from '../../lib/paging.js';
import type { Services } from '../../services.js';
import { NETWORKS, OUTBOUND_NETWORKS, OUTBOUND_STATUSES } from './schema.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);
const Values = Type.Record(Type.String({ maxLength: 64 }), Type.String({ maxLength: 4000 }), {
  maxProperties: 20,
});

const Account = Type.Object({
  id: Uuid,
  network: Type.Enum(NETWORKS),
  title: Type.String(),
  enabled: Type.Boolean(),
  settings: Type.Record(Type.String(), Type.String()),
  secretsSet: Type.Array(Type.String()),
  health: Type.Object({
    checkedAt: Nullable(Type.String()),
    okAt: Nullable(Type.String()),
    error: Nullable(Type.String()),
  }),
});

const Outbound = Type.Object({
  id: Uuid,
  network: Type.Enum(OUTBOUND_NETWORKS),
  recipient: Type.String(),
  subject: Nullable(Type.String()),
  status: Type.Enum(OUTBOUND_STATUSES),
  attempts: Type.Integer(),
  lastError: Nullable(Type.String()),
  requestId: Nullable(Uuid),
  createdAt: Type.String(),
  sentAt: Nullable(Type.String()),
  nextAttemptAt: Type.String(),
});

/** Channel connections (issue 5 p. 9) and the outbox, for the agency's administrators. */
export function channelRoutes(fastify: FastifyInstance, { channelAccounts, outbox, config }: Services) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['channels'];
  const admin = requireStaff('admin');
  const params = Type.Object({ id: Uuid });
  // Tokens and mail passwords act for the agency outside Otklik: saving them needs a fresh password.
  const savingSecrets = [admin, requireRecentAuth(config.reauthWindowMinutes, bodyNames('secrets'))];

  app.get(
    '/api/staff/channels',
    { preHandler: admin, schema: { tags, response: { 200: Type.Array(Account) } } },
    (request) => channelAccounts.list(actorOf(request)),
  );

  app.get(
    '/api/staff/channels/networks',
    {
      preHandler: admin,
      schema: {
        tags,
        response: {
          200: Type.Array(
            Type.Object({
              network: Type.Enum(NETWORKS),
              settings: Type.Array(Type.String()),
              secrets: Type.Array(Type.String()),
            }),
          ),
        },
      },
    },
    () => channelAccounts.networks(),
  );

  app.post(
    '/api/staff/channels',
    {
      preHandler: savingSecrets,
      schema: {
        tags,
        body: Type.Object(
          {
            network: Type.Enum(NETWORKS),
            title: NonEmpty(200),
            enabled: Type.Optional(Type.Boolean()),
            settings: Type.Optional(Values),
            secrets: Type.Optional(Values),
          },
          { additionalProperties: false },
        ),
        response: { 201: Account },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await channelAccounts.create(actorOf(request), request.body)),
  );

  app.patch(
    '/api/staff/channels/:id',
    {
      preHandler: savingSecrets,
      schema: {
        tags,
        params,
        body: Type.Object(
          {
            title: Type.Optional(NonEmpty(200)),
            enabled: Type.Optional(Type.Boolean()),
            settings: Type.Optional(Values),
            secrets: Type.Optional(Values),
          },
          { additionalProperties: false },
        ),
        response: { 200: Account },
      },
    },
    (request) => channelAccounts.update(actorOf(request), request.params.id, request.body),
  );

  app.delete(
    '/api/staff/channels/:id',
    { preHandler: admin, schema: { tags, params } },
    async (request, reply) => {
      await channelAccounts.remove(actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/staff/channels/:id/test',
    {
      preHandler: admin,
      schema: {
        tags,
        params,
        response: { 200: Type.Object({ ok: Type.Boolean(), error: Nullable(Type.String()) }) },
      },
    },
    (request) => channelAccounts.test(actorOf(request), request.params.id),
  );

  app.get(
    '/api/staff/outbox',
    {
      preHandler: requireStaff('admin', 'head', 'operator'),
      schema: {
        tags,
        querystring: Type.Object({
          ...PageQuery,
          status: Type.Optional(Type.Enum(OUTBOUND_STATUSES)),
          requestId: Type.Optional(Uuid),
        }),
        response: { 200: pageOf(Outbound) },
      },
    },
    async (request) => {
      const { page, limit, offset } = pageWindow(request.query);
      const { status, requestId } = request.query;
      const { rows, total } = await outbox.list(
        actorOf(request).agencyId,
        { ...(status ? { status } : {}), ...(requestId ? { requestId } : {}) },
        { limit, offset },
      );
      const items = rows.map((row) => ({
        id: row.id,
        network: row.network,
        recipient: row.recipient,
        subject: row.subject,
        status: row.status,
        attempts: row.attempts,
        lastError: row.lastError,
        requestId: row.requestId,
        createdAt: row.createdAt.toISOString(),
        sentAt: row.sentAt?.toISOString() ?? null,
        nextAttemptAt: row.nextAttemptAt.toISOString(),
      }));
      return toPage(items, total, page, limit);
    },
  );

  app.post(
    '/api/staff/outbox/:id/retry',
    { preHandler: requireStaff('admin', 'head', 'operator'), schema: { tags, params } },
    async (request, reply) => {
      await outbox.retry(actorOf(request).agencyId, request.params.id);
      return reply.status(204).send();
    },
  );
}
