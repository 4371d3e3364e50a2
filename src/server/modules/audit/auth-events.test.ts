import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthEvent } from '../../../common/auth-events.js';
import {
  agencyWithStaff,
  createHarness,
  type Harness,
  OWN_HARNESS_TIMEOUT_MS,
  type StaffClient,
  uniqueEmail,
} from '../../testing/harness.js';
import { updateUser } from '../auth/repo.js';

// ASVS 7.2.1–7.2.2: every authentication decision leaves an entry with who, when, from where.
let harness: Harness;
let regionAdmin: StaffClient;
beforeAll(async () => {
  harness = await createHarness();
  const admin = await agencyWithStaff(harness);
  await updateUser(harness.services.database.db, admin.userId, { isRegionAdmin: true });
  regionAdmin = admin.staff;
});
afterAll(() => harness.close());

const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) Chromium/140 Отклик-тест';

/** A request from a given address and browser, with a request id of its own to find the entry by. */
function from(ip: string) {
  const requestId = `test-${randomUUID()}`;
  const headers = { 'user-agent': BROWSER, 'x-request-id': requestId };
  return { requestId, remoteAddress: ip, headers };
}

async function eventsOf(viewer: StaffClient, query = ''): Promise<AuthEvent[]> {
  const response = await viewer.request({
    method: 'GET',
    url: `/api/staff/audit/auth-events?pageSize=100${query}`,
  });
  expect(response.statusCode).toBe(200);
  return response.json().items;
}

async function eventOf(requestId: string): Promise<AuthEvent[]> {
  return (await eventsOf(regionAdmin)).filter((e) => e.requestId === requestId);
}

const loginFrom = (ip: string, email: string, password: string) => {
  const origin = from(ip);
  const response = harness.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password },
    remoteAddress: origin.remoteAddress,
    headers: origin.headers,
  });
  return { requestId: origin.requestId, response };
};

