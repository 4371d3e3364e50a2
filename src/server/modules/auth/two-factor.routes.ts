import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { requestContextOf } from '../../http/request-context.js';
import { Uuid } from '../../http/schemas.js';
import { actorOf, requireRecentAuth, requireSession, requireStaff } from '../../http/session.js';
import { Unauthorized } from '../../lib/errors.js';
import type { Services } from '../../services.js';
import { loginRateLimit } from './routes.js';

const Code = Type.String({ minLength: 1, maxLength: 32 });

/** TOTP second factor (ASVS 2.8): each person manages their own; an admin can only reset it. */
export function twoFactorRoutes(fastify: FastifyInstance, { twoFactor, authEvents, config }: Services) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['auth'];
  // Code guessing is limited like password guessing, per client address.
  const rateLimit = loginRateLimit(config, authEvents);
  const recentAuth = requireRecentAuth(config.reauthWindowMinutes);
  const userIdOf = (request: { session: { info: { user: { id: string } } } | null }) => {
    if (!request.session) throw new Unauthorized();
    return request.session.info.user.id;
  };

  app.get(
    '/api/auth/two-factor',
    {
      preHandler: requireSession(),
      schema: {
        tags,
        response: { 200: Type.Object({ enabled: Type.Boolean(), recoveryCodesLeft: Type.Integer() }) },
      },
    },
    (request) => twoFactor.status(userIdOf(request)),
  );

  app.post(
    '/api/auth/two-factor/setup',
    {
      preHandler: requireSession(),
      schema: {
        tags,
        response: { 200: Type.Object({ secret: Type.String(), uri: Type.String(), qr: Type.String() }) },
      },
    },
    (request) => twoFactor.setup(userIdOf(request)),
  );

  app.post(
    '/api/auth/two-factor/confirm',
    {
      preHandler: requireSession(),
      config: { rateLimit },
      schema: {
        tags,
        body: Type.Object({ code: Code }, { additionalProperties: false }),
        response: { 200: Type.Object({ recoveryCodes: Type.Array(Type.String()) }) },
      },
    },
    async (request) => ({
      recoveryCodes: await twoFactor.confirm(
        userIdOf(request),
        request.body.code.trim(),
        requestContextOf(request),
      ),
    }),
  );

  app.post(
    // ASVS 3.7.1 is met in the request itself: it carries the password and a code, checked before
    // anything changes. The session guard on top would ask for a code first and spend the very
    // 30-second step the form's code belongs to, so the repeated request would always fail.
    '/api/auth/two-factor/disable',
    {
      preHandler: requireSession(),
      config: { rateLimit },
      schema: {
        tags,
        body: Type.Object(
          { password: Type.String({ minLength: 1, maxLength: 1024 }), code: Code },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const { password, code } = request.body;
      await twoFactor.disable(userIdOf(request), password, code.trim(), requestContextOf(request));
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/staff/users/:id/two-factor/reset',
    {
      preHandler: [requireStaff('admin'), recentAuth],
      schema: { tags: ['users'], params: Type.Object({ id: Uuid }) },
    },
    async (request, reply) => {
      await twoFactor.reset(actorOf(request), request.params.id, requestContextOf(request));
      return reply.status(204).send();
    },
  );
}
