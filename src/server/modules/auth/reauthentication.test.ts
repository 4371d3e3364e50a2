import type { InjectOptions } from 'fastify';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  agencyWithStaff,
  createHarness,
  type Harness,
  login,
  type StaffClient,
  submitAppeal,
  uniqueEmail,
} from '../../testing/harness.js';
import { ageSessions, authEventsOf, MINUTE_MS } from '../../testing/sessions.js';
import { colleague } from '../../testing/surveys.js';
import { findUserById, updateUser } from './repo.js';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness.close());

/** The last confirmation is older than REAUTH_WINDOW_MINUTES (10). */
const stale = (userId: string) => ageSessions(harness, userId, { reauthenticatedMs: 11 * MINUTE_MS });
const reauthenticate = (staff: StaffClient, payload: Record<string, string>) =>
  staff.request({ method: 'POST', url: '/api/auth/reauthenticate', payload });
const codeAt = (secret: string, timestamp = Date.now()) =>
  TOTP.generate({ secret: Secret.fromBase32(secret), timestamp });

async function expectReauthRequired(staff: StaffClient, call: InjectOptions) {
  const refused = await staff.request(call);
  expect(refused.statusCode, refused.body).toBe(403);
  expect(refused.json()).toEqual({
    error: 'reauthentication_required',
    message: 'Подтвердите пароль, чтобы продолжить',
  });
}

/** One agency's admin with a colleague, a client and a fresh session; then the confirmation goes stale. */
async function adminScene() {
  const scene = await agencyWithStaff(harness, ['admin']);
  const mate = await colleague(harness, scene.slug, ['operator']);
  const appeal = await submitAppeal(harness, scene.slug, {
    name: 'Иванов Иван',
    email: uniqueEmail('client'),
  });
  expect(appeal.statusCode).toBe(201);
  const clients = await scene.staff.request({ method: 'GET', url: '/api/staff/clients?pageSize=5' });
  const clientId: string = clients.json().items[0].id;
  const channel = await scene.staff.request({
    method: 'POST',
    url: '/api/staff/channels',
    payload: { network: 'email', title: 'Почта', enabled: false, secrets: { password: 'first' } },
  });
  expect(channel.statusCode, channel.body).toBe(201);
  return { ...scene, mateId: mate.info.user.id, clientId, channelId: channel.json().id as string };
}

type Scene = Awaited<ReturnType<typeof adminScene>>;

// Every guarded route with a request that does the dangerous part, and the status it ends with.
const GUARDED: { name: string; call: (s: Scene) => InjectOptions; status: number }[] = [
  {
    name: 'inviting staff',
    call: () => ({
      method: 'POST',
      url: '/api/staff/users',
      payload: { email: uniqueEmail('invited'), name: 'Новый', roles: ['operator'], departmentIds: [] },
    }),
    status: 201,
  },
  {
    name: 'changing roles',
    call: (s) => ({ method: 'PATCH', url: `/api/staff/users/${s.mateId}`, payload: { roles: ['head'] } }),
    status: 200,
  },
  {
    name: 'deactivating',
    call: (s) => ({ method: 'PATCH', url: `/api/staff/users/${s.mateId}`, payload: { active: false } }),
    status: 200,
  },
  {
    name: 'resetting a colleague’s 2FA',
    call: (s) => ({ method: 'POST', url: `/api/staff/users/${s.mateId}/two-factor/reset` }),
    status: 204,
  },
  {
    name: 'the agency’s 2FA requirement',
    call: () => ({
      method: 'PATCH',
      url: '/api/staff/agency',
      payload: { requireTwoFactorForAdmins: false },
    }),
    status: 200,
  },
  {
    name: 'creating a channel with secrets',
    call: () => ({
      method: 'POST',
      url: '/api/staff/channels',
      payload: { network: 'email', title: 'Ещё почта', enabled: false, secrets: { password: 'p' } },
    }),
    status: 201,
  },
  {
    name: 'replacing a channel’s secrets',
    call: (s) => ({
      method: 'PATCH',
      url: `/api/staff/channels/${s.channelId}`,
      payload: { secrets: { password: 'second' } },
    }),
    status: 200,
  },
  {
    name: 'a new PBX secret',
    call: () => ({ method: 'POST', url: '/api/staff/calls/pbx/secret' }),
    status: 200,
  },
  {
    name: 'a new ПОС secret',
    call: () => ({ method: 'POST', url: '/api/staff/imports/pos/secret' }),
    status: 200,
  },
  {
    name: 'the 152-ФЗ subject export',
    call: (s) => ({ method: 'POST', url: `/api/staff/clients/${s.clientId}/subject-export` }),
    status: 200,
  },
];

