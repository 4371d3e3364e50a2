import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../common/roles.js';
import {
  agencyWithStaff,
  createHarness,
  type Harness,
  login,
  type StaffClient,
} from '../../testing/harness.js';
import { addMember, agencyIdOf as agencyIdOfUser, MEMBER_PASSWORD } from '../../testing/members.js';
import { enrolTwoFactor } from '../../testing/two-factor.js';
import { updateUser } from './repo.js';

// ASVS 2.2.3 / 4.3.1: an agency may require its administrators to log in with a second factor.
let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness.close());

const PASSWORD = MEMBER_PASSWORD;
const agencyIdOf = (userId: string) => agencyIdOfUser(harness, userId);

const requirePolicy = (staff: StaffClient, on: boolean) =>
  staff.request({ method: 'PATCH', url: '/api/staff/agency', payload: { requireTwoFactorForAdmins: on } });

/** An agency whose first administrator has 2FA and has turned the policy on. */
async function agencyRequiringTwoFactor() {
  const created = await agencyWithStaff(harness);
  await enrolTwoFactor(created.staff);
  expect((await requirePolicy(created.staff, true)).statusCode).toBe(200);
  return { ...created, agencyId: await agencyIdOf(created.userId) };
}

const colleague = (agencyIds: string[], roles: Role[] = ['admin']) => addMember(harness, agencyIds, roles);

const expectEnrolmentRequired = (response: { statusCode: number; json: () => unknown }) => {
  expect(response.statusCode).toBe(403);
  expect(response.json()).toMatchObject({
    error: 'two_factor_enrolment_required',
    message: expect.stringContaining('двухфакторной аутентификацией'),
  });
};

describe('turning the policy on', () => {
  it('is refused to an administrator without 2FA, then allowed once they enrol, and audited', async () => {
    const { staff } = await agencyWithStaff(harness);
    const refused = await requirePolicy(staff, true);
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({
      field: 'body.requireTwoFactorForAdmins',
      error: 'own_two_factor_required',
      message: expect.stringContaining('подключите двухфакторную аутентификацию'),
    });
    const unchanged = await staff.request({ method: 'GET', url: '/api/staff/agency' });
    expect(unchanged.json().requireTwoFactorForAdmins).toBe(false);

    await enrolTwoFactor(staff);
    const saved = await requirePolicy(staff, true);
    expect(saved.statusCode).toBe(200);
    expect(saved.json().requireTwoFactorForAdmins).toBe(true);
    const audit = await staff.request({ method: 'GET', url: '/api/staff/audit?entity=agency&action=update' });
    expect(audit.json().items[0]).toMatchObject({
      actor: { email: staff.email },
      before: { requireTwoFactorForAdmins: false },
      after: { requireTwoFactorForAdmins: true },
    });
    // Turning it off needs nothing more.
    expect((await requirePolicy(staff, false)).json().requireTwoFactorForAdmins).toBe(false);
  });

  it('keeps the administrators who have 2FA from turning it off', async () => {
    const { staff, password } = await agencyRequiringTwoFactor();
    const refused = await staff.request({
      method: 'POST',
      url: '/api/auth/two-factor/disable',
      payload: { password, code: '000000' },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ error: 'two_factor_mandatory', field: 'body' });
    expect((await staff.request({ method: 'GET', url: '/api/auth/two-factor' })).json().enabled).toBe(true);
  });

  it('is the administrator’s alone: other roles cannot change it', async () => {
    const { agencyId } = await agencyRequiringTwoFactor();
    const head = await colleague([agencyId], ['head']);
    const client = await login(harness, head.email, PASSWORD);
    expect((await requirePolicy(client, false)).statusCode).toBe(403);
  });
});

