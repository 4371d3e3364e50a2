import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { CAMPAIGN_STATUSES } from '../../../common/mailings.js';
import { NonEmpty, Uuid } from '../../http/schemas.js';
import { actorOf, requireStaff } from '../../http/session.js';
import type { Services } from '../../services.js';
import { MAILING_ROLES } from './routes.js';

const Progress = Type.Object({
  total: Type.Integer(),
  sent: Type.Integer(),
  failed: Type.Integer(),
  skipped: Type.Integer(),
  remaining: Type.Integer(),
  bounced: Type.Integer(),
  complaints: Type.Integer(),
  unsubscribed: Type.Integer(),
  opened: Type.Union([Type.Integer(), Type.Null()]),
  clicked: Type.Union([Type.Integer(), Type.Null()]),
  ratePerMinute: Type.Integer(),
  etaAt: Type.Union([Type.String(), Type.Null()]),
});
const Campaign = Type.Object({
  id: Uuid,
  subject: Type.String(),
  fromName: Type.Union([Type.String(), Type.Null()]),
  html: Type.String(),
  text: Type.String(),
  topicIds: Type.Array(Uuid),
  status: Type.Enum(CAMPAIGN_STATUSES),
  scheduledAt: Type.Union([Type.String(), Type.Null()]),
  startedAt: Type.Union([Type.String(), Type.Null()]),
  finishedAt: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  progress: Progress,
});
const CampaignInput = Type.Object(
  {
    subject: NonEmpty(300),
    fromName: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
    html: Type.String({ minLength: 1, maxLength: 500_000 }),
    text: NonEmpty(200_000),
    topicIds: Type.Array(Uuid, { minItems: 1, maxItems: 50 }),
  },
  { additionalProperties: false },
);

export function campaignRoutes(fastify: FastifyInstance, { campaigns }: Services) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['mailings'];
  const preHandler = requireStaff(...MAILING_ROLES);
  const params = Type.Object({ id: Uuid });

  app.get(
    '/api/staff/mailings/campaigns',
    {
      preHandler,
      schema: {
        tags,
        querystring: Type.Object({
          page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
          pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
        }),
        response: {
          200: Type.Object({
            total: Type.Integer(),
            page: Type.Integer(),
            pages: Type.Integer(),
            items: Type.Array(Campaign),
          }),
        },
      },
    },
    (request) => campaigns.list(actorOf(request), request.query),
  );

  app.post(
    '/api/staff/mailings/campaigns',
    { preHandler, schema: { tags, body: CampaignInput, response: { 201: Campaign } } },
    async (request, reply) => reply.status(201).send(await campaigns.create(actorOf(request), request.body)),
  );

  app.get(
    '/api/staff/mailings/campaigns/:id',
    { preHandler, schema: { tags, params, response: { 200: Campaign } } },
    (request) => campaigns.detail(actorOf(request), request.params.id),
  );

  app.put(
    '/api/staff/mailings/campaigns/:id',
    { preHandler, schema: { tags, params, body: CampaignInput, response: { 200: Campaign } } },
    (request) => campaigns.update(actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/staff/mailings/campaigns/:id/send',
    {
      preHandler,
      schema: {
        tags,
        params,
        body: Type.Object(
          { at: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Null()])) },
          { additionalProperties: false },
        ),
        response: { 200: Campaign },
      },
    },
    (request) =>
      campaigns.send(
        actorOf(request),
        request.params.id,
        request.body.at ? new Date(request.body.at) : undefined,
      ),
  );

  app.post(
    '/api/staff/mailings/campaigns/:id/test',
    { preHandler, schema: { tags, params, response: { 200: Type.Object({ to: Type.String() }) } } },
    (request) => campaigns.testSend(actorOf(request), request.params.id),
  );

  for (const action of ['pause', 'resume', 'cancel', 'unschedule'] as const) {
    app.post(
      `/api/staff/mailings/campaigns/:id/${action}`,
      { preHandler, schema: { tags, params, response: { 200: Campaign } } },
      (request) => campaigns[action](actorOf(request), request.params.id),
    );
  }
}
