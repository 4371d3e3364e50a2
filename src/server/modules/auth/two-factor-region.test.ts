import { TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { agencyWithStaff, createHarness, type Harness, login, uniqueEmail } from '../../testing/harness.js';
import { enrolTwoFactor } from '../../testing/two-factor.js';
import { hashPassword } from './passwords.js';
import { insertUser } from './repo.js';

// ASVS 4.3.1: with REQUIRE_TWO_FACTOR_FOR_REGION_ADMINS the region administrators, who need not
// belong to any agency, sign in with a second factor too.
let harness: Harness;
beforeAll(async () => {
  harness = await createHarness({ REQUIRE_TWO_FACTOR_FOR_REGION_ADMINS: 'true' });
});
afterAll(() => harness.close());

const PASSWORD = 'correct horse battery';

async function regionAdmin() {
  const email = uniqueEmail('region');
  await insertUser(harness.services.database.db, {
    email,
    name: 'Администратор региона',
    passwordHash: await hashPassword(PASSWORD),
    isRegionAdmin: true,
  });
  return login(harness, email, PASSWORD);
}

describe('two-factor authentication required of region administrators', () => {
  it('lets a region administrator without 2FA only enrol, then opens the region routes to the same session', async () => {
    const admin = await regionAdmin();
    expect(admin.info).toMatchObject({ twoFactorEnrolmentRequired: true, twoFactorRequiredBy: 'region' });
    const refused = await admin.request({ method: 'GET', url: '/api/staff/region/agencies' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({
      error: 'two_factor_enrolment_required',
      message: expect.stringContaining('Администраторы региона входят только с двухфакторной'),
    });

    await enrolTwoFactor(admin);
    const session = (await admin.request({ method: 'GET', url: '/api/auth/session' })).json();
    expect(session).toMatchObject({ twoFactorEnrolmentRequired: false, twoFactorRequiredBy: null });
    expect((await admin.request({ method: 'GET', url: '/api/staff/region/agencies' })).statusCode).toBe(200);
  });

  it('keeps a region administrator from turning 2FA off', async () => {
    const admin = await regionAdmin();
    const secret = await enrolTwoFactor(admin);
    const refused = await admin.request({
      method: 'POST',
      url: '/api/auth/two-factor/disable',
      payload: { password: PASSWORD, code: TOTP.generate({ secret }) },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ error: 'two_factor_mandatory', field: 'body' });
    expect((await admin.request({ method: 'GET', url: '/api/auth/two-factor' })).json().enabled).toBe(true);
  });

  it('asks nothing more of agency staff, and is off unless the server turns it on', async () => {
    const { staff } = await agencyWithStaff(harness, ['admin']);
    expect(staff.info).toMatchObject({ twoFactorEnrolmentRequired: false, twoFactorRequiredBy: null });
    expect((await staff.request({ method: 'GET', url: '/api/staff/users' })).statusCode).toBe(200);
    expect(loadConfig({}).requireTwoFactorForRegionAdmins).toBe(false);
  });
});
