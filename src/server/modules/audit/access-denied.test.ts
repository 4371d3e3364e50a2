import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthEvent } from '../../../common/auth-events.js';
import type { Role } from '../../../common/roles.js';
import {
  agencyWithStaff,
  createHarness,
  type Harness,
  login,
  type StaffClient,
  uniqueEmail,
} from '../../testing/harness.js';
import { addMember, agencyIdOf as agencyIdOfUser, MEMBER_PASSWORD } from '../../testing/members.js';
import { ageSessions, authEventsOf, MINUTE_MS } from '../../testing/sessions.js';
import { agencies } from '../agencies/schema.js';
import { createAccessDenialLog } from './access-denials.js';

// ASVS 7.2.2: a refused access-control decision leaves an entry, once a minute per user, route and reason.
let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness.close());

const agencyIdOf = (userId: string) => agencyIdOfUser(harness, userId);

/** Someone holding `roles` in the agency of `userId`, signed in. */
async function colleagueOf(userId: string, roles: Role[]) {
  const agencyId = await agencyIdOf(userId);
  const member = await addMember(harness, [agencyId], roles);
  return { agencyId, userId: member.userId, staff: await login(harness, member.email, MEMBER_PASSWORD) };
}

async function deniedSeenBy(viewer: StaffClient): Promise<AuthEvent[]> {
  const response = await viewer.request({
    method: 'GET',
    url: '/api/staff/audit/auth-events?kind=access_denied&pageSize=100',
  });
  expect(response.statusCode).toBe(200);
  return response.json().items;
}

const deniedOf = async (viewer: StaffClient, userId: string) =>
  (await deniedSeenBy(viewer)).filter((event) => event.user?.id === userId);

