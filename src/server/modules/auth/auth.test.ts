import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  agencyWithStaff,
  createHarness,
  type Harness,
  login,
  OWN_HARNESS_TIMEOUT_MS,
  uniqueEmail,
} from '../../testing/harness.js';
import { expectTenantIsolation } from '../../testing/tenancy.js';
import { lockMinutes } from './attempts.js';
import { hashPassword } from './passwords.js';
import { insertUser } from './repo.js';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness.close());

const loginRequest = (email: string, password: string) =>
  harness.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });

function linkFrom(mail: string): string {
  const match = mail.match(/\/console\/reset-password\?token=([A-Za-z0-9_-]+)/);
  if (!match?.[1]) throw new Error(`no reset link in mail:\n${mail}`);
  return match[1];
}

describe('sessions', () => {
  it('logs in with an HttpOnly SameSite cookie, reads the session, logs out', async () => {
    const { email, password } = await agencyWithStaff(harness, ['operator']);
    const response = await loginRequest(email.toUpperCase(), password);
    expect(response.statusCode).toBe(200);
    // Plain http cannot carry the __Host- prefix: the cookie keeps its plain name, not Secure.
    expect(response.cookies.map((c) => c.name)).toEqual(['otklik_session']);
    const cookie = response.cookies.find((c) => c.name === 'otklik_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeFalsy();
    const info = response.json();
    expect(info.roles).toEqual(['operator']);
    const headers = { cookie: `otklik_session=${cookie?.value}` };

    const session = await harness.app.inject({ method: 'GET', url: '/api/auth/session', headers });
    expect(session.json().user.email).toBe(email);

    const logout = await harness.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { ...headers, 'x-csrf-token': info.csrfToken },
    });
    expect(logout.statusCode).toBe(204);
    const after = await harness.app.inject({ method: 'GET', url: '/api/auth/session', headers });
    expect(after.statusCode).toBe(401);
  });

  it('issues a new session id on every login (no fixation)', async () => {
    const { email, password } = await agencyWithStaff(harness);
    const first = (await loginRequest(email, password)).cookies[0]?.value;
    const second = (await loginRequest(email, password)).cookies[0]?.value;
    expect(first).toBeTruthy();
    expect(second).not.toBe(first);
  });

  it('refuses writes without the CSRF token', async () => {
    const { email, password } = await agencyWithStaff(harness);
    const response = await loginRequest(email, password);
    const cookie = response.cookies[0]?.value;
    const write = await harness.app.inject({
      method: 'POST',
      url: '/api/staff/departments',
      payload: { name: 'Отдел' },
      headers: { cookie: `otklik_session=${cookie}` },
    });
    expect(write.statusCode).toBe(403);
    expect(write.json().error).toBe('csrf_failed');
    const wrong = await harness.app.inject({
      method: 'POST',
      url: '/api/staff/departments',
      payload: { name: 'Отдел' },
      headers: { cookie: `otklik_session=${cookie}`, 'x-csrf-token': 'forged' },
    });
    expect(wrong.statusCode).toBe(403);
  });

  it('answers 401 to staff routes without a session and with a forged one', async () => {
    const none = await harness.app.inject({ method: 'GET', url: '/api/staff/agency' });
    expect(none.statusCode).toBe(401);
    expect(none.json().message).toBe('Войдите в систему');
    const forged = await harness.app.inject({
      method: 'GET',
      url: '/api/staff/agency',
      headers: { cookie: 'otklik_session=not-a-session' },
    });
    expect(forged.statusCode).toBe(401);
  });

  it('gives the same answer for an unknown e-mail and a wrong password', async () => {
    const { email } = await agencyWithStaff(harness);
    const unknown = await loginRequest(uniqueEmail('ghost'), 'whatever-password');
    const wrong = await loginRequest(email, 'whatever-password');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
  });
});

