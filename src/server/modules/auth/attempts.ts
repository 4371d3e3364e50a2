import type { Db } from '../../db/client.js';
import { TooManyAttempts } from '../../lib/errors.js';
import type { AuthEventLog, RequestContext } from '../audit/auth-events.service.js';
import type { AccountNotices } from './account-notices.js';
import * as repo from './repo.js';

const FREE_ATTEMPTS = 5;
const MAX_LOCK_MINUTES = 60;

/** After five failures each further one doubles the lock: 1, 2, 4 … 60 minutes. */
export function lockMinutes(failedLogins: number): number {
  if (failedLogins < FREE_ATTEMPTS) return 0;
  return Math.min(MAX_LOCK_MINUTES, 2 ** (failedLogins - FREE_ATTEMPTS));
}

/** Which of the two password checks failed: signing in, or confirming the password in a session. */
export type AttemptKind = 'login_failed' | 'reauthentication_failed';

/**
 * One lockout for every place a password is typed (ASVS 2.2.1): a stolen session cannot guess the
 * password through re-authentication faster than a stranger can through the login form.
 */
export function createAttemptCounter(db: Db, events: AuthEventLog, notices: AccountNotices) {
  return {
    async assertNotLocked(
      kind: AttemptKind,
      user: repo.UserRow | undefined,
      email: string,
      context: RequestContext,
    ) {
      const now = new Date();
      if (!user?.lockedUntil || user.lockedUntil <= now) return;
      await events.record(context, { kind, userId: user.id, email, reason: 'account_locked' });
      const minutes = Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 60_000);
      throw new TooManyAttempts(
        `Слишком много неудачных попыток входа. Повторите через ${minutes} мин.`,
        minutes * 60,
      );
    },

    /** Records the failure (the log keeps its reason, the client never sees it) and counts it. */
    async fail(
      kind: AttemptKind,
      user: repo.UserRow | undefined,
      email: string,
      reason: 'unknown_user' | 'wrong_password' | 'wrong_code',
      context: RequestContext,
    ) {
      await events.record(context, { kind, userId: user?.id ?? null, email, reason });
      if (!user) return;
      const failedLogins = user.failedLogins + 1;
      const lock = lockMinutes(failedLogins);
      await repo.updateUser(db, user.id, {
        failedLogins,
        lockedUntil: lock ? new Date(Date.now() + lock * 60_000) : null,
      });
      if (!lock) return;
      await events.record(context, { kind: 'account_locked', userId: user.id, reason: String(lock) });
      if (failedLogins === FREE_ATTEMPTS) {
        await notices.accountLocked(user.id, context.ip, lock, new Date());
        notices.wake();
      }
    },

    succeeded(user: repo.UserRow, patch: Partial<repo.UserRow> = {}) {
      return repo.updateUser(db, user.id, { failedLogins: 0, lockedUntil: null, ...patch });
    },
  };
}

export type AttemptCounter = ReturnType<typeof createAttemptCounter>;
