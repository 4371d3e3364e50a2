import type { FastifyInstance } from 'fastify';
import type { AccessDenialReason } from '../../common/auth-events.js';
import { DomainError } from '../lib/errors.js';
import type { AccessDenialLog } from '../modules/audit/access-denials.js';
import { requestContextOf } from './request-context.js';
import { AccessDenied, REAUTHENTICATION_REQUIRED } from './session.js';

/**
 * The guard's own reason; any other 403 of a signed-in request is a capability's rule refusing.
 * Asking to confirm the password is not a refusal: its outcome is logged as a re-authentication.
 */
function denialReason(error: unknown): AccessDenialReason | null {
  if (error instanceof AccessDenied) return error.reason;
  if (error instanceof DomainError && error.code === REAUTHENTICATION_REQUIRED) return null;
  if (error instanceof DomainError && error.status === 403) return 'capability_rule';
  return null;
}

/**
 * ASVS 7.2.2: every 403 of a signed-in request leaves an `access_denied` entry naming the user, the
 * agency the session acted for, the method, the route pattern and the reason. A failure to write
 * it is logged and the client still gets its 403.
 */
export function logAccessDenials(app: FastifyInstance, denials: AccessDenialLog) {
  app.addHook('onError', async (request, _reply, error) => {
    const reason = denialReason(error);
    if (!reason || !request.session) return;
    try {
      await denials.record(requestContextOf(request), {
        userId: request.session.info.user.id,
        agencyId: request.session.agencyId,
        method: request.method,
        route: request.routeOptions.url ?? 'unknown',
        reason,
      });
    } catch (failure) {
      request.log.error({ err: failure }, 'could not log a denied access');
    }
  });
}