describe('denied access is logged', () => {
  it('logs a missing role once for many refusals, with agency, method and route pattern, for its agency admin only', async () => {
    const admin = await agencyWithStaff(harness);
    const stranger = await agencyWithStaff(harness);
    const operator = await colleagueOf(admin.userId, ['operator']);
    const target = randomUUID();
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) {
      const response = await operator.staff.request({
        method: 'POST',
        url: `/api/staff/users/${target}/two-factor/reset?attempt=${i}`,
      });
      codes.push(response.statusCode);
    }
    // A burst arriving together is throttled the same way.
    const burst = await Promise.all(
      Array.from({ length: 4 }, () =>
        operator.staff.request({ method: 'GET', url: '/api/staff/audit?page=2' }),
      ),
    );
    expect(codes).toEqual([403, 403, 403, 403, 403, 403]);
    expect(burst.map((r) => r.statusCode)).toEqual([403, 403, 403, 403]);
    expect(burst[0]?.json()).toMatchObject({ error: 'forbidden' });

    const entries = await deniedOf(admin.staff, operator.userId);
    expect(entries).toHaveLength(2);
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'access_denied',
          agencyId: operator.agencyId,
          method: 'POST',
          route: '/api/staff/users/:id/two-factor/reset',
          reason: 'role_missing',
        }),
        expect.objectContaining({ method: 'GET', route: '/api/staff/audit', reason: 'role_missing' }),
      ]),
    );
    expect(JSON.stringify(entries)).not.toContain(target);
    expect(JSON.stringify(entries)).not.toContain('attempt=');
    expect(await deniedOf(stranger.staff, operator.userId)).toEqual([]);
    expect(await deniedSeenBy(stranger.staff)).toEqual([]);
  });

  it('logs a failed CSRF check and an administrator not yet enrolled in required 2FA, each with its reason', async () => {
    const admin = await agencyWithStaff(harness);
    const agencyId = await agencyIdOf(admin.userId);
    const signedIn = await harness.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: admin.email, password: admin.password },
    });
    const cookie = signedIn.cookies.find((c) => c.name === 'otklik_session')?.value;
    // A cross-site form: the browser sends the cookie, but the page cannot know the CSRF token.
    const forged = await harness.app.inject({
      method: 'PATCH',
      url: '/api/staff/agency',
      headers: { cookie: `otklik_session=${cookie}`, 'x-csrf-token': 'forged' },
      payload: { name: 'Чужое имя' },
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().error).toBe('csrf_failed');

    const colleague = await colleagueOf(admin.userId, ['admin']);
    await harness.services.database.db
      .update(agencies)
      .set({ requireTwoFactorForAdmins: true })
      .where(eq(agencies.id, agencyId));
    const unenrolled = await colleague.staff.request({ method: 'GET', url: '/api/staff/requests' });
    expect(unenrolled.statusCode).toBe(403);
    expect(unenrolled.json().error).toBe('two_factor_enrolment_required');
    const regionOnly = await colleague.staff.request({ method: 'GET', url: '/api/staff/region/agencies' });
    expect(regionOnly.statusCode).toBe(403);
    await harness.services.database.db
      .update(agencies)
      .set({ requireTwoFactorForAdmins: false })
      .where(eq(agencies.id, agencyId));
    const notRegion = await colleague.staff.request({ method: 'GET', url: '/api/staff/region/agencies' });
    expect(notRegion.statusCode).toBe(403);

    expect(await deniedOf(admin.staff, admin.userId)).toMatchObject([
      { method: 'PATCH', route: '/api/staff/agency', reason: 'csrf_failed', agencyId },
    ]);
    const reasons = (await deniedOf(admin.staff, colleague.userId)).map((e) => `${e.reason} ${e.route}`);
    expect(reasons.sort()).toEqual([
      'not_region_admin /api/staff/region/agencies',
      'two_factor_enrolment_required /api/staff/region/agencies',
      'two_factor_enrolment_required /api/staff/requests',
    ]);
  });

  it('logs a refusal by a capability’s own rule, such as switching to an agency one does not work in', async () => {
    const admin = await agencyWithStaff(harness);
    const other = await agencyWithStaff(harness);
    const refused = await admin.staff.request({
      method: 'POST',
      url: '/api/auth/agency',
      payload: { slug: other.slug },
    });
    expect(refused.statusCode).toBe(403);
    expect(await deniedOf(admin.staff, admin.userId)).toMatchObject([
      { method: 'POST', route: '/api/auth/agency', reason: 'capability_rule' },
    ]);
    expect(await deniedSeenBy(other.staff)).toEqual([]);
  });

  it('keeps one row a minute across nodes: two nodes logging the same refusal together write one', async () => {
    const admin = await agencyWithStaff(harness);
    const { db } = harness.services.database;
    const nodes = [createAccessDenialLog(db), createAccessDenialLog(db)];
    const denial = {
      userId: admin.userId,
      agencyId: await agencyIdOf(admin.userId),
      method: 'DELETE',
      route: '/api/staff/kb/articles/:id',
      reason: 'role_missing' as const,
    };
    const context = { ip: '192.0.2.1', userAgent: null, requestId: `test-${randomUUID()}` };
    await Promise.all([...nodes, ...nodes].map((node) => node.record(context, denial)));
    await nodes[1]?.record(context, { ...denial, reason: 'csrf_failed' });
    const entries = await deniedOf(admin.staff, admin.userId);
    expect(entries.map((e) => e.reason).sort()).toEqual(['csrf_failed', 'role_missing']);
  });

  it('does not count a request to confirm the password as a refusal', async () => {
    const admin = await agencyWithStaff(harness, ['admin']);
    await ageSessions(harness, admin.userId, { reauthenticatedMs: 11 * MINUTE_MS });
    const challenged = await admin.staff.request({
      method: 'POST',
      url: '/api/staff/users',
      payload: { email: uniqueEmail('invited'), name: 'Новый', roles: ['operator'], departmentIds: [] },
    });
    expect(challenged.json()).toMatchObject({ error: 'reauthentication_required' });
    expect(await authEventsOf(harness, admin.userId, 'access_denied')).toEqual([]);
  });
});
