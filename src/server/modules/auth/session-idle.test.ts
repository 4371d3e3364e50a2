import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKGROUND_POLL_HEADER } from '../../../common/session-activity.js';
import { loadConfig } from '../../config.js';
import { agencyWithStaff, createHarness, type Harness } from '../../testing/harness.js';
import { ageSessions, authEventsOf, MINUTE_MS, sessionsOf } from '../../testing/sessions.js';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness.close());

const poll = { [BACKGROUND_POLL_HEADER]: '1' };
const lastActiveAgo = async (userId: string) => {
  const [row] = await sessionsOf(harness, userId);
  if (!row) throw new Error('no session');
  return Date.now() - row.lastActiveAt.getTime();
};

describe('idle timeout (ASVS 3.3.2)', () => {
  it('ends a session idle for SESSION_IDLE_MINUTES: 401 session_idle, the row gone, the event logged', async () => {
    const { staff, userId } = await agencyWithStaff(harness);
    await ageSessions(harness, userId, { lastActiveMs: 31 * MINUTE_MS });

    const idle = await staff.request({ method: 'GET', url: '/api/staff/agency' });
    expect(idle.statusCode).toBe(401);
    expect(idle.json()).toMatchObject({
      error: 'session_idle',
      message: 'Сеанс завершён: вы долго не работали. Войдите снова.',
    });
    expect(await sessionsOf(harness, userId)).toEqual([]);
    expect(await authEventsOf(harness, userId, 'session_idle')).toHaveLength(1);

    // The session is gone: the cookie now means nothing, and no second event is written.
    const after = await staff.request({ method: 'GET', url: '/api/auth/session' });
    expect(after.statusCode).toBe(401);
    expect(after.json().error).toBe('unauthenticated');
    expect(await authEventsOf(harness, userId, 'session_idle')).toHaveLength(1);
  });

  it('keeps a session used within the limit and moves its activity to now', async () => {
    const { staff, userId } = await agencyWithStaff(harness);
    await ageSessions(harness, userId, { lastActiveMs: 29 * MINUTE_MS });
    expect((await staff.request({ method: 'GET', url: '/api/staff/agency' })).statusCode).toBe(200);
    expect(await lastActiveAgo(userId)).toBeLessThan(10_000);
  });

  it('answers the session endpoint itself with session_idle, so the console can say why', async () => {
    const { staff, userId } = await agencyWithStaff(harness);
    await ageSessions(harness, userId, { lastActiveMs: 45 * MINUTE_MS });
    const response = await staff.request({ method: 'GET', url: '/api/auth/session' });
    expect(response.statusCode).toBe(401);
    expect(response.json().error).toBe('session_idle');
  });

  it('does not count background polls as activity, and ends a session only polled', async () => {
    const { staff, userId } = await agencyWithStaff(harness);
    await ageSessions(harness, userId, { lastActiveMs: 5 * MINUTE_MS });
    const polled = await staff.request({ method: 'GET', url: '/api/staff/agency', headers: poll });
    expect(polled.statusCode).toBe(200);
    expect(await lastActiveAgo(userId)).toBeGreaterThan(5 * MINUTE_MS - 1000);

    await ageSessions(harness, userId, { lastActiveMs: 30 * MINUTE_MS + 1000 });
    const ended = await staff.request({ method: 'GET', url: '/api/staff/agency', headers: poll });
    expect(ended.statusCode).toBe(401);
    expect(ended.json().error).toBe('session_idle');
  });

  it('writes activity at most once a minute per session', async () => {
    const { staff, userId } = await agencyWithStaff(harness);
    await ageSessions(harness, userId, { lastActiveMs: 30_000 });
    expect((await staff.request({ method: 'GET', url: '/api/staff/agency' })).statusCode).toBe(200);
    // Half a minute ago is recent enough: no write.
    expect(await lastActiveAgo(userId)).toBeGreaterThanOrEqual(30_000);

    await ageSessions(harness, userId, { lastActiveMs: 90_000 });
    expect((await staff.request({ method: 'GET', url: '/api/staff/agency' })).statusCode).toBe(200);
    expect(await lastActiveAgo(userId)).toBeLessThan(10_000);
  });

  it('ends only the idle session, not the same person’s other ones', async () => {
    const { staff, userId, email, password } = await agencyWithStaff(harness);
    await ageSessions(harness, userId, { lastActiveMs: 31 * MINUTE_MS });
    const fresh = await harness.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password },
    });
    expect(fresh.statusCode).toBe(200);
    expect((await staff.request({ method: 'GET', url: '/api/staff/agency' })).statusCode).toBe(401);
    expect(await sessionsOf(harness, userId)).toHaveLength(1);
  });
});

describe('SESSION_IDLE_MINUTES and REAUTH_WINDOW_MINUTES', () => {
  it('default to 30 and 10 minutes and refuse values out of range', () => {
    expect(loadConfig({})).toMatchObject({ sessionIdleMinutes: 30, reauthWindowMinutes: 10 });
    expect(loadConfig({ SESSION_IDLE_MINUTES: '15', REAUTH_WINDOW_MINUTES: '5' })).toMatchObject({
      sessionIdleMinutes: 15,
      reauthWindowMinutes: 5,
    });
    expect(() => loadConfig({ SESSION_IDLE_MINUTES: '0' })).toThrow(/SESSION_IDLE_MINUTES/);
    expect(() => loadConfig({ SESSION_IDLE_MINUTES: 'half an hour' })).toThrow(/SESSION_IDLE_MINUTES/);
    expect(() => loadConfig({ REAUTH_WINDOW_MINUTES: '0' })).toThrow(/REAUTH_WINDOW_MINUTES/);
  });
});
