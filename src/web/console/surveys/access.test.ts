import { describe, expect, it } from 'vitest';
import type { Role } from '../../../common/roles';
import type { SessionInfo } from '../../../common/types';
import { canEdit, canOpen } from '../session/access';

const session = (...roles: Role[]): SessionInfo =>
  ({
    roles,
    currentAgency: 'mer-nso',
    isRegionAdmin: false,
    agencies: [],
    csrfToken: 'x',
  }) as unknown as SessionInfo;

// Mirrors the surveys routes: analysts and admins keep the forms, heads read, operators type answers in.
describe('the surveys section', () => {
  it('opens for those who keep, read or type in answers, not for knowledge-base editors', () => {
    for (const role of ['admin', 'analyst', 'head', 'operator', 'call_operator', 'receptionist'] as Role[]) {
      expect(canOpen(session(role), 'surveys'), role).toBe(true);
    }
    expect(canOpen(session('kb_editor'), 'surveys')).toBe(false);
  });

  it('lets only admins and analysts change the forms', () => {
    expect(canEdit(session('admin'), 'surveys')).toBe(true);
    expect(canEdit(session('analyst'), 'surveys')).toBe(true);
    for (const role of ['head', 'operator', 'call_operator'] as Role[]) {
      expect(canEdit(session(role), 'surveys'), role).toBe(false);
    }
    expect(canEdit({ ...session('admin'), currentAgency: null }, 'surveys')).toBe(false);
  });
});
