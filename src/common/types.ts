// DTOs exchanged between the server and the two web apps. The server's TypeBox schemas
// describe the same shapes for validation and OpenAPI.
import type { Role } from './roles.js';

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
export interface WorkingInterval {
  start: string; // 'HH:MM', agency local time
  end: string;
}
export interface WorkingHours {
  days: Record<Weekday, WorkingInterval | null>;
  lunch: WorkingInterval | null;
}

export const TOUCHPOINT_KINDS = [
  'site',
  'email',
  'telegram',
  'vk',
  'ok',
  'phone',
  'consult_line',
  'ekc',
  'reception',
  'post',
  'pos',
  'medo',
  'governor_reception',
  'gosuslugi_feedback',
] as const;
export type TouchpointKind = (typeof TOUCHPOINT_KINDS)[number];
export type TouchpointMode = 'digital' | 'offline';

export interface Touchpoint {
  id: string;
  kind: TouchpointKind;
  mode: TouchpointMode;
  title: string;
  value: string; // URL, e-mail, phone number or street address, as the seed gives it
  hours: WorkingHours | null; // own hours (e.g. ЕКЦ 110); null = the agency's working hours
  note: string | null;
  isPublic: boolean;
  sortOrder: number;
}

export interface PublicAgency {
  slug: string;
  name: string;
  shortName: string;
  timezone: string;
}

export interface PortalAgency extends PublicAgency {
  workingHours: WorkingHours;
  touchpoints: Touchpoint[];
  departments: { id: string; name: string }[];
}

export interface StaffAgency extends PublicAgency {
  workingHours: WorkingHours;
  /** Put before the year and sequence of registration numbers («ГИОКН» → «ГИОКН-2026-00042»); may be empty. */
  requestNumberPrefix: string;
  /** Working days before a request's term when the executor is reminded, e.g. [3, 1]. */
  reminderLeadDays: number[];
  /** Years the client history is kept after the last interaction (seed 004 p. 4: at least five). */
  retentionYears: number;
  /** ASVS 2.2.3 / 4.3.1: an administrator without TOTP may only enrol it. */
  requireTwoFactorForAdmins: boolean;
}

/** ASVS 12.1.3: how much of its file quota an agency uses. */
export interface FileStorage {
  usedBytes: number;
  quotaBytes: number;
  /** The region administrator's quota for this agency; null when the default applies. */
  ownQuotaMb: number | null;
  /** AGENCY_FILE_QUOTA_MB of the installation. */
  defaultQuotaMb: number;
}

export interface Department {
  id: string;
  name: string;
  userCount: number;
}

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  locale: 'ru' | 'en';
}

export interface Membership {
  slug: string;
  name: string;
  shortName: string;
  roles: Role[];
}

export interface SessionInfo {
  user: SessionUser;
  csrfToken: string;
  isRegionAdmin: boolean;
  agencies: Membership[];
  currentAgency: string | null; // slug
  roles: Role[]; // in the current agency
  /** 2FA is required of this person and they have none: enrolling is all they may do. */
  twoFactorEnrolmentRequired: boolean;
  /** Who requires it: the current agency of its administrators, or the server of region administrators. */
  twoFactorRequiredBy: 'agency' | 'region' | null;
}

export interface StaffUser {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  departmentIds: string[];
  active: boolean;
  lastLoginAt: string | null;
  /** TOTP second factor on: an admin may reset it for a lost phone. */
  twoFactor: boolean;
}

export interface Page<T> {
  total: number;
  page: number;
  pages: number;
  items: T[];
  /** The count stopped at `total`: there are more (a large register is not counted to the end). */
  totalIsLowerBound?: boolean;
}

export interface AuditEntry {
  id: string;
  at: string;
  actor: { id: string; name: string; email: string } | null;
  /** `read`: someone opened personal data (a client's card or history), logged at most hourly. */
  action: 'create' | 'update' | 'delete' | 'read';
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

export type CalendarDayKind = 'working' | 'nonWorking' | 'short';
export interface CalendarOverride {
  date: string;
  kind: CalendarDayKind;
  note: string | null;
}
export interface CalendarYearView {
  year: number;
  source: string;
  nonWorking: string[]; // weekday dates off by law/decree (base data)
  working: string[]; // weekend dates worked by transfer (base data)
  short: string[];
  overrides: CalendarOverride[];
}

export interface ApiErrorBody {
  error: string;
  message: string;
  field?: string;
}
