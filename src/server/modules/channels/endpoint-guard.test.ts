import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseNetworks } from '../../lib/outbound-guard.js';
import { agencyWithStaff, createHarness, type Harness } from '../../testing/harness.js';
import { botToken } from '../../testing/telegram-accounts.js';
import { channelAccounts } from './schema.js';

// The operator allows one internal range, as a region with its own mail server would.
const ALLOWED_RANGE = '10.20.0.0/16';

describe('channel endpoints cannot reach into the internal network (SSRF)', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await createHarness({ CHANNEL_PRIVATE_NETWORKS: ALLOWED_RANGE });
  });
  afterAll(() => harness.close());

  const connectTelegram = (staff: Awaited<ReturnType<typeof agencyWithStaff>>['staff'], apiRoot: string) =>
    staff.request({
      method: 'POST',
      url: '/api/staff/channels',
      payload: {
        network: 'telegram',
        title: 'Бот',
        settings: { mode: 'polling', apiRoot },
        secrets: { botToken: botToken() },
      },
    });

  it('refuses internal Bot API roots and IMAP hosts with the field named, and stores nothing', async () => {
    const { staff } = await agencyWithStaff(harness, ['admin']);
    const internal = [
      'http://127.0.0.1:5432',
      'http://localhost:9090/metrics',
      'http://169.254.169.254/latest/meta-data',
      'http://[::1]:8080',
      'http://[::ffff:127.0.0.1]/',
      'http://0x7f000001/',
      'http://10.0.0.5/',
      'http://100.64.1.1/',
    ];
    for (const apiRoot of internal) {
      const refused = await connectTelegram(staff, apiRoot);
      expect(refused.statusCode, apiRoot).toBe(400);
      expect(refused.json(), apiRoot).toMatchObject({ field: 'body.settings.apiRoot' });
      expect(refused.json().message, apiRoot).toMatch(/внутреннюю сеть/);
    }
    const notWeb = await connectTelegram(staff, 'file:///etc/passwd');
    expect(notWeb.json()).toMatchObject({
      field: 'body.settings.apiRoot',
      message: expect.stringMatching(/http/),
    });

    const imap = await staff.request({
      method: 'POST',
      url: '/api/staff/channels',
      payload: {
        network: 'email',
        title: 'Почта',
        settings: {
          host: '192.168.1.10',
          port: '993',
          user: 'box',
          mailbox: 'INBOX',
          address: 'box@example.org',
        },
        secrets: { password: 'secret' },
      },
    });
    expect(imap.json()).toMatchObject({ field: 'body.settings.host' });

    const stored = await staff.request({ method: 'GET', url: '/api/staff/channels' });
    expect(stored.json()).toEqual([]);
  });

  it('lets public addresses and the ranges the operator allowed through, and refuses an edit into the network', async () => {
    const { staff } = await agencyWithStaff(harness, ['admin']);
    const created = await connectTelegram(staff, 'https://93.184.215.14');
    expect(created.statusCode).toBe(201);
    const { id } = created.json<{ id: string }>();
    const allowed = await connectTelegram(staff, 'http://10.20.3.4:8081');
    expect(allowed.statusCode).toBe(201);

    const moved = await staff.request({
      method: 'PATCH',
      url: `/api/staff/channels/${id}`,
      payload: { settings: { apiRoot: 'http://127.0.0.1:5432' } },
    });
    expect(moved.statusCode).toBe(400);
    expect(moved.json()).toMatchObject({ field: 'body.settings.apiRoot' });
    const opened = await harness.services.channelAccounts.openById(id);
    expect(opened?.settings.apiRoot).toBe('https://93.184.215.14');
  });

  it('checks again before «Проверить подключение» calls out, so a setting changed behind its back reaches nothing', async () => {
    const { staff } = await agencyWithStaff(harness, ['admin']);
    const { id } = (await connectTelegram(staff, 'https://93.184.215.14')).json<{ id: string }>();
    await harness.services.database.db
      .update(channelAccounts)
      .set({ settings: { mode: 'polling', apiRoot: 'http://127.0.0.1:1' } })
      .where(eq(channelAccounts.id, id));
    const checked = await staff.request({ method: 'POST', url: `/api/staff/channels/${id}/test` });
    expect(checked.json()).toEqual({
      ok: false,
      error: expect.stringMatching(/внутреннюю сеть \(127\.0\.0\.1\)/),
    });
  });

  it('reads the allowed ranges from the environment and refuses a malformed one at startup', () => {
    expect(parseNetworks('10.0.0.0/8, ::1 ,192.168.5.7').map(([base, bits]) => `${base}/${bits}`)).toEqual([
      '10.0.0.0/8',
      '::1/128',
      '192.168.5.7/32',
    ]);
    expect(parseNetworks(undefined)).toEqual([]);
    expect(() => parseNetworks('10.0.0.0/8,intranet')).toThrow(/"intranet"/);
  });
});
