import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import {
  DECISION_MAX_LENGTH,
  FEEDBACK_ACTION_SORTS,
  FEEDBACK_ACTION_STATUSES,
  FINDING_MAX_LENGTH,
  MAX_LINKS_PER_KIND,
  RESULT_MAX_LENGTH,
} from '../../../common/feedback-actions.js';
import { IsoDate, NonEmpty, PageQuery, pageOf, Uuid } from '../../http/schemas.js';
import { actorOf, requireStaff } from '../../http/session.js';
import type { Services } from '../../services.js';

/** Heads, analysts and admins record decisions; every staff member reads them. */
export const FEEDBACK_ACTION_WRITERS = ['admin', 'head', 'analyst'] as const;

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);
const Status = Type.Enum(FEEDBACK_ACTION_STATUSES);

const Links = Type.Object(
  {
    requestNumbers: Type.Array(NonEmpty(64), { maxItems: MAX_LINKS_PER_KIND, default: [] }),
    surveyResponseIds: Type.Array(Uuid, { maxItems: MAX_LINKS_PER_KIND, default: [] }),
    surveyQuestions: Type.Array(
      Type.Object({ surveyId: Uuid, question: NonEmpty(100) }, { additionalProperties: false }),
      { maxItems: MAX_LINKS_PER_KIND, default: [] },
    ),
  },
  { additionalProperties: false },
);

const ActionBody = Type.Object(
  {
    finding: NonEmpty(FINDING_MAX_LENGTH),
    decision: NonEmpty(DECISION_MAX_LENGTH),
    ownerId: Nullable(Uuid),
    departmentId: Type.Union([Uuid, Type.Null()], { default: null }),
    dueOn: IsoDate,
    links: Links,
  },
  { additionalProperties: false },
);

const StatusBody = Type.Object(
  {
    status: Status,
    doneOn: Type.Optional(IsoDate),
    result: Type.Optional(Type.String({ maxLength: RESULT_MAX_LENGTH })),
  },
  { additionalProperties: false },
);

const Link = Type.Union([
  Type.Object({ kind: Type.Literal('request'), requestId: Uuid, number: Type.String() }),
  Type.Object({
    kind: Type.Literal('survey_response'),
    surveyId: Uuid,
    surveyTitle: Type.String(),
    responseId: Uuid,
  }),
  Type.Object({
    kind: Type.Literal('survey_question'),
    surveyId: Uuid,
    surveyTitle: Type.String(),
    question: Type.String(),
  }),
]);

const FeedbackAction = Type.Object({
  id: Uuid,
  finding: Type.String(),
  decision: Type.String(),
  ownerId: Nullable(Uuid),
  ownerName: Nullable(Type.String()),
  departmentId: Nullable(Uuid),
  departmentName: Nullable(Type.String()),
  dueOn: Type.String(),
  status: Status,
  doneOn: Nullable(Type.String()),
  result: Nullable(Type.String()),
  overdue: Type.Boolean(),
  links: Type.Array(Link),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

const ListQuery = Type.Object(
  {
    ...PageQuery,
    status: Type.Optional(Status),
    ownerId: Type.Optional(Uuid),
    departmentId: Type.Optional(Uuid),
    overdue: Type.Optional(Type.Boolean()),
    search: Type.Optional(Type.String({ maxLength: 200 })),
    requestId: Type.Optional(Uuid),
    surveyId: Type.Optional(Uuid),
    sort: Type.Optional(Type.Enum(FEEDBACK_ACTION_SORTS)),
    order: Type.Optional(Type.Enum(['asc', 'desc'] as const)),
  },
  { additionalProperties: false },
);

/** The log of decisions from feedback under `/api/staff/feedback-actions` (issue 11 p. 5). */
export function feedbackActionRoutes(fastify: FastifyInstance, { feedbackActions }: Services) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['feedback-actions'];
  const reader = requireStaff();
  const writer = requireStaff(...FEEDBACK_ACTION_WRITERS);
  const params = Type.Object({ id: Uuid });

  app.get(
    '/api/staff/feedback-actions',
    {
      preHandler: reader,
      schema: { tags, querystring: ListQuery, response: { 200: pageOf(FeedbackAction) } },
    },
    (request) => feedbackActions.list(actorOf(request), request.query),
  );
  app.get(
    '/api/staff/feedback-actions/owners',
    {
      preHandler: writer,
      schema: { tags, response: { 200: Type.Array(Type.Object({ id: Uuid, name: Type.String() })) } },
    },
    (request) => feedbackActions.owners(actorOf(request)),
  );
  app.get(
    '/api/staff/feedback-actions/:id',
    { preHandler: reader, schema: { tags, params, response: { 200: FeedbackAction } } },
    (request) => feedbackActions.get(actorOf(request), request.params.id),
  );
  app.post(
    '/api/staff/feedback-actions',
    { preHandler: writer, schema: { tags, body: ActionBody, response: { 201: FeedbackAction } } },
    async (request, reply) =>
      reply.status(201).send(await feedbackActions.create(actorOf(request), request.body)),
  );
  app.put(
    '/api/staff/feedback-actions/:id',
    { preHandler: writer, schema: { tags, params, body: ActionBody, response: { 200: FeedbackAction } } },
    (request) => feedbackActions.update(actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/staff/feedback-actions/:id/status',
    { preHandler: writer, schema: { tags, params, body: StatusBody, response: { 200: FeedbackAction } } },
    (request) => feedbackActions.setStatus(actorOf(request), request.params.id, request.body),
  );
}
