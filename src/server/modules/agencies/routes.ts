import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { NonEmpty, PublicAgency, Touchpoint, Uuid, WorkingHours } from '../../http/schemas.js';
import {
  actorOf,
  bodyNames,
  requireRecentAuth,
  requireRegionAdmin,
  requireStaff,
} from '../../http/session.js';
import type { Services } from '../../services.js';
import { DEFAULT_WORKING_HOURS } from './working-hours.js';

const Department = Type.Object({ id: Uuid, name: Type.String(), userCount: Type.Integer() });
const StaffAgency = Type.Object({
  ...PublicAgency.properties,
  workingHours: WorkingHours,
  requestNumberPrefix: Type.String(),
  reminderLeadDays: Type.Array(Type.Integer()),
  retentionYears: Type.Integer(),
  requireTwoFactorForAdmins: Type.Boolean(),
});
const Slug = Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', minLength: 2, maxLength: 40 });
const IdParams = Type.Object({ id: Uuid });

export function agencyRoutes(fastify: FastifyInstance, { agencies, users, twoFactor, config }: Services) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['agency'];
  const publicLimit = { rateLimit: { max: config.publicRatePerMinute, timeWindow: '1 minute' } };

  app.get(
    '/api/public/agencies',
    { config: publicLimit, schema: { tags, response: { 200: Type.Array(PublicAgency) } } },
    () => agencies.listPublic(),
  );

  app.get(
    '/api/public/:agency',
    {
      config: publicLimit,
      schema: {
        tags,
        params: Type.Object({ agency: Slug }),
        response: {
          200: Type.Object({
            ...PublicAgency.properties,
            workingHours: WorkingHours,
            touchpoints: Type.Array(Touchpoint),
            departments: Type.Array(Type.Object({ id: Uuid, name: Type.String() })),
          }),
        },
      },
    },
    (request) => agencies.portal(request.params.agency),
  );

  app.get(
    '/api/staff/agency',
    { preHandler: requireStaff(), schema: { tags, response: { 200: StaffAgency } } },
    (r) => agencies.get(actorOf(r)),
  );

  // The security setting needs a fresh password; names, hours and the like do not.
  app.patch(
    '/api/staff/agency',
    {
      preHandler: [
        requireStaff('admin'),
        requireRecentAuth(config.reauthWindowMinutes, bodyNames('requireTwoFactorForAdmins')),
      ],
      schema: {
        tags,
        body: Type.Object(
          {
            name: Type.Optional(NonEmpty(300)),
            shortName: Type.Optional(NonEmpty(100)),
            timezone: Type.Optional(NonEmpty(64)),
            workingHours: Type.Optional(WorkingHours),
            requestNumberPrefix: Type.Optional(
              Type.String({ maxLength: 20, pattern: '^[0-9A-Za-zА-ЯЁа-яё]*$' }),
            ),
            reminderLeadDays: Type.Optional(
              Type.Array(Type.Integer({ minimum: 0, maximum: 30 }), { maxItems: 5, uniqueItems: true }),
            ),
            // Seed 004 p. 4 sets five years as the minimum the history must be kept.
            retentionYears: Type.Optional(Type.Integer({ minimum: 5, maximum: 75 })),
            requireTwoFactorForAdmins: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: { 200: StaffAgency },
      },
    },
    (request) => {
      const actor = actorOf(request);
      return agencies.update(actor, request.body, async () => (await twoFactor.status(actor.userId)).enabled);
    },
  );

  app.get(
    '/api/staff/departments',
    { preHandler: requireStaff(), schema: { tags, response: { 200: Type.Array(Department) } } },
    (request) => agencies.listDepartments(actorOf(request)),
  );

  const DepartmentBody = Type.Object({ name: NonEmpty(300) }, { additionalProperties: false });

  app.post(
    '/api/staff/departments',
    {
      preHandler: requireStaff('admin'),
      schema: { tags, body: DepartmentBody, response: { 201: Department } },
    },
    async (request, reply) =>
      reply.status(201).send(await agencies.createDepartment(actorOf(request), request.body.name)),
  );

  app.patch(
    '/api/staff/departments/:id',
    {
      preHandler: requireStaff('admin'),
      schema: { tags, params: IdParams, body: DepartmentBody, response: { 200: Department } },
    },
    (request) => agencies.renameDepartment(actorOf(request), request.params.id, request.body.name),
  );

  app.delete(
    '/api/staff/departments/:id',
    { preHandler: requireStaff('admin'), schema: { tags, params: IdParams } },
    async (request, reply) => {
      await agencies.deleteDepartment(actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/staff/region/agencies',
    { preHandler: requireRegionAdmin(), schema: { tags, response: { 200: Type.Array(PublicAgency) } } },
    () => agencies.listPublic(),
  );

  app.post(
    '/api/staff/region/agencies',
    {
      // It makes its creator an administrator of the new agency.
      preHandler: [requireRegionAdmin(), requireRecentAuth(config.reauthWindowMinutes)],
      schema: {
        tags,
        body: Type.Object(
          {
            slug: Slug,
            name: NonEmpty(300),
            shortName: NonEmpty(100),
            timezone: NonEmpty(64),
            workingHours: Type.Optional(WorkingHours),
          },
          { additionalProperties: false },
        ),
        response: { 201: PublicAgency },
      },
    },
    async (request, reply) => {
      const userId = request.session?.info.user.id ?? '';
      const created = await agencies.createAgency(
        { userId },
        { ...request.body, workingHours: request.body.workingHours ?? DEFAULT_WORKING_HOURS },
        (tx, agencyId) => users.grantAdminIfAbsent(tx, agencyId, userId),
      );
      return reply.status(201).send(created);
    },
  );
}

export { IdParams, Slug };
