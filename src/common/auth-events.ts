/** Authentication decisions kept for investigation (ASVS 7.2.1–7.2.2). */
export const AUTH_EVENT_KINDS = [
  'login_succeeded',
  'login_failed',
  'account_locked',
  'rate_limited',
  'logout',
  'password_changed',
  'session_revoked',
] as const;
export type AuthEventKind = (typeof AUTH_EVENT_KINDS)[number];

/** Why a login failed; the client never sees it, so the log can tell an unknown address apart. */
export type LoginFailure = 'unknown_user' | 'wrong_password' | 'account_locked';

export interface AuthEvent {
  id: string;
  at: string;
  kind: AuthEventKind;
  user: { id: string; name: string; email: string } | null;
  /** The address typed at a failed login (never the password). */
  email: string | null;
  reason: string | null;
  ip: string;
  userAgent: string | null;
  requestId: string;
}