describe('dangerous actions need a recent password (ASVS 3.7.1)', () => {
  it.each(GUARDED)(
    '$name: 403 with a stale confirmation, done after /reauthenticate',
    async ({ call, status }) => {
      const scene = await adminScene();
      await stale(scene.userId);
      await expectReauthRequired(scene.staff, call(scene));

      const confirmed = await reauthenticate(scene.staff, { password: scene.password });
      expect(confirmed.statusCode, confirmed.body).toBe(204);
      const done = await scene.staff.request(call(scene));
      expect(done.statusCode, done.body).toBe(status);
      expect(await authEventsOf(harness, scene.userId, 'reauthenticated')).toHaveLength(1);
    },
  );

  it('counts sign-in as the confirmation: right after it nothing asks', async () => {
    const scene = await adminScene();
    const done = await scene.staff.request(GUARDED[1]?.call(scene) ?? {});
    expect(done.statusCode).toBe(200);
  });

  it('asks again once the confirmation itself is older than the window', async () => {
    const scene = await adminScene();
    await stale(scene.userId);
    expect((await reauthenticate(scene.staff, { password: scene.password })).statusCode).toBe(204);
    await stale(scene.userId);
    await expectReauthRequired(scene.staff, GUARDED[1]?.call(scene) ?? {});
  });

  it('leaves ordinary edits alone: renaming a colleague, the agency or a channel', async () => {
    const scene = await adminScene();
    await stale(scene.userId);
    const calls: InjectOptions[] = [
      { method: 'PATCH', url: `/api/staff/users/${scene.mateId}`, payload: { name: 'Коллега Петрова' } },
      { method: 'PATCH', url: '/api/staff/agency', payload: { shortName: 'Новое имя' } },
      // The console sends the credentials it has: none typed is an empty object.
      {
        method: 'PATCH',
        url: `/api/staff/channels/${scene.channelId}`,
        payload: { title: 'Приёмная', secrets: {} },
      },
      { method: 'POST', url: '/api/staff/departments', payload: { name: 'Отдел' } },
    ];
    for (const call of calls) {
      const response = await scene.staff.request(call);
      expect(response.statusCode, `${call.url} ${response.body}`).toBeLessThan(300);
    }
  });

  it('guards the region administrator creating an agency (its creator becomes its admin)', async () => {
    const { staff, userId, password } = await agencyWithStaff(harness);
    await updateUser(harness.services.database.db, userId, { isRegionAdmin: true });
    await stale(userId);
    const call: InjectOptions = {
      method: 'POST',
      url: '/api/staff/region/agencies',
      payload: {
        slug: `r-${Date.now().toString(36)}`,
        name: 'Новое ведомство',
        shortName: 'НВ',
        timezone: 'Asia/Novosibirsk',
      },
    };
    await expectReauthRequired(staff, call);
    expect((await reauthenticate(staff, { password })).statusCode).toBe(204);
    expect((await staff.request(call)).statusCode).toBe(201);
  });
});

