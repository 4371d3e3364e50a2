import type { AuthEventLog, RequestContext } from '../audit/auth-events.service.js';
import type { AccountNotices } from './account-notices.js';
import { originOf, sameOrigin } from './sign-in-origin.js';

const LOOKBACK_MS = 90 * 24 * 3_600_000;

/**
 * After a successful sign-in: a person who has not signed in from this browser and system on this
 * network in the last 90 days gets a letter, so a stolen password used elsewhere is noticed.
 */
export function createNewDeviceNotice(events: AuthEventLog, notices: AccountNotices) {
  return {
    /** Whether a letter was sent. The sign-in itself is already done and stays so whatever happens. */
    async afterSignIn(userId: string, context: RequestContext, now = new Date()): Promise<boolean> {
      const since = new Date(now.getTime() - LOOKBACK_MS);
      const history = await events.signInHistory(userId, since, context.requestId);
      // The first sign-in of a new account (after the invitation) has nothing to be new against.
      if (!history.signedInBefore) return false;
      const current = originOf(context.ip, context.userAgent);
      if (history.origins.some((seen) => sameOrigin(current, originOf(seen.ip, seen.userAgent)))) {
        return false;
      }
      await notices.newDevice(userId, { ...current, ip: context.ip }, now);
      // Its own kind, apart from login_succeeded: the log then lists who was warned and filters by it.
      await events.record(context, {
        kind: 'new_device_notice',
        userId,
        reason: `${current.browser}, ${current.os}`,
      });
      return true;
    },
  };
}

export type NewDeviceNotice = ReturnType<typeof createNewDeviceNotice>;