describe('authentication events', () => {
  it('logs a successful login and a logout with time, user, address, browser and request id', async () => {
    const { email, password, userId } = await agencyWithStaff(harness, ['operator']);
    const before = Date.now();
    const login = loginFrom('203.0.113.7', email, password);
    const response = await login.response;
    expect(response.statusCode).toBe(200);
    // The harness signed in from 127.0.0.1 first, so this address also brings a new-device notice.
    const entries = await eventOf(login.requestId);
    expect(entries.map((e) => e.kind).sort()).toEqual(['login_succeeded', 'new_device_notice']);
    const entry = entries.find((e) => e.kind === 'login_succeeded');
    expect(entry).toMatchObject({
      kind: 'login_succeeded',
      user: { id: userId, email },
      ip: '203.0.113.7',
      userAgent: BROWSER,
      requestId: login.requestId,
    });
    expect(Date.parse(entry?.at ?? '')).toBeGreaterThanOrEqual(before - 1000);

    const cookie = response.cookies.find((c) => c.name === 'otklik_session')?.value;
    const origin = from('203.0.113.8');
    const logout = await harness.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      remoteAddress: origin.remoteAddress,
      headers: {
        ...origin.headers,
        cookie: `otklik_session=${cookie}`,
        'x-csrf-token': response.json().csrfToken,
      },
    });
    expect(logout.statusCode).toBe(204);
    expect(await eventOf(origin.requestId)).toMatchObject([
      { kind: 'logout', user: { id: userId }, ip: '203.0.113.8' },
    ]);
  });

  it('answers an unknown address and a wrong password alike, while the log tells them apart without the password', async () => {
    const { email, userId } = await agencyWithStaff(harness);
    const ghost = uniqueEmail('ghost');
    const unknown = loginFrom('198.51.100.1', ghost, 'secret guess one');
    const wrong = loginFrom('198.51.100.2', email, 'secret guess two');
    const [unknownResponse, wrongResponse] = await Promise.all([unknown.response, wrong.response]);
    expect(unknownResponse.statusCode).toBe(401);
    expect(wrongResponse.statusCode).toBe(401);
    expect(unknownResponse.body).toBe(wrongResponse.body);
    expect(Object.keys(unknownResponse.headers).sort()).toEqual(Object.keys(wrongResponse.headers).sort());

    const [unknownEntry] = await eventOf(unknown.requestId);
    const [wrongEntry] = await eventOf(wrong.requestId);
    expect(unknownEntry).toMatchObject({
      kind: 'login_failed',
      user: null,
      email: ghost,
      reason: 'unknown_user',
    });
    expect(wrongEntry).toMatchObject({
      kind: 'login_failed',
      user: { id: userId },
      email,
      reason: 'wrong_password',
      ip: '198.51.100.2',
    });
    expect(JSON.stringify([unknownEntry, wrongEntry])).not.toMatch(/secret guess/);
  });

  it('logs the lockout and the attempts refused while locked', async () => {
    const { email, password, userId, staff } = await agencyWithStaff(harness);
    for (let i = 0; i < 5; i++)
      await (await loginFrom('192.0.2.10', email, `wrong guess ${i}`).response).body;
    const refused = loginFrom('192.0.2.10', email, password);
    expect((await refused.response).statusCode).toBe(429);
    const mine = (await eventsOf(staff)).filter((e) => e.user?.id === userId);
    expect(mine.filter((e) => e.kind === 'account_locked')).toMatchObject([{ reason: '1' }]);
    expect(await eventOf(refused.requestId)).toMatchObject([
      { kind: 'login_failed', reason: 'account_locked' },
    ]);
  });

  it('logs the password change and the sessions it ended', async () => {
    const { email, userId, staff } = await agencyWithStaff(harness);
    const before = (await harness.outbox()).length;
    await harness.app.inject({ method: 'POST', url: '/api/auth/password-reset', payload: { email } });
    const mail = (await harness.outbox()).slice(before).find((m) => m.includes(email)) ?? '';
    const token = mail.match(/reset-password\?token=([A-Za-z0-9_-]+)/)?.[1];
    const origin = from('192.0.2.20');
    const confirm = await harness.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset/confirm',
      payload: { token, password: 'совсем новый пароль' },
      remoteAddress: origin.remoteAddress,
      headers: origin.headers,
    });
    expect(confirm.statusCode).toBe(204);
    expect(await eventOf(origin.requestId)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'password_changed', user: expect.objectContaining({ id: userId }) }),
        expect.objectContaining({ kind: 'session_revoked', reason: 'password_changed' }),
      ]),
    );
    expect((await staff.request({ method: 'GET', url: '/api/staff/agency' })).statusCode).toBe(401);
  });

  it(
    'logs a hit of the per-address login limit once a minute, however many requests are refused',
    async () => {
      const limited = await createHarness({ LOGIN_RATE_PER_MINUTE: '2' });
      try {
        const codes: number[] = [];
        for (let i = 0; i < 5; i++) {
          const origin = from('192.0.2.30');
          const response = await limited.app.inject({
            method: 'POST',
            url: '/api/auth/login',
            payload: { email: 'nobody@example.ru', password: 'whatever it is' },
            remoteAddress: origin.remoteAddress,
            headers: origin.headers,
          });
          codes.push(response.statusCode);
        }
        expect(codes).toEqual([401, 401, 429, 429, 429]);
        const list = () =>
          limited.services.authEvents.list(
            { userId: randomUUID(), agencyId: randomUUID(), roles: ['admin'], isRegionAdmin: true },
            { kind: 'rate_limited' },
          );
        // The entry is written beside the refusal, not before it.
        await expect.poll(async () => (await list()).total).toBe(1);
        expect((await list()).items[0]).toMatchObject({ ip: '192.0.2.30', userAgent: BROWSER, user: null });
      } finally {
        await limited.close();
      }
    },
    OWN_HARNESS_TIMEOUT_MS,
  );
});

describe('who sees authentication events', () => {
  it('an agency administrator sees its own members’ events filtered by kind, not other agencies’ or unknown addresses', async () => {
    const a = await agencyWithStaff(harness);
    const b = await agencyWithStaff(harness);
    const ghost = uniqueEmail('ghost');
    await (await loginFrom('192.0.2.40', ghost, 'no such account').response).body;
    await (await loginFrom('192.0.2.40', a.email, 'wrong for a user').response).body;

    const seenByA = await eventsOf(a.staff);
    expect(seenByA.length).toBeGreaterThan(0);
    expect(seenByA.every((e) => e.user?.id === a.userId)).toBe(true);
    expect(seenByA.map((e) => e.kind)).toEqual(expect.arrayContaining(['login_failed', 'login_succeeded']));
    const failedOnly = await eventsOf(a.staff, '&kind=login_failed');
    expect(failedOnly).toMatchObject([{ kind: 'login_failed', reason: 'wrong_password' }]);

    const seenByB = await eventsOf(b.staff);
    expect(seenByB.some((e) => e.user?.id === a.userId || e.email === ghost)).toBe(false);
    expect((await eventsOf(regionAdmin, '&kind=login_failed')).some((e) => e.email === ghost)).toBe(true);

    const bad = await a.staff.request({ method: 'GET', url: '/api/staff/audit/auth-events?kind=hacked' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('query.kind');
  });

  it('is for administrators only', async () => {
    const { staff } = await agencyWithStaff(harness, ['operator']);
    expect((await staff.request({ method: 'GET', url: '/api/staff/audit/auth-events' })).statusCode).toBe(
      403,
    );
  });
});
