import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Config } from '../../config.js';
import { requestContextOf } from '../../http/request-context.js';
import { Role } from '../../http/schemas.js';
import { clearSessionCookie, requireSession, setSessionCookie, signedOut } from '../../http/session.js';
import { Unauthorized } from '../../lib/errors.js';
import type { Services } from '../../services.js';
import type { AuthEventLog } from '../audit/auth-events.service.js';

const Email = Type.String({ format: 'email', maxLength: 254 });

const SessionInfo = Type.Object({
  user: Type.Object({ id: Type.String(), email: Type.String(), name: Type.String(), locale: Type.String() }),
  csrfToken: Type.String(),
  isRegionAdmin: Type.Boolean(),
  agencies: Type.Array(
    Type.Object({
      slug: Type.String(),
      name: Type.String(),
      shortName: Type.String(),
      roles: Type.Array(Role),
    }),
  ),
  currentAgency: Type.Union([Type.String(), Type.Null()]),
  roles: Type.Array(Role),
  twoFactorEnrolmentRequired: Type.Boolean(),
  twoFactorRequiredBy: Type.Union([Type.Literal('agency'), Type.Literal('region'), Type.Null()]),
});

/** Per client address; a refusal is logged once a minute per address (ASVS 7.2.1). */
export function loginRateLimit(config: Config, authEvents: AuthEventLog) {
  return {
    max: config.loginRatePerMinute,
    timeWindow: '1 minute',
    onExceeded: (request: FastifyRequest) => {
      authEvents.recordRateLimited(requestContextOf(request)).catch((error: unknown) => {
        request.log.error({ err: error }, 'could not log a rate-limited login');
      });
    },
  };
}

export function authRoutes(
  fastify: FastifyInstance,
  { sessions, authEvents, newDeviceNotice, config }: Services,
) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['auth'];
  const rateLimit = loginRateLimit(config, authEvents);

  app.post(
    '/api/auth/login',
    {
      config: { rateLimit },
      schema: {
        tags,
        body: Type.Object(
          {
            email: Email,
            password: Type.String({ minLength: 1, maxLength: 1024 }),
            // Six digits from the authenticator app, or a recovery code; only when 2FA is on.
            code: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: SessionInfo },
      },
    },
    async (request, reply) => {
      const context = requestContextOf(request);
      const { sessionId, session } = await sessions.login(
        request.body.email,
        request.body.password,
        context,
        request.body.code?.trim(),
      );
      // The letter is only queued here (the outbox delivers it); a failure costs the letter, not the sign-in.
      await newDeviceNotice.afterSignIn(session.info.user.id, context).catch((error: unknown) => {
        request.log.error({ err: error, user: session.info.user.id }, 'could not send the new-device notice');
      });
      setSessionCookie(request, reply, sessionId, config.secureCookies, config.sessionTtlHours);
      return session.info;
    },
  );

  app.get('/api/auth/session', { schema: { tags, response: { 200: SessionInfo } } }, (request) => {
    if (!request.session) throw signedOut(request);
    return request.session.info;
  });

  app.post('/api/auth/logout', { preHandler: requireSession(), schema: { tags } }, async (request, reply) => {
    if (request.session) await sessions.logout(request.session, requestContextOf(request));
    clearSessionCookie(reply, config.secureCookies);
    return reply.status(204).send();
  });

  // ASVS 3.7.1: the password again before a dangerous action; wrong ones count toward the login lock.
  app.post(
    '/api/auth/reauthenticate',
    {
      preHandler: requireSession(),
      config: { rateLimit },
      schema: {
        tags,
        body: Type.Object(
          {
            password: Type.String({ minLength: 1, maxLength: 1024 }),
            // With 2FA on: six digits from the authenticator app, or a recovery code.
            code: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      if (!request.session) throw signedOut(request);
      await sessions.reauthenticate(
        request.session,
        request.body.password,
        request.body.code?.trim() || undefined,
        requestContextOf(request),
      );
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/auth/agency',
    {
      preHandler: requireSession(),
      schema: {
        tags,
        body: Type.Object({ slug: Type.String({ maxLength: 40 }) }, { additionalProperties: false }),
        response: { 200: SessionInfo },
      },
    },
    async (request) => {
      if (!request.session) throw new Unauthorized();
      return (await sessions.switchAgency(request.session, request.body.slug)).info;
    },
  );

  app.post(
    '/api/auth/password-reset',
    {
      config: { rateLimit },
      schema: { tags, body: Type.Object({ email: Email }, { additionalProperties: false }) },
    },
    async (request, reply) => {
      await sessions.requestPasswordReset(request.body.email);
      return reply.status(202).send({ status: 'accepted' });
    },
  );

  app.post(
    '/api/auth/password-reset/confirm',
    {
      config: { rateLimit },
      schema: {
        tags,
        body: Type.Object(
          {
            token: Type.String({ minLength: 1, maxLength: 200 }),
            password: Type.String({ maxLength: 1024 }),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      await sessions.confirmPasswordReset(
        request.body.token,
        request.body.password,
        requestContextOf(request),
      );
      return reply.status(204).send();
    },
  );
}
