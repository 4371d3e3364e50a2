import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  agencyWithStaff,
  createHarness,
  type Harness,
  login,
  type StaffClient,
  uniqueEmail,
} from '../../testing/harness.js';
import { agencyIdOf as agencyIdOfUser } from '../../testing/members.js';
import { hashPassword } from './passwords.js';
import { findUserByEmail, insertUser, updateUser, upsertMembership } from './repo.js';

// ASVS 2.8: codes come from the library given the secret the server showed, as a phone app would.
let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness.close());

const agencyIdOf = (userId: string) => agencyIdOfUser(harness, userId);

const codeAt = (secret: string, timestamp = Date.now()) =>
  TOTP.generate({ secret: Secret.fromBase32(secret), timestamp });

const loginWith = (email: string, password: string, code?: string) =>
  harness.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: code === undefined ? { email, password } : { email, password, code },
  });

/** Enrols the person and returns the secret and the recovery codes. */
async function enrol(staff: StaffClient) {
  const setup = await staff.request({ method: 'POST', url: '/api/auth/two-factor/setup' });
  expect(setup.statusCode).toBe(200);
  const { secret } = setup.json();
  const enrolmentCode = codeAt(secret);
  const confirm = await staff.request({
    method: 'POST',
    url: '/api/auth/two-factor/confirm',
    payload: { code: enrolmentCode },
  });
  expect(confirm.statusCode).toBe(200);
  return { secret, enrolmentCode, recoveryCodes: confirm.json().recoveryCodes as string[] };
}

