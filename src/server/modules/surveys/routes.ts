import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { STAFF_CHANNELS } from '../../../common/surveys.js';
import { PageQuery, pageOf, Uuid } from '../../http/schemas.js';
import { actorOf, requireStaff } from '../../http/session.js';
import type { Services } from '../../services.js';
import { AnswersBody, Definition, Slug, Stored, SurveyDetail, SurveySummary, Version } from './schemas.js';
import { MAX_TOKENS_PER_ISSUE } from './service.js';

// Issue 8: administrators and analysts edit forms, heads read them; operators type in phone and paper answers.
export const EDITORS = ['admin', 'analyst'] as const;
export const READERS = [...EDITORS, 'head'] as const;
export const ENTRY = [...EDITORS, 'operator', 'call_operator', 'receptionist'] as const;

export function surveyRoutes(fastify: FastifyInstance, { surveys, surveyResponses }: Services) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['surveys'];
  const byId = Type.Object({ id: Uuid });

  app.get(
    '/api/staff/surveys',
    {
      preHandler: requireStaff(...ENTRY, 'head'),
      schema: { tags, response: { 200: Type.Array(SurveySummary) } },
    },
    (request) => surveys.list(actorOf(request)),
  );

  app.get(
    '/api/staff/surveys/templates',
    {
      preHandler: requireStaff(...READERS),
      schema: {
        tags,
        response: { 200: Type.Array(Type.Object({ key: Type.String(), title: Type.String() })) },
      },
    },
    () => surveys.templates(),
  );

  app.post(
    '/api/staff/surveys',
    {
      preHandler: requireStaff(...EDITORS),
      schema: {
        tags,
        body: Type.Object(
          { template: Type.String({ maxLength: 100 }), slug: Slug },
          { additionalProperties: false },
        ),
        response: { 201: SurveyDetail },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await surveys.createFromTemplate(actorOf(request), request.body.template, request.body.slug)),
  );

  app.get(
    '/api/staff/surveys/:id',
    {
      preHandler: requireStaff(...ENTRY, 'head'),
      schema: { tags, params: byId, response: { 200: SurveyDetail } },
    },
    (request) => surveys.get(actorOf(request), request.params.id),
  );

  app.get(
    '/api/staff/surveys/:id/versions/:versionId',
    {
      preHandler: requireStaff(...READERS),
      schema: { tags, params: Type.Object({ id: Uuid, versionId: Uuid }), response: { 200: Version } },
    },
    (request) => surveys.version(actorOf(request), request.params.id, request.params.versionId),
  );

  app.put(
    '/api/staff/surveys/:id',
    {
      preHandler: requireStaff(...EDITORS),
      bodyLimit: 512 * 1024,
      schema: { tags, params: byId, body: Definition, response: { 200: Version } },
    },
    (request) => surveys.edit(actorOf(request), request.params.id, request.body),
  );

  app.put(
    '/api/staff/surveys/:id/resources',
    {
      preHandler: requireStaff(...EDITORS),
      schema: {
        tags,
        params: byId,
        body: Type.Object(
          {
            resources: Type.Array(
              Type.Object(
                {
                  id: Type.Optional(
                    Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9_-]+$' }),
                  ),
                  label: Type.String({ minLength: 1, maxLength: 500, pattern: '\\S' }),
                },
                { additionalProperties: false },
              ),
              { maxItems: 50 },
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: Version },
      },
    },
    (request) => surveys.editResources(actorOf(request), request.params.id, request.body.resources),
  );

  app.patch(
    '/api/staff/surveys/:id',
    {
      preHandler: requireStaff(...EDITORS),
      schema: {
        tags,
        params: byId,
        body: Type.Object(
          {
            published: Type.Optional(Type.Boolean()),
            anonymous: Type.Optional(Type.Boolean()),
            requireToken: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: { 200: SurveySummary },
      },
    },
    (request) => surveys.updateSettings(actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/staff/surveys/:id/tokens',
    {
      preHandler: requireStaff(...EDITORS),
      schema: {
        tags,
        params: byId,
        body: Type.Object(
          { count: Type.Integer({ minimum: 1, maximum: MAX_TOKENS_PER_ISSUE }) },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ tokens: Type.Array(Type.String()) }) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send({ tokens: await surveys.issueTokens(actorOf(request), request.params.id, request.body.count) }),
  );

  app.post(
    '/api/staff/surveys/:id/responses',
    {
      preHandler: requireStaff(...ENTRY),
      bodyLimit: 64 * 1024,
      schema: {
        tags,
        params: byId,
        body: Type.Object(
          {
            channel: Type.Enum(STAFF_CHANNELS),
            answers: Type.Optional(AnswersBody),
            codes: Type.Optional(
              Type.Record(
                Type.String({ maxLength: 40 }),
                Type.Union([Type.String({ maxLength: 4000 }), Type.Number()]),
                { maxProperties: 200 },
              ),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 201: Stored },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await surveyResponses.enterByStaff(actorOf(request), request.params.id, request.body)),
  );

  app.get(
    '/api/staff/surveys/:id/responses',
    {
      preHandler: requireStaff(...READERS),
      schema: {
        tags,
        params: byId,
        querystring: Type.Object(PageQuery, { additionalProperties: false }),
        response: {
          200: pageOf(
            Type.Object({
              id: Uuid,
              versionId: Uuid,
              channel: Type.String(),
              answers: Type.Record(Type.String(), Type.Unknown()),
              submittedAt: Type.String(),
            }),
          ),
        },
      },
    },
    (request) => surveyResponses.list(actorOf(request), request.params.id, request.query),
  );
}
