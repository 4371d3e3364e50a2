import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { NonEmpty, Uuid } from '../../http/schemas.js';
import { actorOf, requireStaff } from '../../http/session.js';
import type { Services } from '../../services.js';

// Every staff member reads the taxonomy (to classify); the agency's heads and admins shape it.
const EDITORS = ['admin', 'head'] as const;
// Suggestions concern a request: the same roles that read the register (requests/staff.routes.ts).
const REQUEST_READERS = ['admin', 'head', 'operator', 'analyst', 'call_operator', 'receptionist'] as const;
const IdParams = Type.Object({ id: Uuid });
const SortOrder = Type.Integer({ minimum: 0, maximum: 100_000 });

const Need = Type.Object({
  id: Uuid,
  topicId: Uuid,
  name: Type.String(),
  archived: Type.Boolean(),
  sortOrder: Type.Integer(),
});
const Topic = Type.Object({
  id: Uuid,
  name: Type.String(),
  defaultDepartmentId: Type.Union([Uuid, Type.Null()]),
  archived: Type.Boolean(),
  sortOrder: Type.Integer(),
  needs: Type.Array(Need),
});
const TopicInput = Type.Object(
  {
    name: NonEmpty(200),
    defaultDepartmentId: Type.Optional(Type.Union([Uuid, Type.Null()])),
    archived: Type.Optional(Type.Boolean()),
    sortOrder: Type.Optional(SortOrder),
  },
  { additionalProperties: false },
);
const NeedInput = Type.Object(
  { name: NonEmpty(300), archived: Type.Optional(Type.Boolean()), sortOrder: Type.Optional(SortOrder) },
  { additionalProperties: false },
);
const Suggestion = Type.Union([
  Type.Object({ id: Uuid, name: Type.String(), confidence: Type.Number() }),
  Type.Null(),
]);

export function classificationRoutes(fastify: FastifyInstance, { taxonomy, suggestions }: Services) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['classification'];

  app.get(
    '/api/staff/topics',
    { preHandler: requireStaff(), schema: { tags, response: { 200: Type.Array(Topic) } } },
    (request) => taxonomy.list(actorOf(request).agencyId),
  );

  app.post(
    '/api/staff/topics',
    { preHandler: requireStaff(...EDITORS), schema: { tags, body: TopicInput, response: { 201: Topic } } },
    async (request, reply) => {
      const { defaultDepartmentId = null, archived = false, sortOrder = 0, name } = request.body;
      const created = await taxonomy.createTopic(actorOf(request), {
        name,
        defaultDepartmentId,
        archived,
        sortOrder,
      });
      return reply.status(201).send(created);
    },
  );

  app.patch(
    '/api/staff/topics/:id',
    {
      preHandler: requireStaff(...EDITORS),
      schema: { tags, params: IdParams, body: Type.Partial(TopicInput), response: { 200: Topic } },
    },
    (request) => taxonomy.updateTopic(actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/staff/topics/:id/needs',
    {
      preHandler: requireStaff(...EDITORS),
      schema: { tags, params: IdParams, body: NeedInput, response: { 201: Need } },
    },
    async (request, reply) => {
      const { archived = false, sortOrder = 0, name } = request.body;
      const created = await taxonomy.createNeed(actorOf(request), request.params.id, {
        name,
        archived,
        sortOrder,
      });
      return reply.status(201).send(created);
    },
  );

  app.patch(
    '/api/staff/typical-needs/:id',
    {
      preHandler: requireStaff(...EDITORS),
      schema: { tags, params: IdParams, body: Type.Partial(NeedInput), response: { 200: Need } },
    },
    (request) => taxonomy.updateNeed(actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/staff/requests/:id/suggestions',
    {
      preHandler: requireStaff(...REQUEST_READERS),
      schema: {
        tags,
        params: IdParams,
        response: {
          200: Type.Object({
            topic: Suggestion,
            department: Suggestion,
            trainedOn: Type.Integer(),
            minimum: Type.Integer(),
          }),
        },
      },
    },
    (request) => suggestions.forRequest(actorOf(request), request.params.id),
  );
}
