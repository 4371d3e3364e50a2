import { describe, expect, it } from 'vitest';
import type { Role } from '../../../common/roles';
import type { SessionInfo } from '../../../common/types';
import { canEdit, canOpen } from '../session/access';

const session = (...roles: Role[]): SessionInfo =>
  ({
    roles,
    currentAgency: 'okn',
    isRegionAdmin: false,
    agencies: [],
    csrfToken: 'x',
  }) as unknown as SessionInfo;

// Mirrors the reception routes: operators read the schedule, only its keepers change it.
describe('the reception section', () => {
  it('opens for its keepers and operators, and for no one else', () => {
    for (const role of ['admin', 'head', 'receptionist', 'operator'] as Role[]) {
      expect(canOpen(session(role), 'reception')).toBe(true);
    }
    expect(canOpen(session('analyst'), 'reception')).toBe(false);
    expect(canOpen(session('kb_editor'), 'reception')).toBe(false);
  });

  it('lets admins, heads and receptionists change it, not operators', () => {
    for (const role of ['admin', 'head', 'receptionist'] as Role[]) {
      expect(canEdit(session(role), 'reception')).toBe(true);
    }
    expect(canEdit(session('operator'), 'reception')).toBe(false);
    expect(canEdit({ ...session('admin'), currentAgency: null }, 'reception')).toBe(false);
  });
});