describe('enrolment', () => {
  it('shows the secret as text and QR, and turns on only after a right code; ten recovery codes once', async () => {
    const { email, password, staff } = await agencyWithStaff(harness);
    const setup = await staff.request({ method: 'POST', url: '/api/auth/two-factor/setup' });
    const { secret, uri, qr } = setup.json();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(uri).toContain(`secret=${secret}`);
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    expect(Buffer.from(qr.replace('data:image/svg+xml;base64,', ''), 'base64').toString()).toContain('<svg');
    // Not on until confirmed: the password alone still logs in.
    expect((await loginWith(email, password)).statusCode).toBe(200);

    const wrong = await staff.request({
      method: 'POST',
      url: '/api/auth/two-factor/confirm',
      payload: { code: codeAt(secret, Date.now() - 10 * 60_000) },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({
      field: 'body.code',
      message: 'Неверный или уже использованный код',
    });

    const confirm = await staff.request({
      method: 'POST',
      url: '/api/auth/two-factor/confirm',
      payload: { code: codeAt(secret) },
    });
    const { recoveryCodes } = confirm.json();
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    expect(recoveryCodes[0]).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    const status = await staff.request({ method: 'GET', url: '/api/auth/two-factor' });
    expect(status.json()).toEqual({ enabled: true, recoveryCodesLeft: 10 });
    // Stored sealed and hashed: neither the secret nor a recovery code is in the row.
    const row = JSON.stringify(await findUserByEmail(harness.services.database.db, email));
    expect(row).not.toContain(secret);
    expect(row).not.toContain(recoveryCodes[0].replace('-', ''));
    expect(row).toContain('$argon2id$');
  });
});

describe('login with a second factor', () => {
  it('asks for the code after the right password, takes a code once, and the next step’s code after it', async () => {
    const { email, password, staff } = await agencyWithStaff(harness);
    const { secret, enrolmentCode } = await enrol(staff);

    const asked = await loginWith(email, password);
    expect(asked.statusCode).toBe(401);
    expect(asked.json()).toMatchObject({ error: 'two_factor_required' });
    expect(asked.cookies).toEqual([]);
    // A wrong password still gets the usual answer, not the question.
    expect((await loginWith(email, 'not the password at all')).json().error).toBe('invalid_credentials');

    // The enrolment code's step is spent: the same code is refused within its window.
    const reused = await loginWith(email, password, enrolmentCode);
    expect(reused.statusCode).toBe(401);
    expect(reused.json()).toMatchObject({ error: 'invalid_code' });
    const next = codeAt(secret, Date.now() + 30_000);
    const ok = await loginWith(email, password, next);
    expect(ok.statusCode).toBe(200);
    expect(ok.cookies.map((c) => c.name)).toEqual(['otklik_session']);
    expect((await loginWith(email, password, next)).json().error).toBe('invalid_code');
  });

  it('takes each recovery code once, typed in any case and without the dash', async () => {
    const { email, password, staff } = await agencyWithStaff(harness);
    const { recoveryCodes } = await enrol(staff);
    const typed = (recoveryCodes[3] ?? '').replace('-', '').toUpperCase();
    expect((await loginWith(email, password, typed)).statusCode).toBe(200);
    expect((await loginWith(email, password, recoveryCodes[3])).json().error).toBe('invalid_code');
    const status = await staff.request({ method: 'GET', url: '/api/auth/two-factor' });
    expect(status.json().recoveryCodesLeft).toBe(9);
  });

  it('counts wrong codes as failed logins: five lock the account, and each is logged', async () => {
    const { email, password, userId, staff } = await agencyWithStaff(harness);
    const { secret } = await enrol(staff);
    for (let i = 0; i < 5; i++) expect((await loginWith(email, password, '000000')).statusCode).toBe(401);
    const locked = await loginWith(email, password, codeAt(secret, Date.now() + 30_000));
    expect(locked.statusCode).toBe(429);
    const events = await staff.request({
      method: 'GET',
      url: '/api/staff/audit/auth-events?kind=login_failed',
    });
    const mine = events.json().items.filter((e: { user: { id: string } | null }) => e.user?.id === userId);
    expect(mine.filter((e: { reason: string }) => e.reason === 'wrong_code')).toHaveLength(5);
  });
});

describe('turning it off', () => {
  it('needs the password and a code; then the password alone logs in', async () => {
    const { email, password, staff } = await agencyWithStaff(harness);
    const { secret } = await enrol(staff);
    const disable = (payload: object) =>
      staff.request({ method: 'POST', url: '/api/auth/two-factor/disable', payload });
    const code = codeAt(secret, Date.now() + 30_000);
    expect((await disable({ password: 'wrong password here', code })).json()).toMatchObject({
      field: 'body.password',
    });
    expect((await disable({ password, code: '123456' })).json()).toMatchObject({ field: 'body.code' });
    expect((await disable({ password, code })).statusCode).toBe(204);
    expect((await loginWith(email, password)).statusCode).toBe(200);
    const events = await staff.request({
      method: 'GET',
      url: '/api/staff/audit/auth-events?kind=two_factor_disabled',
    });
    expect(events.json().total).toBe(1);
  });

  it('an administrator of the agency resets a colleague’s second factor, audited; no one else can', async () => {
    const { staff: admin, userId: adminId } = await agencyWithStaff(harness);
    const agencyId = await agencyIdOf(adminId);
    const email = uniqueEmail('colleague');
    const password = 'colleague passphrase 7';
    const colleague = await insertUser(harness.services.database.db, {
      email,
      name: 'Коллега',
      passwordHash: await hashPassword(password),
    });
    await upsertMembership(harness.services.database.db, {
      agencyId,
      userId: colleague.id,
      roles: ['operator'],
      active: true,
    });
    const colleagueClient = await login(harness, email, password);
    await enrol(colleagueClient);
    expect((await loginWith(email, password)).json().error).toBe('two_factor_required');

    const reset = (client: StaffClient, id = colleague.id) =>
      client.request({ method: 'POST', url: `/api/staff/users/${id}/two-factor/reset` });
    expect((await reset(colleagueClient)).statusCode).toBe(403);
    const stranger = await agencyWithStaff(harness);
    expect((await reset(stranger.staff)).statusCode).toBe(404);
    await updateUser(harness.services.database.db, adminId, { isRegionAdmin: true });
    expect((await reset(stranger.staff, adminId)).statusCode).toBe(404);
    await updateUser(harness.services.database.db, adminId, { isRegionAdmin: false });

    const twoFactorOf = async () =>
      (await admin.request({ method: 'GET', url: `/api/staff/users?q=${encodeURIComponent(email)}` })).json()
        .items[0]?.twoFactor;
    expect(await twoFactorOf()).toBe(true);
    expect((await reset(admin)).statusCode).toBe(204);
    expect(await twoFactorOf()).toBe(false);
    expect((await loginWith(email, password)).statusCode).toBe(200);
    const audit = await admin.request({ method: 'GET', url: `/api/staff/audit?entity=user&action=update` });
    expect(audit.json().items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          entityId: colleague.id,
          before: { twoFactor: true },
          after: { twoFactor: false },
        }),
      ]),
    );
    const events = await admin.request({
      method: 'GET',
      url: '/api/staff/audit/auth-events?kind=two_factor_reset',
    });
    expect(events.json().items).toMatchObject([{ user: { id: colleague.id }, reason: 'by_admin' }]);
  });

  it('an agency administrator cannot reset the region administrator’s second factor', async () => {
    const { staff: admin, userId: adminId } = await agencyWithStaff(harness);
    const agencyId = await agencyIdOf(adminId);
    const region = await insertUser(harness.services.database.db, {
      email: uniqueEmail('region'),
      name: 'Администратор региона',
      isRegionAdmin: true,
    });
    await upsertMembership(harness.services.database.db, {
      agencyId,
      userId: region.id,
      roles: ['admin'],
      active: true,
    });
    const response = await admin.request({
      method: 'POST',
      url: `/api/staff/users/${region.id}/two-factor/reset`,
    });
    expect(response.statusCode).toBe(403);
  });
});
