import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencyWithStaff, createHarness, type Harness } from '../../testing/harness.js';
import { expectTenantIsolation } from '../../testing/tenancy.js';
import { channelAccounts } from './schema.js';

describe('channel accounts: sealed credentials, connection check, tenancy', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await createHarness();
    // A network whose "server" accepts one token: enough to see the check and health recorded.
    harness.services.channelAccounts.registerAdapter('ok', {
      settings: ['groupId'],
      secrets: ['accessToken', 'webhookSecret'],
      async check(account) {
        if (account.secrets.accessToken !== 'good-token') throw new Error('Неверный токен доступа');
      },
    });
  });
  afterAll(() => harness.close());

  const create = (
    staff: Awaited<ReturnType<typeof agencyWithStaff>>['staff'],
    secrets: Record<string, string>,
  ) =>
    staff.request({
      method: 'POST',
      url: '/api/staff/channels',
      payload: { network: 'ok', title: 'Группа ОК', settings: { groupId: '42' }, secrets },
    });

  it('stores credentials sealed and shows staff only which ones are set', async () => {
    const { staff } = await agencyWithStaff(harness, ['admin']);
    const created = await create(staff, { accessToken: 'bad-token', webhookSecret: 'hook-secret' });
    expect(created.statusCode).toBe(201);
    const account = created.json<{ id: string; secretsSet: string[] }>();
    expect(account.secretsSet.sort()).toEqual(['accessToken', 'webhookSecret']);
    expect(created.body).not.toContain('bad-token');

    const [row] = await harness.services.database.db
      .select()
      .from(channelAccounts)
      .where(eq(channelAccounts.id, account.id));
    expect(row?.sealedSecrets).toBeTruthy();
    expect(row?.sealedSecrets).not.toContain('bad-token');
    expect(row?.sealedSecrets).not.toContain('hook-secret');

    const failing = await staff.request({ method: 'POST', url: `/api/staff/channels/${account.id}/test` });
    expect(failing.json()).toEqual({ ok: false, error: 'Неверный токен доступа' });

    // Replacing one credential keeps the other.
    const patched = await staff.request({
      method: 'PATCH',
      url: `/api/staff/channels/${account.id}`,
      payload: { secrets: { accessToken: 'good-token' } },
    });
    expect(patched.statusCode).toBe(200);
    const opened = await harness.services.channelAccounts.openById(account.id);
    expect(opened?.secrets).toEqual({ accessToken: 'good-token', webhookSecret: 'hook-secret' });

    const passing = await staff.request({ method: 'POST', url: `/api/staff/channels/${account.id}/test` });
    expect(passing.json()).toEqual({ ok: true, error: null });
    const [listed] = (await staff.request({ method: 'GET', url: '/api/staff/channels' })).json<
      { health: { okAt: string | null; error: string | null } }[]
    >();
    expect(listed?.health.okAt).not.toBeNull();
    expect(listed?.health.error).toBeNull();
  });

  it('rejects unknown networks and fields with a field path', async () => {
    const { staff } = await agencyWithStaff(harness, ['admin']);
    const unknownSecret = await create(staff, { password: 'x' });
    expect(unknownSecret.statusCode).toBe(400);
    expect(unknownSecret.json()).toMatchObject({ field: 'body.secrets.password' });
    const operator = await agencyWithStaff(harness, ['operator']);
    expect((await create(operator.staff, { accessToken: 'x' })).statusCode).toBe(403);
  });

  it("keeps an agency's connections from other agencies", async () => {
    await expectTenantIsolation(harness, {
      create: async (staff) => (await create(staff, { accessToken: 'good-token' })).json<{ id: string }>().id,
      requests: (id) => [
        { method: 'PATCH', url: `/api/staff/channels/${id}`, payload: { title: 'Чужое' } },
        { method: 'POST', url: `/api/staff/channels/${id}/test` },
        { method: 'DELETE', url: `/api/staff/channels/${id}` },
      ],
      lists: ['/api/staff/channels'],
    });
  });
});
