/** Authentication decisions kept for investigation (ASVS 7.2.1–7.2.2). */
export const AUTH_EVENT_KINDS = [
  'login_succeeded',
  'login_failed',
  'account_locked',
  'rate_limited',
  'logout',
  'password_changed',
  'session_revoked',
  'two_factor_enabled',
  'two_factor_disabled',
  'two_factor_reset',
  'session_idle',
  'reauthenticated',
  'reauthentication_failed',
] as const;
export type AuthEventKind = (typeof AUTH_EVENT_KINDS)[number];

export interface AuthEvent {
  id: string;
  at: string;
  kind: AuthEventKind;
  user: { id: string; name: string; email: string } | null;
  /** The address typed at a failed login (never the password). */
  email: string | null;
  /**
   * A failed login's cause, which the client never sees: `unknown_user`, `wrong_password`,
   * `account_locked`, `wrong_code` (so too a failed re-authentication's); a lock's length in
   * minutes; why sessions ended.
   */
  reason: string | null;
  ip: string;
  userAgent: string | null;
  requestId: string;
}
