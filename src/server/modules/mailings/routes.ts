import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { CONSENT_EVENTS, CONSENT_METHODS, SUBSCRIBER_STATUSES } from '../../../common/mailings.js';
import { NonEmpty, Uuid } from '../../http/schemas.js';
import { actorOf, requireStaff } from '../../http/session.js';
import type { Services } from '../../services.js';

/** Seed 004 p. 12: mailings speak for the agency, so its administrator and head run them. */
export const MAILING_ROLES = ['admin', 'head'] as const;

const Topic = Type.Object({
  id: Uuid,
  title: Type.String(),
  description: Type.String(),
  archived: Type.Boolean(),
});
const Subscriber = Type.Object({
  id: Uuid,
  email: Type.String(),
  status: Type.Enum(SUBSCRIBER_STATUSES),
  topicIds: Type.Array(Uuid),
  confirmedAt: Type.Union([Type.String(), Type.Null()]),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
  bouncedAt: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
});
const ConsentRecord = Type.Object({
  id: Type.String(),
  email: Type.String(),
  event: Type.Enum(CONSENT_EVENTS),
  method: Type.Enum(CONSENT_METHODS),
  at: Type.String(),
  sourcePage: Type.Union([Type.String(), Type.Null()]),
  consentText: Type.Union([Type.String(), Type.Null()]),
  topics: Type.Array(Type.String()),
  actorName: Type.Union([Type.String(), Type.Null()]),
});

const Tracking = Type.Object(
  { trackOpens: Type.Boolean(), trackClicks: Type.Boolean() },
  { additionalProperties: false },
);

export function mailingRoutes(
  fastify: FastifyInstance,
  { mailingTopics, subscriptions, mailingTracking }: Services,
) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['mailings'];
  const preHandler = requireStaff(...MAILING_ROLES);
  const byId = Type.Object({ id: Uuid });

  app.get(
    '/api/staff/mailings/topics',
    { preHandler, schema: { tags, response: { 200: Type.Array(Topic) } } },
    (request) => mailingTopics.list(actorOf(request)),
  );

  app.post(
    '/api/staff/mailings/topics',
    {
      preHandler,
      schema: {
        tags,
        body: Type.Object(
          { title: NonEmpty(200), description: Type.Optional(Type.String({ maxLength: 1000 })) },
          { additionalProperties: false },
        ),
        response: { 201: Topic },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await mailingTopics.create(actorOf(request), request.body)),
  );

  app.patch(
    '/api/staff/mailings/topics/:id',
    {
      preHandler,
      schema: {
        tags,
        params: byId,
        body: Type.Object(
          {
            title: Type.Optional(NonEmpty(200)),
            description: Type.Optional(Type.String({ maxLength: 1000 })),
            archived: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: { 200: Topic },
      },
    },
    (request) => mailingTopics.update(actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/staff/mailings/subscribers',
    {
      preHandler,
      schema: {
        tags,
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 254 })),
          status: Type.Optional(Type.Enum(SUBSCRIBER_STATUSES)),
          page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
          pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
        }),
        response: {
          200: Type.Object({
            total: Type.Integer(),
            page: Type.Integer(),
            pages: Type.Integer(),
            items: Type.Array(Subscriber),
          }),
        },
      },
    },
    (request) => subscriptions.list(actorOf(request), request.query),
  );

  app.get(
    '/api/staff/mailings/subscribers/:id/consents',
    { preHandler, schema: { tags, params: byId, response: { 200: Type.Array(ConsentRecord) } } },
    (request) => subscriptions.history(actorOf(request), request.params.id),
  );

  app.post(
    '/api/staff/mailings/subscribers/:id/revoke',
    { preHandler, schema: { tags, params: byId, response: { 200: Subscriber } } },
    (request) => subscriptions.revokeOnRequest(actorOf(request), request.params.id),
  );

  app.get(
    '/api/staff/mailings/consents/export.xlsx',
    { preHandler, schema: { tags } },
    async (request, reply) => {
      const workbook = await subscriptions.exportLedger(actorOf(request));
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          `attachment; filename="consents-${new Date().toISOString().slice(0, 10)}.xlsx"`,
        )
        .send(workbook);
    },
  );

  // Issue 9 p. 6: tracking of opens and clicks is off until the agency turns it on here.
  app.get(
    '/api/staff/mailings/settings',
    { preHandler, schema: { tags, response: { 200: Tracking } } },
    (request) => mailingTracking.get(actorOf(request)),
  );

  app.put(
    '/api/staff/mailings/settings',
    { preHandler, schema: { tags, body: Tracking, response: { 200: Tracking } } },
    (request) => mailingTracking.save(actorOf(request), request.body),
  );
}