describe('the __Host- session cookie over https (ASVS 3.4.4)', () => {
  it(
    'is named __Host-otklik_session, Secure, Path=/, host-only, and only that name opens the session',
    async () => {
      const https = await createHarness({ PUBLIC_URL: 'https://otklik.example.ru' });
      try {
        const { email, password } = await agencyWithStaff(https);
        const response = await https.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email, password },
          // A plain-named cookie from before https: dropped at login, never read.
          headers: { cookie: 'otklik_session=left-from-http' },
        });
        expect(response.statusCode).toBe(200);
        const session = response.cookies.find((c) => c.name === '__Host-otklik_session');
        expect(session).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax', path: '/' });
        expect(session?.domain).toBeUndefined();
        expect(response.cookies.find((c) => c.name === 'otklik_session')).toMatchObject({ value: '' });

        const read = (cookie: string) =>
          https.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie } });
        expect((await read(`__Host-otklik_session=${session?.value}`)).statusCode).toBe(200);
        expect((await read(`otklik_session=${session?.value}`)).statusCode).toBe(401);

        const logout = await https.app.inject({
          method: 'POST',
          url: '/api/auth/logout',
          headers: {
            cookie: `__Host-otklik_session=${session?.value}`,
            'x-csrf-token': response.json().csrfToken,
          },
        });
        expect(logout.statusCode).toBe(204);
        // Clearing a __Host- cookie needs the same Secure and Path, or the browser ignores it.
        expect(logout.cookies).toMatchObject([
          { name: '__Host-otklik_session', value: '', secure: true, path: '/' },
        ]);
        expect((await read(`__Host-otklik_session=${session?.value}`)).statusCode).toBe(401);

        const openapi = (await https.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
        expect(openapi.components.securitySchemes.session.name).toBe('__Host-otklik_session');
      } finally {
        await https.close();
      }
    },
    OWN_HARNESS_TIMEOUT_MS,
  );
});

describe('lockout after failed attempts', () => {
  it('locks the account after five failures, even for the right password, with Retry-After', async () => {
    const { email, password } = await agencyWithStaff(harness);
    for (let i = 0; i < 5; i++) expect((await loginRequest(email, 'wrong password!')).statusCode).toBe(401);
    const locked = await loginRequest(email, password);
    expect(locked.statusCode).toBe(429);
    expect(locked.json()).toMatchObject({
      error: 'locked',
      message: expect.stringMatching(/Повторите через 1 мин/),
    });
    expect(locked.headers['retry-after']).toBe('60');
  });

  it('doubles the lock with each further failure, capped at an hour', () => {
    expect([4, 5, 6, 7, 20].map(lockMinutes)).toEqual([0, 1, 2, 4, 60]);
  });

  it(
    'rate-limits login attempts per client address, whatever X-Forwarded-For says',
    async () => {
      const limited = await createHarness({ LOGIN_RATE_PER_MINUTE: '3' });
      try {
        const codes = [];
        for (let i = 0; i < 4; i++) {
          // A forged X-Forwarded-For must not buy fresh attempts (no proxy is trusted by default).
          const response = await limited.app.inject({
            method: 'POST',
            url: '/api/auth/login',
            payload: { email: 'a@b.ru', password: 'x' },
            headers: { 'x-forwarded-for': `10.0.0.${i}` },
          });
          codes.push(response.statusCode);
          if (response.statusCode === 429) expect(response.json().message).toMatch(/Слишком много запросов/);
        }
        expect(codes).toEqual([401, 401, 401, 429]);
      } finally {
        await limited.close();
      }
    },
    OWN_HARNESS_TIMEOUT_MS,
  );
});

describe('password reset by e-mailed link', () => {
  it('mails a one-time link that sets a new password and ends old sessions', async () => {
    const { email, staff } = await agencyWithStaff(harness);
    const before = (await harness.outbox()).length;
    const requested = await harness.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset',
      payload: { email },
    });
    expect(requested.statusCode).toBe(202);
    const mails = (await harness.outbox()).slice(before);
    const mail = mails.find((m) => m.includes(email));
    expect(mail).toBeDefined();
    const token = linkFrom(mail ?? '');

    const short = await harness.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset/confirm',
      payload: { token, password: 'short' },
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().field).toBe('body.password');

    const confirm = await harness.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset/confirm',
      payload: { token, password: 'a brand new passphrase' },
    });
    expect(confirm.statusCode).toBe(204);
    expect((await staff.request({ method: 'GET', url: '/api/staff/agency' })).statusCode).toBe(401);
    expect((await loginRequest(email, 'a brand new passphrase')).statusCode).toBe(200);

    const reused = await harness.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset/confirm',
      payload: { token, password: 'another passphrase 2' },
    });
    expect(reused.statusCode).toBe(400);
    expect(reused.json().error).toBe('invalid_token');
  });

  it('answers 202 for an unknown address and sends nothing', async () => {
    const before = (await harness.outbox()).length;
    const response = await harness.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset',
      payload: { email: uniqueEmail('nobody') },
    });
    expect(response.statusCode).toBe(202);
    expect((await harness.outbox()).length).toBe(before);
  });
});

