import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeTelegram, startFakeTelegram } from '../../../testing/fake-telegram.js';
import { agencyWithStaff, createHarness, type Harness } from '../../../testing/harness.js';
import { connectBot, privateMessage, waitFor } from '../../../testing/telegram-accounts.js';
import { expectTenantIsolation } from '../../../testing/tenancy.js';
import { requests } from '../../requests/schema.js';
import { channelAccounts, outboundMessages } from '../schema.js';
import { SECRET_HEADER } from './webhook.routes.js';

describe('Telegram webhook', () => {
  let harness: Harness;
  let fake: FakeTelegram;

  beforeAll(async () => {
    fake = await startFakeTelegram();
    harness = await createHarness({ PUBLIC_URL: 'https://otklik.example' });
  });
  afterAll(async () => {
    await harness.services.telegram.poller.stop();
    await harness.close();
    await fake.close();
  });

  const db = () => harness.services.database.db;

  async function webhookBot() {
    const { slug, staff } = await agencyWithStaff(harness, ['admin']);
    const agencyId = (await harness.services.agencies.findBySlug(slug))?.id as string;
    const bot = await connectBot(staff, fake, { mode: 'webhook' });
    return { agencyId, staff, ...bot };
  }

  const post = (accountId: string, payload: unknown, secret?: string) =>
    harness.app.inject({
      method: 'POST',
      url: `/api/channels/telegram/${accountId}`,
      headers: {
        'content-type': 'application/json',
        ...(secret === undefined ? {} : { [SECRET_HEADER]: secret }),
      },
      payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
    });

  const stored = async (agencyId: string) => ({
    requests: await db().select().from(requests).where(eq(requests.agencyId, agencyId)),
    outbound: await db().select().from(outboundMessages).where(eq(outboundMessages.agencyId, agencyId)),
  });

  it('registers its URL and secret with Telegram, stores an update once however often it comes', async () => {
    const bot = await webhookBot();
    await harness.services.telegram.poller.refresh();
    expect(fake.webhook(bot.token)).toEqual({
      url: `https://otklik.example/api/channels/telegram/${bot.accountId}`,
      secretToken: bot.webhookSecret,
    });

    const update = { update_id: 9001, ...privateMessage(8201, 'Прошу вывезти мусор с площадки') };
    const first = await post(bot.accountId, update, bot.webhookSecret);
    expect(first.statusCode).toBe(200);
    const replay = await post(bot.accountId, update, bot.webhookSecret);
    expect(replay.statusCode).toBe(200);

    const { requests: rows, outbound } = await stored(bot.agencyId);
    expect(rows).toMatchObject([{ channel: 'telegram', text: 'Прошу вывезти мусор с площадки' }]);
    expect(outbound).toHaveLength(1);
    await harness.services.outbox.drain();
    expect(fake.sent(bot.token)).toMatchObject([{ chatId: '8201', replyTo: update.message.message_id }]);
  });

  it('refuses a forged, missing or foreign secret with 401 and stores nothing', async () => {
    const bot = await webhookBot();
    const other = await webhookBot();
    const update = { update_id: 9002, ...privateMessage(8202, 'Поддельное сообщение') };
    for (const secret of [undefined, 'guess', `${bot.webhookSecret}x`, other.webhookSecret]) {
      const response = await post(bot.accountId, update, secret);
      expect(response.statusCode, `secret ${secret}`).toBe(401);
      expect(response.json()).toMatchObject({
        error: 'telegram_secret_invalid',
        message: expect.stringContaining('Неверный секретный токен'),
      });
    }
    const unknownAccount = await post('00000000-0000-4000-8000-000000000000', update, bot.webhookSecret);
    expect(unknownAccount.statusCode).toBe(401);

    const disable = await bot.staff.request({
      method: 'PATCH',
      url: `/api/staff/channels/${bot.accountId}`,
      payload: { enabled: false },
    });
    expect(disable.statusCode).toBe(200);
    expect((await post(bot.accountId, update, bot.webhookSecret)).statusCode).toBe(401);
    expect(await stored(bot.agencyId)).toEqual({ requests: [], outbound: [] });
  });

  it('refuses an oversize or malformed body with a clear 4xx and stores nothing', async () => {
    const bot = await webhookBot();
    const huge = { update_id: 9003, ...privateMessage(8203, 'я'.repeat(300_000)) };
    const tooLarge = await post(bot.accountId, huge, bot.webhookSecret);
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json()).toMatchObject({
      error: 'body_too_large',
      message: 'Тело запроса слишком большое',
    });

    const noId = await post(bot.accountId, privateMessage(8203, 'Без номера'), bot.webhookSecret);
    expect(noId.statusCode).toBe(400);
    expect(noId.json()).toMatchObject({ error: 'validation_failed', field: 'body.update_id' });

    const badChat = await post(
      bot.accountId,
      { update_id: 9004, message: { message_id: 1, date: 1, chat: { id: 'x', type: 'private' } } },
      bot.webhookSecret,
    );
    expect(badChat.statusCode).toBe(400);
    expect(badChat.json().field).toBe('body.message.chat.id');

    const notJson = await post(bot.accountId, '{"update_id": 1,', bot.webhookSecret);
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json().error).toBe('malformed_json');
    expect(await stored(bot.agencyId)).toEqual({ requests: [], outbound: [] });
  });

  it("still serves the other bots when one account's credentials cannot be opened", async () => {
    const broken = await webhookBot();
    await db()
      .update(channelAccounts)
      .set({ sealedSecrets: 'v1.sealed-under-another-key' })
      .where(eq(channelAccounts.id, broken.accountId));
    const bot = await webhookBot();
    await harness.services.telegram.poller.refresh();
    expect(fake.webhook(bot.token)?.secretToken).toBe(bot.webhookSecret);
    const [row] = await db().select().from(channelAccounts).where(eq(channelAccounts.id, broken.accountId));
    expect(row?.lastError).toContain('SECRETS_KEY');
  });

  it('switches a bot from webhook to polling: the webhook is removed and updates are polled', async () => {
    const bot = await webhookBot();
    await harness.services.telegram.poller.refresh();
    expect(fake.webhook(bot.token)).not.toBeNull();
    const patch = await bot.staff.request({
      method: 'PATCH',
      url: `/api/staff/channels/${bot.accountId}`,
      payload: { settings: { mode: 'polling' } },
    });
    expect(patch.statusCode).toBe(200);
    const updateId = fake.pushUpdate(bot.token, privateMessage(8205, 'Прошу убрать снег во дворе'));
    await harness.services.telegram.poller.refresh();
    await waitFor(() => fake.confirmedOffset(bot.token) > updateId, 15_000, 'the update polled');
    expect(fake.webhook(bot.token)).toBeNull();
    expect((await stored(bot.agencyId)).requests).toMatchObject([{ text: 'Прошу убрать снег во дворе' }]);
    await bot.staff.request({ method: 'DELETE', url: `/api/staff/channels/${bot.accountId}` });
    await harness.services.telegram.poller.refresh();
  });

  it('tests the connection with getMe and records the outcome', async () => {
    const bot = await webhookBot();
    const ok = await bot.staff.request({ method: 'POST', url: `/api/staff/channels/${bot.accountId}/test` });
    expect(ok.json()).toEqual({ ok: true, error: null });

    await bot.staff.request({
      method: 'PATCH',
      url: `/api/staff/channels/${bot.accountId}`,
      payload: { secrets: { botToken: '123:not-a-known-bot' } },
    });
    const refused = await bot.staff.request({
      method: 'POST',
      url: `/api/staff/channels/${bot.accountId}/test`,
    });
    expect(refused.json()).toEqual({ ok: false, error: 'Telegram не принял токен бота (401 Unauthorized)' });
    const list = await bot.staff.request({ method: 'GET', url: '/api/staff/channels' });
    expect(list.json()[0].health.error).toBe('Telegram не принял токен бота (401 Unauthorized)');
    expect(list.body).not.toContain('not-a-known-bot');
  });

  it("keeps an agency's bot to itself: another agency can neither see, test, change nor remove it", async () => {
    await expectTenantIsolation(harness, {
      create: async (staffOfA) => (await connectBot(staffOfA, fake, { mode: 'webhook' })).accountId,
      requests: (id) => [
        { method: 'POST', url: `/api/staff/channels/${id}/test` },
        { method: 'PATCH', url: `/api/staff/channels/${id}`, payload: { title: 'Чужой' } },
        { method: 'DELETE', url: `/api/staff/channels/${id}` },
      ],
      lists: ['/api/staff/channels'],
    });
  });
});
