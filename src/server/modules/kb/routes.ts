import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { NonEmpty, Uuid } from '../../http/schemas.js';
import { actorOf, requireStaff } from '../../http/session.js';
import type { Services } from '../../services.js';

const ANSWER_VARIANTS = ['letter', 'short'] as const;

const READERS = ['admin', 'head', 'operator', 'analyst', 'call_operator', 'receptionist'] as const;
// Seed 001: templates are kept by the heads of units; the administrator may do it too.
const EDITORS = ['admin', 'head'] as const;

const Template = Type.Object({
  id: Uuid,
  title: Type.String(),
  body: Type.String(),
  variant: Type.Enum(ANSWER_VARIANTS),
  departmentId: Type.Union([Uuid, Type.Null()]),
  active: Type.Boolean(),
  starter: Type.Boolean(),
  updatedAt: Type.String(),
});

const Fields = {
  title: NonEmpty(200),
  body: NonEmpty(20_000),
  variant: Type.Enum(ANSWER_VARIANTS),
  departmentId: Type.Union([Uuid, Type.Null()]),
};

export function kbRoutes(fastify: FastifyInstance, { kb }: Services) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['kb'];

  app.get(
    '/api/staff/answer-templates',
    {
      preHandler: requireStaff(...READERS),
      schema: {
        tags,
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 200 })),
          archived: Type.Optional(Type.Boolean()),
        }),
        response: { 200: Type.Array(Template) },
      },
    },
    (request) =>
      kb.list(actorOf(request), {
        q: request.query.q?.trim() || undefined,
        archived: request.query.archived,
      }),
  );

  app.post(
    '/api/staff/answer-templates',
    {
      preHandler: requireStaff(...EDITORS),
      schema: {
        tags,
        body: Type.Object(Fields, { additionalProperties: false }),
        response: { 201: Template },
      },
    },
    async (request, reply) => reply.status(201).send(await kb.create(actorOf(request), request.body)),
  );

  app.patch(
    '/api/staff/answer-templates/:id',
    {
      preHandler: requireStaff(...EDITORS),
      schema: {
        tags,
        params: Type.Object({ id: Uuid }),
        body: Type.Partial(Type.Object({ ...Fields, active: Type.Boolean() }), {
          additionalProperties: false,
        }),
        response: { 200: Template },
      },
    },
    (request) => kb.update(actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/staff/requests/:id/templates/:templateId/render',
    {
      preHandler: requireStaff(...READERS),
      schema: {
        tags,
        params: Type.Object({ id: Uuid, templateId: Uuid }),
        response: { 200: Type.Object({ text: Type.String(), unknown: Type.Array(Type.String()) }) },
      },
    },
    (request) => kb.render(actorOf(request), request.params.id, request.params.templateId),
  );
}