describe('password policy (ASVS 2.1.1, 2.1.2, 2.1.7, 2.1.9)', () => {
  async function resetTokenOf(email: string): Promise<string> {
    const before = (await harness.outbox()).length;
    await harness.app.inject({ method: 'POST', url: '/api/auth/password-reset', payload: { email } });
    return linkFrom((await harness.outbox()).slice(before).find((m) => m.includes(email)) ?? '');
  }
  const confirm = (token: string, password: string) =>
    harness.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset/confirm',
      payload: { token, password },
    });

  it('refuses passwords under 12 or over 128 characters and common ones, in Russian, on body.password', async () => {
    const { email } = await agencyWithStaff(harness);
    const token = await resetTokenOf(email);
    const refusals = {
      'ёлка-палка1': /не короче 12 символов/,
      [`${'пароль '.repeat(18)}abc`]: /не длиннее 128 символов/,
      qwerty123456: /утёкших и распространённых/,
      QAZWSXEDCRFV: /утёкших и распространённых/,
      gfhjkmgfhjkm: /утёкших и распространённых/,
    };
    for (const [password, message] of Object.entries(refusals)) {
      const response = await confirm(token, password);
      expect(response.statusCode, password).toBe(400);
      expect(response.json()).toMatchObject({
        field: 'body.password',
        message: expect.stringMatching(message),
      });
    }
    // A refusal does not spend the link; the length counts characters, not UTF-16 units.
    expect((await confirm(token, 'ёлка-палка-1')).statusCode).toBe(204);
    expect((await loginRequest(email, 'ёлка-палка-1')).statusCode).toBe(200);
  });

  it('takes 128-character passphrases of lower-case letters and spaces: no composition rules', async () => {
    const { email } = await agencyWithStaff(harness);
    const passphrase = 'у лукоморья дуб зелёный '.repeat(6).slice(0, 128);
    expect((await confirm(await resetTokenOf(email), passphrase)).statusCode).toBe(204);
    expect((await loginRequest(email, passphrase)).statusCode).toBe(200);
  });

  it('applies the policy to ADMIN_PASSWORD when the administrator is created', async () => {
    const email = uniqueEmail('admin');
    await expect(harness.services.users.ensureAdministrator(email, 'password1234')).rejects.toMatchObject({
      field: 'ADMIN_PASSWORD',
      message: expect.stringMatching(/распространённых/),
    });
    expect((await loginRequest(email, 'password1234')).statusCode).toBe(401);
  });

  it('still lets in an account whose older password is shorter than the new minimum', async () => {
    const email = uniqueEmail('legacy');
    await insertUser(harness.services.database.db, {
      email,
      name: 'Старый пароль',
      passwordHash: await hashPassword('ten chars!'),
    });
    expect((await loginRequest(email, 'ten chars!')).statusCode).toBe(200);
  });
});

