// Staff roles (ARCHITECTURE §2 `auth`). A user holds a set of roles per agency.
export const ROLES = [
  'admin',
  'head',
  'operator',
  'kb_editor',
  'site_editor',
  'call_operator',
  'receptionist',
  'analyst',
] as const;
export type Role = (typeof ROLES)[number];
