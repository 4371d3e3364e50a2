import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { NonEmpty, PageQuery, pageOf, Role, Uuid } from '../../http/schemas.js';
import { actorOf, bodyNames, requireRecentAuth, requireStaff } from '../../http/session.js';
import type { Services } from '../../services.js';

const StaffUser = Type.Object({
  id: Uuid,
  email: Type.String(),
  name: Type.String(),
  roles: Type.Array(Role),
  departmentIds: Type.Array(Uuid),
  active: Type.Boolean(),
  lastLoginAt: Type.Union([Type.String(), Type.Null()]),
  twoFactor: Type.Boolean(),
});
const Roles = Type.Array(Role, { minItems: 1, uniqueItems: true });
const DepartmentIds = Type.Array(Uuid, { uniqueItems: true, maxItems: 50 });

export function userRoutes(fastify: FastifyInstance, { users, config }: Services) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['users'];
  const window = config.reauthWindowMinutes;

  app.get(
    '/api/staff/users',
    {
      preHandler: requireStaff('admin', 'head'),
      schema: {
        tags,
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 200 })),
          role: Type.Optional(Role),
          departmentId: Type.Optional(Uuid),
          ...PageQuery,
        }),
        response: { 200: pageOf(StaffUser) },
      },
    },
    (request) => users.list(actorOf(request), { ...request.query, q: request.query.q?.trim() || undefined }),
  );

  app.post(
    '/api/staff/users',
    {
      preHandler: [requireStaff('admin'), requireRecentAuth(window)],
      schema: {
        tags,
        body: Type.Object(
          {
            email: Type.String({ format: 'email', maxLength: 254 }),
            name: NonEmpty(200),
            roles: Roles,
            departmentIds: DepartmentIds,
          },
          { additionalProperties: false },
        ),
        response: { 201: StaffUser },
      },
    },
    async (request, reply) => reply.status(201).send(await users.create(actorOf(request), request.body)),
  );

  // Renaming or moving between departments is ordinary work; roles and deactivation are not.
  app.patch(
    '/api/staff/users/:id',
    {
      preHandler: [requireStaff('admin'), requireRecentAuth(window, bodyNames('roles', 'active'))],
      schema: {
        tags,
        params: Type.Object({ id: Uuid }),
        body: Type.Object(
          {
            name: Type.Optional(NonEmpty(200)),
            roles: Type.Optional(Roles),
            departmentIds: Type.Optional(DepartmentIds),
            active: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: { 200: StaffUser },
      },
    },
    (request) => users.update(actorOf(request), request.params.id, request.body),
  );

  // Everyone edits their own signature; it is appended to the answers they send.
  const Signature = Type.Object({ signature: Type.Union([Type.String(), Type.Null()]) });
  app.get(
    '/api/staff/profile/signature',
    { preHandler: requireStaff(), schema: { tags, response: { 200: Signature } } },
    async (request) => ({ signature: await users.signatureOf(actorOf(request).userId) }),
  );
  app.put(
    '/api/staff/profile/signature',
    {
      preHandler: requireStaff(),
      schema: {
        tags,
        body: Type.Object({ signature: Type.String({ maxLength: 1000 }) }, { additionalProperties: false }),
        response: { 200: Signature },
      },
    },
    async (request) => ({ signature: await users.setOwnSignature(actorOf(request), request.body.signature) }),
  );
}
