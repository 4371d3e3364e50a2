import type { FastifyRequest } from 'fastify';
import type { RequestContext } from '../modules/audit/auth-events.service.js';

const MAX_USER_AGENT = 500;

/** The client address (X-Forwarded-For only with TRUST_PROXY), its browser and the request id. */
export function requestContextOf(request: FastifyRequest): RequestContext {
  const userAgent = request.headers['user-agent'];
  return {
    ip: request.ip,
    userAgent: typeof userAgent === 'string' ? userAgent.replaceAll('\0', '').slice(0, MAX_USER_AGENT) : null,
    requestId: request.id,
  };
}
