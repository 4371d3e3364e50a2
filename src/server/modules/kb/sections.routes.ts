import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { MAX_REVIEW_INTERVAL_DAYS } from '../../../common/kb.js';
import { IsoDate, NonEmpty, Uuid } from '../../http/schemas.js';
import { actorOf, requireStaff } from '../../http/session.js';
import type { Services } from '../../services.js';
import { KB_READERS } from './permissions.js';

/** The agency's administrators and knowledge-base editors lay out the sections. */
const SECTION_MANAGERS = ['admin', 'kb_editor'] as const;

const Section = Type.Object({
  id: Uuid,
  title: Type.String(),
  description: Type.String(),
  departmentId: Type.Union([Uuid, Type.Null()]),
  reviewIntervalDays: Type.Integer(),
  reviewDueOn: IsoDate,
  lastReviewedAt: Type.Union([Type.String(), Type.Null()]),
  starter: Type.Boolean(),
});

const Listed = Type.Object({
  ...Section.properties,
  departmentName: Type.Union([Type.String(), Type.Null()]),
  articleCount: Type.Integer(),
  archivedCount: Type.Integer(),
  canEdit: Type.Boolean(),
});

const Fields = {
  title: NonEmpty(200),
  description: Type.String({ maxLength: 2000 }),
  departmentId: Type.Union([Uuid, Type.Null()]),
  reviewIntervalDays: Type.Integer({ minimum: 1, maximum: MAX_REVIEW_INTERVAL_DAYS }),
};

export function kbSectionRoutes(fastify: FastifyInstance, { kbSections }: Services) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['kb'];
  const params = Type.Object({ id: Uuid });

  app.get(
    '/api/staff/kb/sections',
    {
      preHandler: requireStaff(...KB_READERS),
      schema: { tags, response: { 200: Type.Array(Listed) } },
    },
    (request) => kbSections.list(actorOf(request)),
  );

  app.post(
    '/api/staff/kb/sections',
    {
      preHandler: requireStaff(...SECTION_MANAGERS),
      schema: {
        tags,
        body: Type.Object(
          {
            title: Fields.title,
            description: Type.Optional(Fields.description),
            departmentId: Fields.departmentId,
            reviewIntervalDays: Fields.reviewIntervalDays,
          },
          { additionalProperties: false },
        ),
        response: { 201: Section },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await kbSections.create(actorOf(request), { description: '', ...request.body })),
  );

  app.patch(
    '/api/staff/kb/sections/:id',
    {
      preHandler: requireStaff(...SECTION_MANAGERS),
      schema: {
        tags,
        params,
        body: Type.Partial(Type.Object(Fields), { additionalProperties: false }),
        response: { 200: Section },
      },
    },
    (request) => kbSections.update(actorOf(request), request.params.id, request.body),
  );

  app.delete(
    '/api/staff/kb/sections/:id',
    { preHandler: requireStaff(...SECTION_MANAGERS), schema: { tags, params } },
    async (request, reply) => {
      await kbSections.remove(actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );
}
