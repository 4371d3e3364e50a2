import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * helmet's security headers on every response, from one middleware built here once.
 * @fastify/helmet built the middleware anew for every request, which was about 4 % of an
 * intake's CPU in the intake benchmark (issue 4).
 */
export function registerSecurityHeaders(app: FastifyInstance, options: HelmetOptions) {
  const applyHeaders = helmet(options);
  app.addHook('onRequest', (request, reply, done) => {
    // helmet 8 throws instead of passing an error on; its callback only says it is done.
    applyHeaders(request.raw, reply.raw, () => done());
  });
}
