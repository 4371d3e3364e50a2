import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { KB_KINDS, KB_MAX_TAGS, KB_VISIBILITIES, SCRIPT_STAGES } from '../../../common/kb.js';
import { NonEmpty, PageQuery, pageOf, Uuid } from '../../http/schemas.js';
import { actorOf, requireStaff } from '../../http/session.js';
import type { Services } from '../../services.js';
import { ARTICLE_SORTS } from './articles.repo.js';
import { KB_READERS } from './permissions.js';

const Kind = Type.Enum(KB_KINDS);
const Visibility = Type.Enum(KB_VISIBILITIES);
const ScriptStage = Type.Union([Type.Enum(SCRIPT_STAGES), Type.Null()]);

const Summary = Type.Object({
  id: Uuid,
  kind: Kind,
  title: Type.String(),
  tags: Type.Array(Type.String()),
  visibility: Visibility,
  scriptStage: ScriptStage,
  hasShortBody: Type.Boolean(),
  active: Type.Boolean(),
  starter: Type.Boolean(),
  version: Type.Integer(),
  sectionId: Uuid,
  sectionTitle: Type.String(),
  departmentId: Type.Union([Uuid, Type.Null()]),
  updatedAt: Type.String(),
});

const Person = Type.Union([Type.Object({ id: Uuid, name: Type.String() }), Type.Null()]);
const Linked = Type.Object({ id: Uuid, title: Type.String(), kind: Kind, active: Type.Boolean() });
export const KbAttachment = Type.Object({
  id: Uuid,
  name: Type.String(),
  mimeType: Type.String(),
  size: Type.Integer(),
  uploadedBy: Type.Union([Uuid, Type.Null()]),
  createdAt: Type.String(),
});

export const Article = Type.Object({
  ...Summary.properties,
  body: Type.String(),
  shortBody: Type.Union([Type.String(), Type.Null()]),
  section: Type.Object({ id: Uuid, title: Type.String(), departmentId: Type.Union([Uuid, Type.Null()]) }),
  createdAt: Type.String(),
  createdBy: Person,
  updatedBy: Person,
  attachments: Type.Array(KbAttachment),
  links: Type.Object({ outgoing: Type.Array(Linked), incoming: Type.Array(Linked) }),
  canEdit: Type.Boolean(),
});

const Editable = {
  sectionId: Uuid,
  title: NonEmpty(300),
  body: Type.String({ maxLength: 200_000 }),
  shortBody: Type.Union([Type.String({ maxLength: 5_000 }), Type.Null()]),
  scriptStage: ScriptStage,
  tags: Type.Array(Type.String({ maxLength: 200 }), { maxItems: KB_MAX_TAGS * 2 }),
  visibility: Visibility,
  // What the author says about the change, kept with the version.
  note: Type.Union([Type.String({ maxLength: 500 }), Type.Null()]),
};

export function kbArticleRoutes(fastify: FastifyInstance, { kbArticles }: Services) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['kb'];
  const params = Type.Object({ id: Uuid });

  app.get(
    '/api/staff/kb/articles',
    {
      preHandler: requireStaff(...KB_READERS),
      schema: {
        tags,
        querystring: Type.Object({
          ...PageQuery,
          kind: Type.Optional(Kind),
          sectionId: Type.Optional(Uuid),
          departmentId: Type.Optional(Uuid),
          tag: Type.Optional(Type.String({ maxLength: 40 })),
          visibility: Type.Optional(Visibility),
          archived: Type.Optional(Type.Boolean()),
          sort: Type.Optional(Type.Enum(ARTICLE_SORTS)),
        }),
        response: { 200: pageOf(Summary) },
      },
    },
    (request) => {
      const { page, pageSize, sort, tag, ...filter } = request.query;
      return kbArticles.list(
        actorOf(request),
        { ...filter, tag: tag?.trim().toLowerCase() || undefined },
        sort ?? 'title',
        { page: page ?? 1, pageSize: pageSize ?? 25 },
      );
    },
  );

  app.get(
    '/api/staff/kb/articles/:id',
    { preHandler: requireStaff(...KB_READERS), schema: { tags, params, response: { 200: Article } } },
    (request) => kbArticles.detail(actorOf(request), request.params.id),
  );

  // Who may write is the section's business (permissions.ts); every reader's role can own one.
  app.post(
    '/api/staff/kb/articles',
    {
      preHandler: requireStaff(...KB_READERS),
      schema: {
        tags,
        body: Type.Object(
          {
            sectionId: Editable.sectionId,
            kind: Kind,
            title: Editable.title,
            body: Editable.body,
            shortBody: Type.Optional(Editable.shortBody),
            scriptStage: Type.Optional(Editable.scriptStage),
            tags: Type.Optional(Editable.tags),
            visibility: Type.Optional(Editable.visibility),
            note: Type.Optional(Editable.note),
          },
          { additionalProperties: false },
        ),
        response: { 201: Article },
      },
    },
    async (request, reply) => {
      const { body } = request;
      const created = await kbArticles.create(actorOf(request), {
        ...body,
        shortBody: body.shortBody ?? null,
        scriptStage: body.scriptStage ?? null,
        tags: body.tags ?? [],
        visibility: body.visibility ?? 'internal',
        note: body.note ?? null,
      });
      return reply.status(201).send(created);
    },
  );

  app.patch(
    '/api/staff/kb/articles/:id',
    {
      preHandler: requireStaff(...KB_READERS),
      schema: {
        tags,
        params,
        body: Type.Partial(Type.Object(Editable), { additionalProperties: false }),
        response: { 200: Article },
      },
    },
    (request) => kbArticles.update(actorOf(request), request.params.id, request.body),
  );

  for (const [action, archived] of [
    ['archive', true],
    ['unarchive', false],
  ] as const) {
    app.post(
      `/api/staff/kb/articles/:id/${action}`,
      { preHandler: requireStaff(...KB_READERS), schema: { tags, params, response: { 200: Article } } },
      (request) => kbArticles.setArchived(actorOf(request), request.params.id, archived),
    );
  }
}