describe('POST /api/auth/reauthenticate', () => {
  it('refuses a wrong password with body.password, logs it and counts it toward the login lock', async () => {
    const { staff, userId, email, password } = await agencyWithStaff(harness);
    await stale(userId);
    const wrong = await reauthenticate(staff, { password: 'not the password' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ field: 'body.password', message: 'Неверный пароль' });
    expect((await findUserById(harness.services.database.db, userId))?.failedLogins).toBe(1);
    expect(await authEventsOf(harness, userId, 'reauthentication_failed')).toMatchObject([
      { reason: 'wrong_password' },
    ]);
    await expectReauthRequired(staff, { method: 'POST', url: '/api/staff/calls/pbx/secret' });

    // Four more make five failures: the account locks, for sign-in and for confirmation alike.
    for (let attempt = 0; attempt < 4; attempt += 1) {
      expect((await reauthenticate(staff, { password: 'still wrong' })).statusCode).toBe(400);
    }
    expect(await authEventsOf(harness, userId, 'account_locked')).toHaveLength(1);
    expect((await reauthenticate(staff, { password })).statusCode).toBe(429);
    const signIn = await harness.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password },
    });
    expect(signIn.statusCode).toBe(429);
  });

  it('with 2FA on needs a right code too (body.code), and a code works once', async () => {
    const { staff, userId, password } = await agencyWithStaff(harness);
    const setup = (await staff.request({ method: 'POST', url: '/api/auth/two-factor/setup' })).json();
    const enrolment = codeAt(setup.secret);
    const confirm = await staff.request({
      method: 'POST',
      url: '/api/auth/two-factor/confirm',
      payload: { code: enrolment },
    });
    expect(confirm.statusCode).toBe(200);
    await stale(userId);

    const noCode = await reauthenticate(staff, { password });
    expect(noCode.statusCode).toBe(400);
    expect(noCode.json().field).toBe('body.code');
    const reused = await reauthenticate(staff, { password, code: enrolment });
    expect(reused.statusCode).toBe(400);
    expect(reused.json()).toMatchObject({ field: 'body.code', error: 'invalid_code' });
    expect(await authEventsOf(harness, userId, 'reauthentication_failed')).toMatchObject([
      { reason: 'wrong_code' },
    ]);
    await expectReauthRequired(staff, { method: 'POST', url: '/api/staff/calls/pbx/secret' });

    const next = codeAt(setup.secret, Date.now() + 30_000);
    expect((await reauthenticate(staff, { password, code: next })).statusCode).toBe(204);
    expect((await staff.request({ method: 'POST', url: '/api/staff/calls/pbx/secret' })).statusCode).toBe(
      200,
    );

    // Disabling one's own 2FA re-authenticates in the request itself: a stale confirmation does
    // not stop it, the password and a code in its body do.
    await stale(userId);
    const disable = (payload: Record<string, string>) =>
      staff.request({ method: 'POST', url: '/api/auth/two-factor/disable', payload });
    const recovery: string = confirm.json().recoveryCodes[0];
    const wrongPassword = await disable({ password: 'not the password', code: recovery });
    expect(wrongPassword.json().field, wrongPassword.body).toBe('body.password');
    expect((await disable({ password, code: recovery })).statusCode).toBe(204);
  });

  it('needs the session and its CSRF token', async () => {
    const none = await harness.app.inject({
      method: 'POST',
      url: '/api/auth/reauthenticate',
      payload: { password: 'x' },
    });
    expect(none.statusCode).toBe(401);
    const { email, password } = await agencyWithStaff(harness);
    const signIn = await harness.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password },
    });
    const cookie = signIn.cookies.find((c) => c.name === 'otklik_session');
    const noCsrf = await harness.app.inject({
      method: 'POST',
      url: '/api/auth/reauthenticate',
      payload: { password },
      headers: { cookie: `otklik_session=${cookie?.value}` },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error).toBe('csrf_failed');
  });

  it('gives another agency’s session nothing: neither its confirmation nor access to this agency', async () => {
    const mine = await adminScene();
    const other = await agencyWithStaff(harness, ['admin']);
    await stale(mine.userId);
    await stale(other.userId);
    expect((await reauthenticate(other.staff, { password: other.password })).statusCode).toBe(204);

    // My session is still unconfirmed; the other admin, confirmed, cannot reach my colleague.
    await expectReauthRequired(mine.staff, GUARDED[1]?.call(mine) ?? {});
    const foreign = await other.staff.request(GUARDED[1]?.call(mine) ?? {});
    expect(foreign.statusCode).toBe(404);
    // Confirming with my password in the other person's session is just a wrong password.
    const borrowed = await reauthenticate(other.staff, { password: 'someone else’s password' });
    expect(borrowed.statusCode).toBe(400);
    // A second session of my own (another browser) does not confirm this one either.
    const second = await login(harness, mine.email, mine.password);
    expect(second.info.user.id).toBe(mine.userId);
    await expectReauthRequired(mine.staff, GUARDED[1]?.call(mine) ?? {});
  });
});