describe('staff accounts and roles', () => {
  it('an administrator invites a user who sets a password from the e-mail and sees only their roles', async () => {
    const { staff } = await agencyWithStaff(harness);
    const department = (
      await staff.request({ method: 'POST', url: '/api/staff/departments', payload: { name: 'Отдел писем' } })
    ).json();
    const email = uniqueEmail('invited');
    const created = await staff.request({
      method: 'POST',
      url: '/api/staff/users',
      payload: {
        email,
        name: 'Петрова Анна',
        roles: ['operator', 'kb_editor'],
        departmentIds: [department.id],
      },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      email,
      roles: ['operator', 'kb_editor'],
      departmentIds: [department.id],
    });

    const invite = (await harness.outbox()).find((m) => m.includes(email));
    await harness.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset/confirm',
      payload: { token: linkFrom(invite ?? ''), password: 'invited user passphrase' },
    });
    const invited = await login(harness, email, 'invited user passphrase');
    expect(invited.info.roles).toEqual(['operator', 'kb_editor']);
    expect((await invited.request({ method: 'GET', url: '/api/staff/users' })).statusCode).toBe(403);
    expect((await invited.request({ method: 'GET', url: '/api/staff/audit' })).statusCode).toBe(403);
  });

  it('rejects an unknown role and a department of another agency', async () => {
    const { staff } = await agencyWithStaff(harness);
    const other = await agencyWithStaff(harness);
    const foreign = (
      await other.staff.request({ method: 'POST', url: '/api/staff/departments', payload: { name: 'Чужой' } })
    ).json();
    const badRole = await staff.request({
      method: 'POST',
      url: '/api/staff/users',
      payload: { email: uniqueEmail(), name: 'X', roles: ['superuser'], departmentIds: [] },
    });
    expect(badRole.statusCode).toBe(400);
    expect(badRole.json().field).toBe('body.roles.0');
    const badDepartment = await staff.request({
      method: 'POST',
      url: '/api/staff/users',
      payload: { email: uniqueEmail(), name: 'X', roles: ['operator'], departmentIds: [foreign.id] },
    });
    expect(badDepartment.statusCode).toBe(400);
    expect(badDepartment.json().field).toBe('body.departmentIds.0');
  });

  it('lets a head read the staff list but not change it; filters and pages the list', async () => {
    const { staff: admin } = await agencyWithStaff(harness);
    for (const name of ['Алексеев', 'Борисов', 'Васильев', 'Руководитель']) {
      const created = await admin.request({
        method: 'POST',
        url: '/api/staff/users',
        payload: {
          email: uniqueEmail(),
          name,
          roles: [name === 'Руководитель' ? 'head' : 'operator'],
          departmentIds: [],
        },
      });
      expect(created.statusCode).toBe(201);
    }
    const page = (
      await admin.request({ method: 'GET', url: '/api/staff/users?role=operator&pageSize=2&page=2' })
    ).json();
    expect(page).toMatchObject({ total: 3, pages: 2, page: 2 });
    expect(page.items.map((u: { name: string }) => u.name)).toEqual(['Васильев']);
    const search = (await admin.request({ method: 'GET', url: '/api/staff/users?q=борис' })).json();
    expect(search.items.map((u: { name: string }) => u.name)).toEqual(['Борисов']);

    const { staff: head } = await agencyWithStaff(harness, ['head']);
    expect((await head.request({ method: 'GET', url: '/api/staff/users' })).statusCode).toBe(200);
    const change = await head.request({
      method: 'POST',
      url: '/api/staff/users',
      payload: { email: uniqueEmail(), name: 'Нельзя', roles: ['operator'], departmentIds: [] },
    });
    expect(change.statusCode).toBe(403);
  });

  it('switches between agencies the user works in, and only those', async () => {
    const first = await agencyWithStaff(harness);
    const second = await agencyWithStaff(harness);
    await second.staff.request({
      method: 'POST',
      url: '/api/staff/users',
      payload: { email: first.email, name: 'Тот же человек', roles: ['analyst'], departmentIds: [] },
    });
    const staff = await login(harness, first.email, first.password);
    expect(staff.info.agencies.map((a) => a.slug).sort()).toEqual([first.slug, second.slug].sort());
    const switched = await staff.request({
      method: 'POST',
      url: '/api/auth/agency',
      payload: { slug: second.slug },
    });
    expect(switched.json()).toMatchObject({ currentAgency: second.slug, roles: ['analyst'] });
    expect((await staff.request({ method: 'GET', url: '/api/staff/agency' })).json().slug).toBe(second.slug);
    const stranger = await agencyWithStaff(harness);
    const denied = await staff.request({
      method: 'POST',
      url: '/api/auth/agency',
      payload: { slug: stranger.slug },
    });
    expect(denied.statusCode).toBe(403);
  });

  it('keeps user accounts inside their agency', async () => {
    await expectTenantIsolation(harness, {
      create: async (staff) =>
        (
          await staff.request({
            method: 'POST',
            url: '/api/staff/users',
            payload: {
              email: uniqueEmail('tenant'),
              name: 'Только для А',
              roles: ['operator'],
              departmentIds: [],
            },
          })
        ).json().id,
      requests: (id) => [{ method: 'PATCH', url: `/api/staff/users/${id}`, payload: { roles: ['admin'] } }],
      lists: ['/api/staff/users', '/api/staff/audit'],
    });
  });
});
