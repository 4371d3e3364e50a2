import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { REQUEST_TYPES } from '../../../common/classification.js';
import { Uuid } from '../../http/schemas.js';
import { actorOf, requireStaff } from '../../http/session.js';
import type { Services } from '../../services.js';
import { Detail } from './staff.routes.js';

// The same staff who move a request through its lifecycle classify it (seed 003 p. 9.1).
const WRITERS = ['admin', 'head', 'operator'] as const;

const ClassificationBody = Type.Object(
  {
    topicId: Uuid,
    typicalNeedId: Type.Union([Uuid, Type.Null()]),
    requestType: Type.Enum(REQUEST_TYPES),
    urgent: Type.Boolean(),
    departmentId: Type.Optional(Type.Union([Uuid, Type.Null()])),
  },
  { additionalProperties: false },
);

export function requestClassificationRoutes(
  fastify: FastifyInstance,
  { requests, requestClassification }: Services,
) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.put(
    '/api/staff/requests/:id/classification',
    {
      preHandler: requireStaff(...WRITERS),
      schema: {
        tags: ['requests'],
        params: Type.Object({ id: Uuid }),
        body: ClassificationBody,
        response: { 200: Detail },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await requestClassification.classify(actor, request.params.id, request.body);
      return requests.detail(actor, request.params.id);
    },
  );
}
