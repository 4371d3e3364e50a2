import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { REVIEW_OUTCOMES } from '../../../common/kb.js';
import { FRESHNESS_STATES, NO_DEPARTMENT } from '../../../common/kb-review.js';
import { IsoDate, Uuid } from '../../http/schemas.js';
import { actorOf, requireStaff } from '../../http/session.js';
import type { Services } from '../../services.js';
import { KB_READERS } from './permissions.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

const Review = Type.Object({
  id: Uuid,
  outcome: Type.Enum(REVIEW_OUTCOMES),
  note: Nullable(Type.String()),
  dueOn: IsoDate,
  reviewedAt: Type.String(),
  reviewerName: Nullable(Type.String()),
});

const Counts = {
  sections: Type.Integer(),
  fresh: Type.Integer(),
  dueSoon: Type.Integer(),
  overdue: Type.Integer(),
};

const Freshness = Type.Object({
  today: IsoDate,
  totals: Type.Object(Counts),
  departments: Type.Array(
    Type.Object({
      departmentId: Nullable(Uuid),
      departmentName: Nullable(Type.String()),
      ...Counts,
      oldestOverdueDays: Nullable(Type.Integer()),
      lastReviewedAt: Nullable(Type.String()),
    }),
  ),
  sections: Type.Array(
    Type.Object({
      id: Uuid,
      title: Type.String(),
      departmentId: Nullable(Uuid),
      departmentName: Nullable(Type.String()),
      reviewIntervalDays: Type.Integer(),
      reviewDueOn: IsoDate,
      lastReviewedAt: Nullable(Type.String()),
      lastReviewedByName: Nullable(Type.String()),
      state: Type.Enum(FRESHNESS_STATES),
      workingDaysLeft: Type.Integer(),
      overdueDays: Type.Integer(),
      canReview: Type.Boolean(),
    }),
  ),
});

/**
 * The review cycle of seed 003 p. 41. Every reader may open the dashboard: the overseers see the
 * whole agency, other staff the sections their departments keep (where a reminder sends them).
 * Who may review a section is decided per section by the service.
 */
export function kbReviewRoutes(fastify: FastifyInstance, { kbReviews }: Services) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['kb'];

  app.post(
    '/api/staff/kb/sections/:id/reviews',
    {
      preHandler: requireStaff(...KB_READERS),
      schema: {
        tags,
        params: Type.Object({ id: Uuid }),
        body: Type.Object(
          {
            outcome: Type.Enum(REVIEW_OUTCOMES),
            note: Type.Optional(Type.String({ maxLength: 2000 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Review },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await kbReviews.review(actorOf(request), request.params.id, request.body)),
  );

  app.get(
    '/api/staff/kb/sections/:id/reviews',
    {
      preHandler: requireStaff(...KB_READERS),
      schema: { tags, params: Type.Object({ id: Uuid }), response: { 200: Type.Array(Review) } },
    },
    (request) => kbReviews.history(actorOf(request), request.params.id),
  );

  app.get(
    '/api/staff/kb/freshness',
    {
      preHandler: requireStaff(...KB_READERS),
      schema: {
        tags,
        querystring: Type.Object({
          departmentId: Type.Optional(Type.Union([Uuid, Type.Literal(NO_DEPARTMENT)])),
        }),
        response: { 200: Freshness },
      },
    },
    (request) => kbReviews.freshness(actorOf(request), { departmentId: request.query.departmentId }),
  );
}
