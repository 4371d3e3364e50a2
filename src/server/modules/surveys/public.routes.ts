import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { PUBLIC_CHANNELS } from '../../../common/surveys.js';
import type { Services } from '../../services.js';
import { AnswersBody, Question, Slug, Stored } from './schemas.js';

/** A questionnaire is small; a body beyond this is not an answer. */
const RESPONSE_BODY_LIMIT = 64 * 1024;
const Token = Type.String({ minLength: 20, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' });

export function publicSurveyRoutes(fastify: FastifyInstance, { surveyResponses, config }: Services) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['surveys'];
  const rateLimit = { max: config.publicRatePerMinute, timeWindow: '1 minute' };
  const params = Type.Object({ agency: Slug, slug: Slug });

  app.get(
    '/api/public/:agency/surveys',
    {
      config: { rateLimit },
      schema: {
        tags,
        params: Type.Object({ agency: Slug }),
        response: { 200: Type.Array(Type.Object({ slug: Type.String(), title: Type.String() })) },
      },
    },
    (request) => surveyResponses.listPublic(request.params.agency),
  );

  app.get(
    '/api/public/:agency/surveys/:slug',
    {
      config: { rateLimit },
      schema: {
        tags,
        params,
        response: {
          200: Type.Object({
            slug: Type.String(),
            title: Type.String(),
            intro: Type.Union([Type.String(), Type.Null()]),
            anonymous: Type.Boolean(),
            requireToken: Type.Boolean(),
            version: Type.Integer(),
            questions: Type.Array(Question),
          }),
        },
      },
    },
    (request) => surveyResponses.getPublic(request.params.agency, request.params.slug),
  );

  // Nothing about the sender (IP, user agent, cookies) is passed on: seed 002 p. 3.3. The access log
  // is off for this route too — its line would pair the sender's address with the answer's time.
  app.post(
    '/api/public/:agency/surveys/:slug/responses',
    {
      logLevel: 'warn',
      config: { rateLimit },
      bodyLimit: RESPONSE_BODY_LIMIT,
      schema: {
        tags,
        params,
        body: Type.Object(
          {
            answers: AnswersBody,
            channel: Type.Optional(Type.Enum(PUBLIC_CHANNELS)),
            token: Type.Optional(Token),
          },
          { additionalProperties: false },
        ),
        response: { 201: Stored },
      },
    },
    async (request, reply) => {
      const { answers, channel, token } = request.body;
      const stored = await surveyResponses.submitPublic(request.params.agency, request.params.slug, {
        answers,
        channel: channel ?? 'link',
        ...(token ? { token } : {}),
      });
      return reply.status(201).send(stored);
    },
  );
}
