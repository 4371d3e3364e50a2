import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { AccessDenialReason } from '../../common/auth-events.js';
import type { Role } from '../../common/roles.js';
import { BACKGROUND_POLL_HEADER } from '../../common/session-activity.js';
import type { Actor } from '../lib/actor.js';
import { DomainError, Unauthorized } from '../lib/errors.js';
import { IDLE, type ResolvedSession, type SessionService } from '../modules/auth/session.service.js';
import { requestContextOf } from './request-context.js';

const PLAIN_COOKIE = 'otklik_session';

/**
 * ASVS 3.4.4: over https the cookie is `__Host-`-prefixed, so a browser keeps it only when Secure,
 * Path=/ and without Domain — a sibling subdomain cannot plant or overwrite it. Plain http (dev,
 * tests) cannot carry the prefix. Each mode reads only its own name: honouring the plain one over
 * https would let a planted cookie back in; sessions from before the switch simply log in again.
 */
export const sessionCookieName = (secure: boolean) => (secure ? `__Host-${PLAIN_COOKIE}` : PLAIN_COOKIE);

declare module 'fastify' {
  interface FastifyRequest {
    session: ResolvedSession | null;
    /** The cookie named a session that this very request ended for being idle. */
    sessionIdle: boolean;
    actor: Actor | null;
  }
}

/** A 403 of an access guard; its reason is logged as `access_denied` (http/access-denial-log.ts). */
export class AccessDenied extends DomainError {
  constructor(
    readonly reason: AccessDenialReason,
    message = 'Недостаточно прав для этого действия',
    code = 'forbidden',
  ) {
    super(403, code, message);
  }
}

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  sessionId: string,
  secure: boolean,
  ttlHours: number,
) {
  // A plain-named cookie left from before https was switched on is dropped, not kept alongside.
  if (secure && request.cookies[PLAIN_COOKIE]) reply.clearCookie(PLAIN_COOKIE, { path: '/' });
  reply.setCookie(sessionCookieName(secure), sessionId, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure,
    maxAge: ttlHours * 3600,
  });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean) {
  reply.clearCookie(sessionCookieName(secure), { path: '/', secure, httpOnly: true, sameSite: 'lax' });
}

/** Resolves the cookie to a session once per request; routes then ask for what they need. */
export function sessionLoader(sessions: SessionService, secure: boolean) {
  const cookieName = sessionCookieName(secure);
  return async (request: FastifyRequest) => {
    request.session = null;
    request.sessionIdle = false;
    request.actor = null;
    const sessionId = request.cookies[cookieName];
    if (!sessionId) return;
    const userActivity = request.headers[BACKGROUND_POLL_HEADER] === undefined;
    const session = await sessions.resolve(sessionId, requestContextOf(request), userActivity);
    if (session === IDLE) {
      request.sessionIdle = true;
      return;
    }
    if (!session) return;
    request.session = session;
    // No actor at all: a route that forgot its guard still cannot act for the agency.
    if (session.agencyId && !session.info.twoFactorEnrolmentRequired) {
      request.actor = {
        userId: session.info.user.id,
        agencyId: session.agencyId,
        roles: session.info.roles,
        isRegionAdmin: session.info.isRegionAdmin,
      };
    }
  };
}

/** 401 for a request without a session, telling an idle-ended one apart so the console can say so. */
export function signedOut(request: FastifyRequest): Unauthorized {
  return request.sessionIdle
    ? new Unauthorized('session_idle', 'Сеанс завершён: вы долго не работали. Войдите снова.')
    : new Unauthorized();
}

/** Writes carry the session's CSRF token in X-CSRF-Token: a cross-site form cannot read it. */
function assertCsrf(request: FastifyRequest, session: ResolvedSession) {
  if (request.method === 'GET' || request.method === 'HEAD') return;
  const header = request.headers['x-csrf-token'];
  if (typeof header !== 'string' || !sameToken(header, session.info.csrfToken)) {
    throw new AccessDenied(
      'csrf_failed',
      'Сессия устарела: обновите страницу и повторите действие',
      'csrf_failed',
    );
  }
}

/** ASVS 4.3.1: the agency (or the server, of region administrators) requires 2FA; until enrolled they may only enrol. */
function assertTwoFactorEnrolled(session: ResolvedSession) {
  if (session.info.twoFactorEnrolmentRequired) {
    throw new AccessDenied(
      'two_factor_enrolment_required',
      session.info.twoFactorRequiredBy === 'region'
        ? 'Администраторы региона входят только с двухфакторной аутентификацией: подключите её, чтобы продолжить работу'
        : 'Ведомство требует от администраторов входа с двухфакторной аутентификацией: подключите её, чтобы продолжить работу',
      'two_factor_enrolment_required',
    );
  }
}

export function requireSession(): preHandlerAsyncHookHandler {
  return async (request) => {
    if (!request.session) throw signedOut(request);
    assertCsrf(request, request.session);
  };
}

/** Staff of the current agency holding one of `roles` (any role when empty). */
export function requireStaff(...roles: Role[]): preHandlerAsyncHookHandler {
  return async (request) => {
    if (!request.session) throw signedOut(request);
    assertCsrf(request, request.session);
    assertTwoFactorEnrolled(request.session);
    const actor = request.actor;
    if (!actor) throw new AccessDenied('no_agency', 'У вас нет доступа ни к одному ведомству');
    if (roles.length > 0 && !roles.some((role) => actor.roles.includes(role))) {
      throw new AccessDenied('role_missing');
    }
  };
}

export function requireRegionAdmin(): preHandlerAsyncHookHandler {
  return async (request) => {
    if (!request.session) throw signedOut(request);
    assertCsrf(request, request.session);
    assertTwoFactorEnrolled(request.session);
    if (!request.session.info.isRegionAdmin) throw new AccessDenied('not_region_admin');
  };
}

/**
 * ASVS 3.7.1: a dangerous action needs the password confirmed in this session within
 * REAUTH_WINDOW_MINUTES; put it after requireStaff/requireRegionAdmin. `when` narrows it to the
 * requests that do the dangerous part (e.g. a PATCH that changes roles, not one that renames).
 */
export function requireRecentAuth(
  windowMinutes: number,
  when: (request: FastifyRequest) => boolean = () => true,
): preHandlerAsyncHookHandler {
  return async (request) => {
    if (!request.session) throw signedOut(request);
    if (!when(request)) return;
    const confirmedAt = request.session.reauthenticatedAt?.getTime() ?? 0;
    if (confirmedAt + windowMinutes * 60_000 > Date.now()) return;
    throw new DomainError(403, REAUTHENTICATION_REQUIRED, 'Подтвердите пароль, чтобы продолжить');
  };
}

export const REAUTHENTICATION_REQUIRED = 'reauthentication_required';

/** True when the JSON body carries any of `fields` (an empty object carries nothing). */
export const bodyNames =
  (...fields: string[]) =>
  (request: FastifyRequest) => {
    const body = request.body as Record<string, unknown> | null;
    if (typeof body !== 'object' || body === null) return false;
    return fields.some((field) => {
      const value = body[field];
      if (value === undefined) return false;
      return typeof value !== 'object' || value === null || Object.keys(value).length > 0;
    });
  };

/** The actor of a route guarded by requireStaff. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new Unauthorized();
  return request.actor;
}