describe('an administrator without 2FA under the policy', () => {
  it('gets a session that can only enrol; after enrolling the same session does everything', async () => {
    const { agencyId } = await agencyRequiringTwoFactor();
    const { email } = await colleague([agencyId]);
    const admin = await login(harness, email, PASSWORD);
    expect(admin.info.twoFactorEnrolmentRequired).toBe(true);

    expectEnrolmentRequired(await admin.request({ method: 'GET', url: '/api/staff/agency' }));
    expectEnrolmentRequired(await admin.request({ method: 'GET', url: '/api/staff/users' }));
    expectEnrolmentRequired(await requirePolicy(admin, false));
    const session = await admin.request({ method: 'GET', url: '/api/auth/session' });
    expect(session.json().twoFactorEnrolmentRequired).toBe(true);
    expect((await admin.request({ method: 'GET', url: '/api/auth/two-factor' })).json().enabled).toBe(false);

    await enrolTwoFactor(admin);
    const after = await admin.request({ method: 'GET', url: '/api/auth/session' });
    expect(after.json().twoFactorEnrolmentRequired).toBe(false);
    expect((await admin.request({ method: 'GET', url: '/api/staff/agency' })).statusCode).toBe(200);
    expect((await admin.request({ method: 'GET', url: '/api/staff/users' })).statusCode).toBe(200);
  });

  it('cannot reach the region routes either, even as a region administrator', async () => {
    const { agencyId } = await agencyRequiringTwoFactor();
    const { userId, email } = await colleague([agencyId]);
    await updateUser(harness.services.database.db, userId, { isRegionAdmin: true });
    const admin = await login(harness, email, PASSWORD);
    expectEnrolmentRequired(await admin.request({ method: 'GET', url: '/api/staff/region/agencies' }));
  });

  it('is restricted again when the administrator’s 2FA is reset', async () => {
    const { staff: first, agencyId } = await agencyRequiringTwoFactor();
    const { userId, email } = await colleague([agencyId]);
    const admin = await login(harness, email, PASSWORD);
    await enrolTwoFactor(admin);
    const reset = await first.request({ method: 'POST', url: `/api/staff/users/${userId}/two-factor/reset` });
    expect(reset.statusCode).toBe(204);
    expectEnrolmentRequired(await admin.request({ method: 'GET', url: '/api/staff/agency' }));
  });

  it('can still log out', async () => {
    const { agencyId } = await agencyRequiringTwoFactor();
    const admin = await login(harness, (await colleague([agencyId])).email, PASSWORD);
    expect((await admin.request({ method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(204);
    expect((await admin.request({ method: 'GET', url: '/api/auth/session' })).statusCode).toBe(401);
  });
});

describe('whom the policy covers', () => {
  it('leaves the agency’s staff who are not administrators alone', async () => {
    const { agencyId } = await agencyRequiringTwoFactor();
    const operator = await login(harness, (await colleague([agencyId], ['operator'])).email, PASSWORD);
    expect(operator.info.twoFactorEnrolmentRequired).toBe(false);
    expect((await operator.request({ method: 'GET', url: '/api/staff/agency' })).statusCode).toBe(200);
  });

  it('does not reach another agency: its administrators work as before', async () => {
    await agencyRequiringTwoFactor();
    const other = await agencyWithStaff(harness);
    expect(other.staff.info.twoFactorEnrolmentRequired).toBe(false);
    expect((await other.staff.request({ method: 'GET', url: '/api/staff/users' })).statusCode).toBe(200);
  });

  it('follows the current agency for an administrator of two', async () => {
    const strict = await agencyRequiringTwoFactor();
    const lax = await agencyWithStaff(harness);
    const laxId = await agencyIdOf(lax.userId);
    const { email } = await colleague([strict.agencyId, laxId]);
    const admin = await login(harness, email, PASSWORD);
    const switchTo = (slug: string) =>
      admin.request({ method: 'POST', url: '/api/auth/agency', payload: { slug } });

    expect((await switchTo(lax.slug)).json().twoFactorEnrolmentRequired).toBe(false);
    const laxAgency = await admin.request({ method: 'GET', url: '/api/staff/agency' });
    expect(laxAgency.json()).toMatchObject({ slug: lax.slug, requireTwoFactorForAdmins: false });
    expect((await switchTo(strict.slug)).json().twoFactorEnrolmentRequired).toBe(true);
    expectEnrolmentRequired(await admin.request({ method: 'GET', url: '/api/staff/agency' }));
  });
});
