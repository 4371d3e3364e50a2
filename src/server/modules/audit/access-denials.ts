import type { AccessDenialReason } from '../../../common/auth-events.js';
import type { Db } from '../../db/client.js';
import { insertAccessDeniedUnlessRecent } from './auth-events.repo.js';
import type { RequestContext } from './auth-events.service.js';

export interface AccessDenial {
  userId: string;
  agencyId: string | null;
  method: string;
  /** The route pattern (`/api/staff/users/:id`), never the path with its ids and query. */
  route: string;
  reason: AccessDenialReason;
}

const WINDOW_SECONDS = 60;
/** Past this many remembered keys the expired ones are dropped: a node's memory stays bounded. */
const MEMO_LIMIT = 10_000;

/**
 * ASVS 7.2.2: failed access control decisions are logged, one row per user, route pattern and
 * reason a minute. The database decides across nodes (a loop hammering a route round-robin
 * behind the balancer still leaves one row); each node also remembers the rows it wrote itself,
 * so that same loop costs this node no query until the minute is over.
 */
export function createAccessDenialLog(db: Db) {
  const writtenUntil = new Map<string, number>();

  function forget(now: number) {
    if (writtenUntil.size < MEMO_LIMIT) return;
    for (const [key, until] of writtenUntil) if (until <= now) writtenUntil.delete(key);
    if (writtenUntil.size >= MEMO_LIMIT) writtenUntil.clear();
  }

  return {
    async record(context: RequestContext, denial: AccessDenial): Promise<void> {
      const key = `${denial.userId} ${denial.method} ${denial.route} ${denial.reason}`;
      const now = Date.now();
      if ((writtenUntil.get(key) ?? 0) > now) return;
      const written = await insertAccessDeniedUnlessRecent(
        db,
        { kind: 'access_denied', ...denial, ...context },
        WINDOW_SECONDS,
      );
      if (written) {
        forget(now);
        writtenUntil.set(key, now + WINDOW_SECONDS * 1000);
      }
    },
  };
}

export type AccessDenialLog = ReturnType<typeof createAccessDenialLog>;
