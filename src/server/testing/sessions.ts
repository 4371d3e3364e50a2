import { desc, eq } from 'drizzle-orm';
import type { AuthEventKind } from '../../common/auth-events.js';
import { authEvents } from '../modules/audit/schema.js';
import { sessions } from '../modules/auth/schema.js';
import type { Harness } from './harness.js';

/**
 * Moves a person's sessions back in time instead of sleeping: their last activity and their last
 * password confirmation happened `ms` milliseconds ago.
 */
export async function ageSessions(
  harness: Harness,
  userId: string,
  ago: { lastActiveMs?: number; reauthenticatedMs?: number },
) {
  const now = Date.now();
  await harness.services.database.db
    .update(sessions)
    .set({
      ...(ago.lastActiveMs === undefined ? {} : { lastActiveAt: new Date(now - ago.lastActiveMs) }),
      ...(ago.reauthenticatedMs === undefined
        ? {}
        : { reauthenticatedAt: new Date(now - ago.reauthenticatedMs) }),
    })
    .where(eq(sessions.userId, userId));
}

export const sessionsOf = (harness: Harness, userId: string) =>
  harness.services.database.db.select().from(sessions).where(eq(sessions.userId, userId));

/** A person's authentication events of one kind, newest first. */
export const authEventsOf = (harness: Harness, userId: string, kind: AuthEventKind) =>
  harness.services.database.db
    .select()
    .from(authEvents)
    .where(eq(authEvents.userId, userId))
    .orderBy(desc(authEvents.at))
    .then((rows) => rows.filter((row) => row.kind === kind));

export const MINUTE_MS = 60_000;
