/**
 * Why the console last lost its session, so the sign-in page can say it: `idle` after the
 * server's idle timeout (ASVS 3.3.2), `signedOut` for any other 401 during work.
 */
export type SignOutReason = 'idle' | 'signedOut';

let reason: SignOutReason | null = null;

export const signOutReason = (): SignOutReason | null => reason;

export function noteSignOut(code: string): void {
  // An idle end is the more useful thing to say: a parallel call may see the session already gone.
  if (code === 'session_idle') reason = 'idle';
  else reason ??= 'signedOut';
}

export function clearSignOutReason(): void {
  reason = null;
}
