import type { FastifyInstance } from 'fastify';
import type { AccessDenialLog } from '../modules/audit/access-denials.js';
import { requestContextOf } from './request-context.js';
import { AccessDenied } from './session.js';

/**
 * ASVS 7.2.2: every 403 of the access guards leaves an `access_denied` entry naming the user, the
 * agency the session acted for, the method and the route pattern. A failure to write it is logged
 * and the client still gets its 403.
 */
export function logAccessDenials(app: FastifyInstance, denials: AccessDenialLog) {
  app.addHook('onError', async (request, _reply, error) => {
    if (!(error instanceof AccessDenied) || !request.session) return;
    try {
      await denials.record(requestContextOf(request), {
        userId: request.session.info.user.id,
        agencyId: request.session.agencyId,
        method: request.method,
        route: request.routeOptions.url ?? 'unknown',
        reason: error.reason,
      });
    } catch (failure) {
      request.log.error({ err: failure }, 'could not log a denied access');
    }
  });
}
