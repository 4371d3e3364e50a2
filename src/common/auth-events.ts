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
  'new_device_notice',
  'access_denied',
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
   * minutes; why sessions ended; why access was denied (ACCESS_DENIAL_REASONS); the browser and
   * system of a new device.
   */
  reason: string | null;
  /** For `access_denied`: the agency the session acted for, the method and the route pattern. */
  agencyId: string | null;
  method: string | null;
  route: string | null;
  ip: string;
  userAgent: string | null;
  requestId: string;
}

/**
 * Why a request was answered 403 (ASVS 7.2.2), kept as the `reason` of `access_denied`: one of the
 * access guards' checks, or `capability_rule` when a capability's own rule refused (a reception
 * card of another official, a knowledge-base section one may not edit).
 */
export const ACCESS_DENIAL_REASONS = [
  'role_missing',
  'no_agency',
  'not_region_admin',
  'csrf_failed',
  'two_factor_enrolment_required',
  'capability_rule',
] as const;
export type AccessDenialReason = (typeof ACCESS_DENIAL_REASONS)[number];
