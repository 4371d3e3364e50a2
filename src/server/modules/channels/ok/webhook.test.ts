import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencyIdOf, connectAccount, delivered, requestsByKey } from '../../../testing/channel-accounts.js';
import { type FakeOk, okMessageEvent, startFakeOk } from '../../../testing/fake-ok.js';
import { agencyWithStaff, createHarness, type Harness, type StaffClient } from '../../../testing/harness.js';
import { expectTenantIsolation } from '../../../testing/tenancy.js';

const SECRET = 'ok-hook-secret-7f3a';

describe('OK Bot API: webhook messages become requests, answers go back through the Graph API', () => {
  let harness: Harness;
  let ok: FakeOk;

  beforeAll(async () => {
    harness = await createHarness();
    ok = await startFakeOk();
  });
  afterAll(async () => {
    await ok.close();
    await harness.close();
  });

  const connect = (staff: StaffClient, webhookSecret = SECRET) =>
    connectAccount(staff, {
      network: 'ok',
      settings: { groupId: '70000000000001', apiBaseUrl: ok.apiBaseUrl },
      secrets: { accessToken: ok.token, webhookSecret },
    });
  const hook = (accountId: string, token: string, payload: unknown) =>
    harness.app.inject({
      method: 'POST',
      url: `/api/channels/ok/${accountId}/${token}`,
      payload: payload as Record<string, unknown>,
    });
  const chat = () => `chat:C${Math.random().toString(16).slice(2, 14)}`;

  it('checks the connection and subscribes the secret webhook address', async () => {
    const { staff } = await agencyWithStaff(harness, ['admin']);
    const id = await connect(staff);
    const test = await staff.request({ method: 'POST', url: `/api/staff/channels/${id}/test` });
    expect(test.json()).toEqual({ ok: true, error: null });
    expect(ok.subscriptions).toContain(`${harness.config.publicUrl}/api/channels/ok/${id}/${SECRET}`);
    await staff.request({ method: 'POST', url: `/api/staff/channels/${id}/test` });
    expect(ok.subscriptions.filter((url) => url.includes(id))).toHaveLength(1);

    await staff.request({
      method: 'PATCH',
      url: `/api/staff/channels/${id}`,
      payload: { secrets: { accessToken: 'old' } },
    });
    const failing = (await staff.request({ method: 'POST', url: `/api/staff/channels/${id}/test` })).json();
    expect(failing.ok).toBe(false);
    expect(failing.error).toMatch(/Одноклассники не приняли подключение: 102/);
  });

  it('registers a message once, acknowledges it in the chat and sends the answer there', async () => {
    const { staff } = await agencyWithStaff(harness, ['admin']);
    const id = await connect(staff);
    const chatId = chat();
    const event = okMessageEvent(chatId, '561234567890', 'Не работает светофор на Ленина');
    expect((await hook(id, SECRET, event)).statusCode).toBe(200);
    expect((await hook(id, SECRET, event)).statusCode).toBe(200);

    const stored = await requestsByKey(harness, `ok:${event.mid}`);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      channel: 'ok',
      contactName: 'Мария Иванова',
      text: 'Не работает светофор на Ленина',
    });
    await delivered(harness, () => ok.sent.some((m) => m.chatId === chatId));
    expect(ok.sent.filter((m) => m.chatId === chatId)).toHaveLength(1);
    expect(ok.sent.find((m) => m.chatId === chatId)?.text).toContain(stored[0]?.number as string);

    const answered = await staff.request({
      method: 'POST',
      url: `/api/staff/requests/${stored[0]?.id}/answer`,
      payload: { text: 'Светофор отремонтируют до пятницы.', form: 'electronic' },
    });
    expect(answered.statusCode).toBe(200);
    await delivered(harness, () => ok.sent.filter((m) => m.chatId === chatId).length >= 2);
    const inChat = ok.sent.filter((m) => m.chatId === chatId);
    expect(inChat).toHaveLength(2);
    expect(inChat[1]?.text).toContain('Светофор отремонтируют до пятницы.');
  });

  it('refuses a wrong address token with 401 and rejects malformed and oversize bodies', async () => {
    const { staff } = await agencyWithStaff(harness, ['admin']);
    const id = await connect(staff);
    const event = okMessageEvent(chat(), '561234567891', 'Подделка');
    const forged = await hook(id, 'ok-hook-secret-7f3b', event);
    expect(forged.statusCode).toBe(401);
    expect(forged.json()).toMatchObject({ error: 'invalid_secret', field: 'params.token' });
    expect(forged.json().message).toMatch(/Неверный секретный адрес/);
    expect(await requestsByKey(harness, `ok:${event.mid}`)).toHaveLength(0);

    const { mid: _, ...withoutId } = okMessageEvent(chat(), '561234567892', 'Без номера');
    const malformed = await hook(id, SECRET, withoutId);
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ field: 'body.mid' });

    const huge = await hook(id, SECRET, okMessageEvent(chat(), '561234567893', 'я'.repeat(300_000)));
    expect(huge.statusCode).toBe(413);
  });

  it('gives up on a chat OK no longer has', async () => {
    const { staff } = await agencyWithStaff(harness, ['admin']);
    const id = await connect(staff);
    ok.failNext(300);
    const event = okMessageEvent(chat(), '561234567894', 'Ответьте, пожалуйста');
    await hook(id, SECRET, event);
    const failed = () => staff.request({ method: 'GET', url: '/api/staff/outbox?status=failed' });
    await delivered(harness, async () => (await failed()).json().total === 1);
    const outbox = await failed();
    expect(outbox.json()).toMatchObject({ total: 1, items: [{ network: 'ok', attempts: 1 }] });
    expect(outbox.json().items[0].lastError).toContain('NOT_FOUND');
  });

  it("keeps an agency's OK accounts and their webhooks to that agency", async () => {
    await expectTenantIsolation(harness, {
      create: (staff) => connect(staff),
      requests: (id) => [
        { method: 'POST', url: `/api/staff/channels/${id}/test` },
        { method: 'PATCH', url: `/api/staff/channels/${id}`, payload: { title: 'Чужое' } },
      ],
      lists: ['/api/staff/channels'],
    });

    const a = await agencyWithStaff(harness, ['admin']);
    const b = await agencyWithStaff(harness, ['admin']);
    const accountOfA = await connect(a.staff, 'secret-of-a');
    await connect(b.staff, 'secret-of-b');
    // B's own secret does not open A's address.
    const event = okMessageEvent(chat(), '561234567895', 'Через чужой адрес');
    expect((await hook(accountOfA, 'secret-of-b', event)).statusCode).toBe(401);
    expect(await requestsByKey(harness, `ok:${event.mid}`)).toHaveLength(0);
    expect((await hook(accountOfA, 'secret-of-a', event)).statusCode).toBe(200);
    const stored = await requestsByKey(harness, `ok:${event.mid}`);
    expect(stored.map((row) => row.agencyId)).toEqual([await agencyIdOf(harness, a.slug)]);
    const asB = await b.staff.request({ method: 'GET', url: `/api/staff/requests/${stored[0]?.id}` });
    expect(asB.statusCode).toBe(404);
  });
});
