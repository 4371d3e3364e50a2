import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { KB_KINDS, KB_USE_CONTEXTS } from '../../../common/kb.js';
import { NonEmpty, Uuid } from '../../http/schemas.js';
import { actorOf, requireStaff } from '../../http/session.js';
import type { Services } from '../../services.js';
import { KB_READERS } from './permissions.js';
import { USAGE_PERIODS, type UsagePeriod } from './search.service.js';

// Those who read a request may be shown what answers it (the request routes' readers).
const REQUEST_READERS = ['admin', 'head', 'operator', 'analyst', 'call_operator', 'receptionist'] as const;

const Kind = Type.Enum(KB_KINDS);
const Kinds = Type.Array(Kind, { maxItems: KB_KINDS.length });

const Found = Type.Object({
  id: Uuid,
  title: Type.String(),
  kind: Kind,
  sectionTitle: Type.String(),
  departmentName: Type.Union([Type.String(), Type.Null()]),
  // Plain text, never markup; `highlights` are [start, end) offsets of the matched words in it.
  snippet: Type.String(),
  highlights: Type.Array(Type.Tuple([Type.Integer(), Type.Integer()])),
  usageCount: Type.Integer(),
  updatedAt: Type.String(),
});

const Used = Type.Object({
  id: Uuid,
  title: Type.String(),
  kind: Kind,
  active: Type.Boolean(),
  sectionTitle: Type.String(),
  departmentName: Type.Union([Type.String(), Type.Null()]),
  uses: Type.Integer(),
  users: Type.Integer(),
});

export function kbSearchRoutes(fastify: FastifyInstance, { kbSearch }: Services) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['kb'];

  app.get(
    '/api/staff/kb/search',
    {
      preHandler: requireStaff(...KB_READERS),
      schema: {
        tags,
        querystring: Type.Object({
          q: NonEmpty(200),
          kind: Type.Optional(Kinds),
          sectionId: Type.Optional(Uuid),
          departmentId: Type.Optional(Uuid),
          page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
        }),
        response: {
          200: Type.Object({
            total: Type.Integer(),
            pages: Type.Integer(),
            page: Type.Integer(),
            items: Type.Array(Found),
          }),
        },
      },
    },
    (request) => {
      const { q, kind, page, limit, ...filter } = request.query;
      return kbSearch.search(actorOf(request), {
        ...filter,
        q: q.trim(),
        kinds: kind,
        page: page ?? 1,
        limit: limit ?? 20,
      });
    },
  );

  app.get(
    '/api/staff/requests/:id/kb-suggestions',
    {
      preHandler: requireStaff(...REQUEST_READERS),
      schema: { tags, params: Type.Object({ id: Uuid }), response: { 200: Type.Array(Found) } },
    },
    (request) => kbSearch.forRequest(actorOf(request), request.params.id),
  );

  app.post(
    '/api/staff/kb/suggestions',
    {
      preHandler: requireStaff(...KB_READERS),
      schema: {
        tags,
        body: Type.Object(
          { text: NonEmpty(20_000), kinds: Type.Optional(Kinds) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Array(Found) },
      },
    },
    (request) => kbSearch.forText(actorOf(request), request.body.text, request.body.kinds),
  );

  app.post(
    '/api/staff/kb/articles/:id/uses',
    {
      preHandler: requireStaff(...KB_READERS),
      schema: {
        tags,
        params: Type.Object({ id: Uuid }),
        body: Type.Object(
          { context: Type.Enum(KB_USE_CONTEXTS), subjectId: Type.Optional(Uuid) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ counted: Type.Boolean(), usageCount: Type.Integer() }) },
      },
    },
    (request) =>
      kbSearch.use(actorOf(request), request.params.id, request.body.context, request.body.subjectId ?? null),
  );

  app.get(
    '/api/staff/kb/usage',
    {
      preHandler: requireStaff(...KB_READERS),
      schema: {
        tags,
        querystring: Type.Object({
          period: Type.Optional(Type.Enum(Object.keys(USAGE_PERIODS) as UsagePeriod[])),
        }),
        response: { 200: Type.Array(Used) },
      },
    },
    (request) => kbSearch.topUsed(actorOf(request), request.query.period ?? 'month'),
  );
}
