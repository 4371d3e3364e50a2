import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { SURVEY_CHANNELS } from '../../../common/surveys.js';
import { Uuid } from '../../http/schemas.js';
import { actorOf, requireStaff } from '../../http/session.js';
import type { Services } from '../../services.js';

// Issue 8 pp. 5–6: analytics and the annual report are for administrators, heads and analysts.
const ANALYSTS = ['admin', 'head', 'analyst'] as const;

const Filter = {
  from: Type.Optional(Type.String({ maxLength: 10 })),
  to: Type.Optional(Type.String({ maxLength: 10 })),
  channel: Type.Optional(Type.Enum(SURVEY_CHANNELS)),
  municipality: Type.Optional(Type.String({ maxLength: 40 })),
};

const CONTENT_TYPES = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

export function surveyAnalyticsRoutes(fastify: FastifyInstance, { surveyAnalytics, surveyPolls }: Services) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['surveys'];
  const params = Type.Object({ id: Uuid });
  const preHandler = requireStaff(...ANALYSTS);

  app.get(
    '/api/staff/surveys/:id/analytics',
    {
      preHandler,
      schema: { tags, params, querystring: Type.Object(Filter, { additionalProperties: false }) },
    },
    (request) => surveyAnalytics.analytics(actorOf(request), request.params.id, request.query),
  );

  app.get(
    '/api/staff/surveys/:id/report',
    {
      preHandler,
      schema: {
        tags,
        params,
        querystring: Type.Object(
          { ...Filter, format: Type.Union([Type.Literal('pdf'), Type.Literal('xlsx')]) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const { format, ...filter } = request.query;
      const file = await surveyAnalytics.report(actorOf(request), request.params.id, filter, format);
      return reply
        .header('content-type', CONTENT_TYPES[format])
        .header('content-disposition', `attachment; filename="monitoring.${format}"`)
        .send(file);
    },
  );

  app.get(
    '/api/staff/surveys/:id/export',
    {
      preHandler,
      schema: {
        tags,
        params,
        querystring: Type.Object(
          { ...Filter, format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const { format, ...filter } = request.query;
      const file = await surveyAnalytics.raw(actorOf(request), request.params.id, filter, format);
      return reply
        .header('content-type', CONTENT_TYPES[format])
        .header('content-disposition', `attachment; filename="answers.${format}"`)
        .send(file);
    },
  );

  // E-mail and SMS polls are sent by those who run the surveys.
  const Channel = Type.Object(
    { channel: Type.Union([Type.Literal('email'), Type.Literal('sms')]) },
    {
      additionalProperties: false,
    },
  );
  const PollProgress = Type.Object({
    id: Uuid,
    channel: Type.String(),
    audience: Type.Integer(),
    sent: Type.Integer(),
    failed: Type.Integer(),
    createdAt: Type.String(),
  });
  const pollers = requireStaff('admin', 'analyst');

  app.get(
    '/api/staff/surveys/:id/polls/audience',
    {
      preHandler: pollers,
      schema: {
        tags,
        params,
        querystring: Channel,
        response: { 200: Type.Object({ count: Type.Integer() }) },
      },
    },
    (request) => surveyPolls.audienceCount(actorOf(request), request.params.id, request.query.channel),
  );

  app.get(
    '/api/staff/surveys/:id/polls',
    { preHandler: pollers, schema: { tags, params, response: { 200: Type.Array(PollProgress) } } },
    (request) => surveyPolls.list(actorOf(request), request.params.id),
  );

  app.post(
    '/api/staff/surveys/:id/polls',
    { preHandler: pollers, schema: { tags, params, body: Channel, response: { 201: PollProgress } } },
    async (request, reply) =>
      reply
        .status(201)
        .send(await surveyPolls.send(actorOf(request), request.params.id, request.body.channel)),
  );
}
