import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencyWithStaff, createHarness, type Harness, type StaffClient } from '../../testing/harness.js';
import { expectTenantIsolation } from '../../testing/tenancy.js';
import { channelPostDeliveries } from './posts.schema.js';
import { outboundMessages } from './schema.js';
import { PermanentFailure } from './transport.js';

describe('channel posts: publishing on the agency initiative, per network, with retry', () => {
  let harness: Harness;
  const wallRefusals: string[] = [];

  beforeAll(async () => {
    harness = await createHarness();
    const accounts = harness.services.channelAccounts;
    const accept = async () => undefined;
    accounts.registerAdapter('telegram', { settings: ['channelId'], secrets: ['botToken'], check: accept });
    accounts.registerAdapter('vk', { settings: ['groupId'], secrets: ['accessToken'], check: accept });
    accounts.registerAdapter('email', { settings: ['address'], secrets: [], check: accept });
    // Stands in for a network that refuses the post, so a failed delivery can be retried.
    harness.services.outbox.registerTransport('vk', {
      async send(message) {
        wallRefusals.push(message.id);
        throw new PermanentFailure('Доступ к стене сообщества запрещён');
      },
    });
  });
  afterAll(() => harness.close());

  async function account(staff: StaffClient, payload: Record<string, unknown>) {
    const response = await staff.request({ method: 'POST', url: '/api/staff/channels', payload });
    expect(response.statusCode).toBe(201);
    return response.json().id as string;
  }

  const publish = (staff: StaffClient, payload: Record<string, unknown>) =>
    staff.request({ method: 'POST', url: '/api/staff/channel-posts', payload });

  async function pages(staff: StaffClient) {
    return {
      channel: await account(staff, {
        network: 'telegram',
        title: 'Канал',
        settings: { channelId: '@minek' },
      }),
      wall: await account(staff, { network: 'vk', title: 'Сообщество', settings: { groupId: '-100500' } }),
    };
  }

  it('writes one outbox row per chosen page and shows each network status; a failed one is retried', async () => {
    const { staff } = await agencyWithStaff(harness, ['admin']);
    const { channel, wall } = await pages(staff);
    const targets = await staff.request({ method: 'GET', url: '/api/staff/channel-posts/targets' });
    expect(
      targets
        .json()
        .map((t: { id: string }) => t.id)
        .sort(),
    ).toEqual([channel, wall].sort());

    const created = await publish(staff, {
      text: ' Начат приём заявок на гранты 🎉 ',
      accountIds: [channel, wall],
    });
    expect(created.statusCode).toBe(201);
    const postId = created.json().id;
    const deliveries = await harness.services.database.db
      .select()
      .from(channelPostDeliveries)
      .where(eq(channelPostDeliveries.postId, postId));
    const rows = await harness.services.database.db
      .select()
      .from(outboundMessages)
      .where(
        inArray(
          outboundMessages.id,
          deliveries.map((d) => d.outboundId as string),
        ),
      );
    expect(rows.map((r) => [r.network, r.recipient, r.thread, r.body, r.accountId]).sort()).toEqual([
      ['telegram', '@minek', { kind: 'post' }, 'Начат приём заявок на гранты 🎉', channel],
      ['vk', '-100500', { kind: 'post' }, 'Начат приём заявок на гранты 🎉', wall],
    ]);

    await harness.services.outbox.drain();
    const listed = await staff.request({ method: 'GET', url: '/api/staff/channel-posts' });
    const [post] = listed.json().items;
    expect(post).toMatchObject({ id: postId, text: 'Начат приём заявок на гранты 🎉' });
    const vk = post.deliveries.find((d: { network: string }) => d.network === 'vk');
    expect(vk).toMatchObject({
      status: 'failed',
      lastError: 'Доступ к стене сообщества запрещён',
      accountTitle: 'Сообщество',
    });

    const retryUrl = (deliveryId: string) =>
      `/api/staff/channel-posts/${postId}/deliveries/${deliveryId}/retry`;
    expect((await staff.request({ method: 'POST', url: retryUrl(vk.id) })).statusCode).toBe(204);
    const [requeued] = await harness.services.database.db
      .select()
      .from(outboundMessages)
      .where(eq(outboundMessages.id, deliveries.find((d) => d.network === 'vk')?.outboundId as string));
    expect(requeued?.status).toBe('pending');
    const notFailed = await staff.request({ method: 'POST', url: retryUrl(vk.id) });
    expect(notFailed.statusCode).toBe(409);
    expect(notFailed.json().message).toContain('не завершилась ошибкой');
    const unknown = await staff.request({ method: 'POST', url: retryUrl(randomUUID()) });
    expect(unknown.statusCode).toBe(404);
  });

  it('refuses posts it cannot deliver, naming the field', async () => {
    const { staff } = await agencyWithStaff(harness, ['admin']);
    const { channel } = await pages(staff);
    const mailbox = await account(staff, {
      network: 'email',
      title: 'Почта',
      settings: { address: 'a@b.ru' },
    });
    // An OK group connected for its bot only: the feed needs the REST API's application keys.
    const okGroup = await account(staff, { network: 'ok', title: 'Группа ОК', settings: { groupId: '5' } });
    const noPage = await account(staff, { network: 'telegram', title: 'Бот без канала' });
    const off = await account(staff, {
      network: 'telegram',
      title: 'Выкл',
      enabled: false,
      settings: { channelId: '1' },
    });
    const other = await agencyWithStaff(harness, ['admin']);
    const foreign = await account(other.staff, {
      network: 'telegram',
      title: 'Чужой',
      settings: { channelId: '2' },
    });

    const cases: [Record<string, unknown>, string][] = [
      [{ text: 'а'.repeat(4001), accountIds: [channel] }, 'body.text'],
      [{ text: '   ', accountIds: [channel] }, 'body.text'],
      [{ text: 'Новость', accountIds: [] }, 'body.accountIds'],
      [{ text: 'Новость', accountIds: [channel, channel] }, 'body.accountIds'],
      [{ text: 'Новость', accountIds: [channel, mailbox] }, 'body.accountIds.1'],
      [{ text: 'Новость', accountIds: [okGroup] }, 'body.accountIds.0'],
      [{ text: 'Новость', accountIds: [noPage] }, 'body.accountIds.0'],
      [{ text: 'Новость', accountIds: [off] }, 'body.accountIds.0'],
      [{ text: 'Новость', accountIds: [foreign] }, 'body.accountIds.0'],
      [{ text: 'Новость', accountIds: ['not-a-uuid'] }, 'body.accountIds.0'],
    ];
    for (const [payload, field] of cases) {
      const response = await publish(staff, payload);
      expect(response.statusCode, JSON.stringify(payload).slice(0, 80)).toBe(400);
      expect(response.json().field).toBe(field);
      expect(response.json().message).toMatch(/[а-я]/i);
    }
    const okRefusal = await publish(staff, { text: 'Новость', accountIds: [okGroup] });
    expect(okRefusal.json().message).toContain('Группа ОК');
    expect(okRefusal.json().message).toContain('ключ приложения');
    const listed = await staff.request({ method: 'GET', url: '/api/staff/channel-posts' });
    expect(listed.json().total).toBe(0);
    const operator = await agencyWithStaff(harness, ['operator']);
    expect((await publish(operator.staff, { text: 'Новость', accountIds: [channel] })).statusCode).toBe(403);
  });

  it("keeps one agency's posts from another", async () => {
    await expectTenantIsolation(harness, {
      create: async (staffOfA) => {
        const { channel } = await pages(staffOfA);
        return (await publish(staffOfA, { text: 'Новость ведомства', accountIds: [channel] })).json().id;
      },
      requests: (id) => [
        { method: 'POST', url: `/api/staff/channel-posts/${id}/deliveries/${randomUUID()}/retry` },
      ],
      lists: ['/api/staff/channel-posts'],
    });
  });

  it('tells the console which settings and secrets each registered network needs', async () => {
    const { staff } = await agencyWithStaff(harness, ['admin']);
    const response = await staff.request({ method: 'GET', url: '/api/staff/channels/networks' });
    expect(response.json()).toEqual(
      expect.arrayContaining([
        { network: 'telegram', settings: ['channelId'], secrets: ['botToken'] },
        { network: 'vk', settings: ['groupId'], secrets: ['accessToken'] },
      ]),
    );
    const operator = await agencyWithStaff(harness, ['operator']);
    expect(
      (await operator.staff.request({ method: 'GET', url: '/api/staff/channels/networks' })).statusCode,
    ).toBe(403);
  });
});
