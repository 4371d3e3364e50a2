import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { KB_KINDS, KB_VISIBILITIES, SCRIPT_STAGES } from '../../../common/kb.js';
import { Uuid } from '../../http/schemas.js';
import { actorOf, requireStaff } from '../../http/session.js';
import type { Services } from '../../services.js';
import { Article } from './articles.routes.js';
import { KB_READERS } from './permissions.js';

const Version = Type.Object({
  version: Type.Integer(),
  authorId: Type.Union([Uuid, Type.Null()]),
  authorName: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  note: Type.Union([Type.String(), Type.Null()]),
});

const ScriptStage = Type.Union([Type.Enum(SCRIPT_STAGES), Type.Null()]);

const FullVersion = Type.Object({
  ...Version.properties,
  kind: Type.Enum(KB_KINDS),
  sectionId: Uuid,
  title: Type.String(),
  body: Type.String(),
  shortBody: Type.Union([Type.String(), Type.Null()]),
  scriptStage: ScriptStage,
  tags: Type.Array(Type.String()),
  visibility: Type.Enum(KB_VISIBILITIES),
  active: Type.Boolean(),
});

const Parts = Type.Array(
  Type.Object({ kind: Type.Enum(['same', 'added', 'removed'] as const), text: Type.String() }),
);
const change = <T extends Parameters<typeof Type.Object>[0][string]>(value: T) =>
  Type.Union([Type.Object({ from: value, to: value }), Type.Null()]);

const Diff = Type.Object({
  from: Type.Integer(),
  to: Type.Integer(),
  title: Parts,
  body: Parts,
  shortBody: Type.Union([Parts, Type.Null()]),
  tags: Type.Object({ added: Type.Array(Type.String()), removed: Type.Array(Type.String()) }),
  visibility: change(Type.Enum(KB_VISIBILITIES)),
  scriptStage: change(ScriptStage),
  sectionId: change(Uuid),
  active: change(Type.Boolean()),
});

const VersionNumber = Type.Integer({ minimum: 1, maximum: 1_000_000 });

export function kbVersionRoutes(fastify: FastifyInstance, { kbVersions }: Services) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['kb'];
  const params = Type.Object({ id: Uuid });
  const versionParams = Type.Object({ id: Uuid, version: VersionNumber });
  const reader = requireStaff(...KB_READERS);

  app.get(
    '/api/staff/kb/articles/:id/versions',
    { preHandler: reader, schema: { tags, params, response: { 200: Type.Array(Version) } } },
    (request) => kbVersions.list(actorOf(request), request.params.id),
  );

  app.get(
    '/api/staff/kb/articles/:id/versions/:version',
    { preHandler: reader, schema: { tags, params: versionParams, response: { 200: FullVersion } } },
    (request) => kbVersions.get(actorOf(request), request.params.id, request.params.version),
  );

  app.get(
    '/api/staff/kb/articles/:id/diff',
    {
      preHandler: reader,
      schema: {
        tags,
        params,
        querystring: Type.Object({ from: VersionNumber, to: VersionNumber }),
        response: { 200: Diff },
      },
    },
    (request) => kbVersions.diff(actorOf(request), request.params.id, request.query.from, request.query.to),
  );

  // Writing is checked against the section by the article service, as for any save.
  app.post(
    '/api/staff/kb/articles/:id/versions/:version/restore',
    { preHandler: reader, schema: { tags, params: versionParams, response: { 200: Article } } },
    (request) => kbVersions.restore(actorOf(request), request.params.id, request.params.version),
  );
}
