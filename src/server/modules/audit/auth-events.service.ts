import type { AuthEvent, AuthEventKind } from '../../../common/auth-events.js';
import type { Page } from '../../../common/types.js';
import type { Db, Executor } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { type PageRequest, pageWindow, toPage } from '../../lib/paging.js';
import {
  type AuthEventFilter,
  hasSignedInBefore,
  insertAuthEvent,
  insertRateLimitedUnlessRecent,
  listAuthEventRows,
  listSignInOrigins,
} from './auth-events.repo.js';

/** Where a request came from, for the entry; taken by `requestContextOf` in http/request-context.ts. */
export interface RequestContext {
  ip: string;
  userAgent: string | null;
  requestId: string;
}

export interface AuthEventInput {
  kind: AuthEventKind;
  userId?: string | null;
  email?: string | null;
  reason?: string | null;
}

const RATE_LIMITED_WINDOW_MS = 60_000;

export function createAuthEventLog(db: Db) {
  return {
    /** Pass the transaction when the event belongs to a change, so both commit together. */
    record(context: RequestContext, event: AuthEventInput, executor: Executor = db) {
      return insertAuthEvent(executor, {
        kind: event.kind,
        userId: event.userId ?? null,
        email: event.email ?? null,
        reason: event.reason ?? null,
        ...context,
      });
    },
    recordRateLimited(context: RequestContext, now = new Date()) {
      return insertRateLimitedUnlessRecent(
        db,
        { kind: 'rate_limited', ...context },
        new Date(now.getTime() - RATE_LIMITED_WINDOW_MS),
      );
    },
    /**
     * Where the user signed in from since `since` (the sign-in of `requestId` itself left out), and
     * whether they ever signed in before it.
     */
    async signInHistory(userId: string, since: Date, requestId: string) {
      const origins = await listSignInOrigins(db, userId, since, requestId);
      const signedInBefore = origins.length > 0 || (await hasSignedInBefore(db, userId, requestId));
      return { origins, signedInBefore };
    },
    /** Admins see their agency's members; the region administrator sees everyone and the unknown. */
    async list(actor: Actor, filter: AuthEventFilter & PageRequest): Promise<Page<AuthEvent>> {
      const { page, limit, offset } = pageWindow(filter);
      const scope = actor.isRegionAdmin ? null : actor.agencyId;
      const { total, rows } = await listAuthEventRows(db, scope, filter, limit, offset);
      const items = rows.map((row) => ({
        id: String(row.id),
        at: row.at.toISOString(),
        kind: row.kind,
        user: row.userId ? { id: row.userId, name: row.userName ?? '', email: row.userEmail ?? '' } : null,
        email: row.email,
        reason: row.reason,
        ip: row.ip,
        userAgent: row.userAgent,
        requestId: row.requestId,
        agencyId: row.agencyId,
        method: row.method,
        route: row.route,
      }));
      return toPage(items, total, page, limit);
    },
  };
}

export type AuthEventLog = ReturnType<typeof createAuthEventLog>;
