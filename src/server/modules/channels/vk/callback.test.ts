import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencyIdOf, connectAccount, delivered, requestsByKey } from '../../../testing/channel-accounts.js';
import { type FakeVk, startFakeVk } from '../../../testing/fake-vk.js';
import { agencyWithStaff, createHarness, type Harness, type StaffClient } from '../../../testing/harness.js';
import { expectTenantIsolation } from '../../../testing/tenancy.js';
import { outboundMessages, socialItems } from '../schema.js';

const SECRET = 'callback-secret-42';
const CONFIRMATION = 'a1b2c3d4';

describe('VK Callback API: confirmation, messages, wall comments, hostile input', () => {
  let harness: Harness;
  let vk: FakeVk;

  beforeAll(async () => {
    harness = await createHarness();
    vk = await startFakeVk();
  });
  afterAll(async () => {
    await vk.close();
    await harness.close();
  });

  const connect = (staff: StaffClient) =>
    connectAccount(staff, {
      network: 'vk',
      settings: { groupId: String(vk.groupId), mode: 'callback', apiBaseUrl: vk.apiBaseUrl },
      secrets: { accessToken: vk.token, confirmationCode: CONFIRMATION, callbackSecret: SECRET },
    });
  const post = (accountId: string, payload: Record<string, unknown>) =>
    harness.app.inject({ method: 'POST', url: `/api/channels/vk/${accountId}`, payload });
  const event = (type: string, object: Record<string, unknown>, secret = SECRET) => ({
    type,
    object,
    group_id: vk.groupId,
    event_id: randomBytes(20).toString('hex'),
    v: '5.199',
    secret,
  });
  const peer = () => 100_000 + Math.floor(Math.random() * 1e8);
  const messageNew = (peerId: number, text: string, conversationMessageId = 7) =>
    event('message_new', {
      message: {
        id: 0,
        date: Math.floor(Date.now() / 1000),
        peer_id: peerId,
        from_id: peerId,
        text,
        conversation_message_id: conversationMessageId,
        attachments: [],
      },
      client_info: { keyboard: true },
    });

  it('answers the address confirmation with the code and refuses another community', async () => {
    const { staff } = await agencyWithStaff(harness, ['admin']);
    const id = await connect(staff);
    const confirmed = await post(id, { type: 'confirmation', group_id: vk.groupId });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.headers['content-type']).toMatch(/^text\/plain/);
    expect(confirmed.body).toBe(CONFIRMATION);
    const other = await post(id, { type: 'confirmation', group_id: vk.groupId + 1 });
    expect(other.statusCode).toBe(400);
    expect(other.json()).toMatchObject({ field: 'body.group_id' });
  });

  it('registers a message, acknowledges it in the dialogue and sends the answer back there', async () => {
    const { staff } = await agencyWithStaff(harness, ['admin']);
    const id = await connect(staff);
    const peerId = peer();
    vk.users.set(peerId, { first_name: 'Ольга', last_name: 'Петрова' });
    const response = await post(id, messageNew(peerId, 'Во дворе не вывозят мусор'));
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('ok');

    const [request] = await requestsByKey(harness, `vk:${peerId}:7`);
    expect(request).toMatchObject({
      channel: 'vk',
      contactName: 'Ольга Петрова',
      text: 'Во дворе не вывозят мусор',
    });
    await delivered(harness, () => vk.messages.some((m) => m.peerId === peerId));
    const acks = vk.messages.filter((m) => m.peerId === peerId);
    expect(acks).toHaveLength(1);
    expect(acks[0]?.text).toContain(request?.number as string);

    const answered = await staff.request({
      method: 'POST',
      url: `/api/staff/requests/${request?.id}/answer`,
      payload: { text: 'Вывоз организован по графику со вторника.', form: 'electronic' },
    });
    expect(answered.statusCode).toBe(200);
    await delivered(harness, () => vk.messages.filter((m) => m.peerId === peerId).length >= 2);
    const all = vk.messages.filter((m) => m.peerId === peerId);
    expect(all).toHaveLength(2);
    expect(all[1]?.text).toContain('Вывоз организован по графику со вторника.');
  });

  it('keeps a replayed event once and still answers ok', async () => {
    const { staff } = await agencyWithStaff(harness, ['admin']);
    const id = await connect(staff);
    const peerId = peer();
    const first = messageNew(peerId, 'Прошу отремонтировать фонарь', 12);
    expect((await post(id, first)).body).toBe('ok');
    expect((await post(id, first)).body).toBe('ok');
    // VK's retry carries a new event_id for the same message.
    expect((await post(id, { ...first, event_id: 'another' })).body).toBe('ok');
    expect(await requestsByKey(harness, `vk:${peerId}:12`)).toHaveLength(1);
    await delivered(harness, () => vk.messages.some((m) => m.peerId === peerId));
    await harness.services.outbox.drain();
    expect(vk.messages.filter((m) => m.peerId === peerId)).toHaveLength(1);
  });

  it('puts wall comments into the social inbox in their post thread, once', async () => {
    const { staff, slug } = await agencyWithStaff(harness, ['admin']);
    const agency = { id: await agencyIdOf(harness, slug) };
    const id = await connect(staff);
    const author = peer();
    const comment = event('wall_reply_new', {
      id: 501,
      from_id: author,
      date: Math.floor(Date.now() / 1000),
      text: 'Когда откроют поликлинику?',
      post_id: 77,
      owner_id: -vk.groupId,
      reply_to_comment: 499,
    });
    expect((await post(id, comment)).body).toBe('ok');
    expect((await post(id, comment)).body).toBe('ok');
    // The community's own answer comes back as an event and is not the public's comment.
    const own = event('wall_reply_new', { id: 502, from_id: -vk.groupId, text: 'Ответ', post_id: 77 });
    expect((await post(id, own)).body).toBe('ok');

    const items = await harness.services.database.db
      .select()
      .from(socialItems)
      .where(eq(socialItems.agencyId, agency.id));
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      network: 'vk',
      kind: 'comment',
      threadId: '77',
      parentId: '499',
      authorId: String(author),
      text: 'Когда откроют поликлинику?',
      accountId: id,
    });

    // Staff answer from the social inbox: wall.createComment under that comment, as the community.
    const answer = await staff.request({
      method: 'POST',
      url: `/api/staff/social/${items[0]?.id}/answer`,
      payload: { text: 'Поликлиника откроется 1 декабря.' },
    });
    expect(answer.statusCode).toBe(204);
    await delivered(harness, () => vk.comments.some((c) => c.text === 'Поликлиника откроется 1 декабря.'));
    expect(vk.comments.filter((c) => c.text === 'Поликлиника откроется 1 декабря.')).toEqual([
      expect.objectContaining({ postId: 77, replyTo: 501 }),
    ]);
  });

  it('publishes an agency post on the community wall (seed 001 p. 6.1)', async () => {
    const { staff } = await agencyWithStaff(harness, ['admin']);
    const id = await connect(staff);
    const published = await staff.request({
      method: 'POST',
      url: '/api/staff/channel-posts',
      payload: { text: 'Приём граждан 1 декабря переносится на 2 декабря.', accountIds: [id] },
    });
    expect(published.statusCode).toBe(201);
    await delivered(harness, () => vk.wallPosts.some((p) => p.text.startsWith('Приём граждан')));
    expect(vk.wallPosts.filter((p) => p.text.startsWith('Приём граждан'))).toHaveLength(1);
  });

  it('refuses a forged or missing secret with 401 and stores nothing', async () => {
    const { staff } = await agencyWithStaff(harness, ['admin']);
    const id = await connect(staff);
    const peerId = peer();
    const forged = await post(id, { ...messageNew(peerId, 'Подделка'), secret: 'guess' });
    expect(forged.statusCode).toBe(401);
    expect(forged.json()).toMatchObject({ error: 'invalid_secret', field: 'body.secret' });
    expect(forged.json().message).toMatch(/секретный ключ/);
    const { secret: _, ...unsigned } = messageNew(peerId, 'Без ключа');
    expect((await post(id, unsigned)).statusCode).toBe(401);
    expect(await requestsByKey(harness, `vk:${peerId}:7`)).toHaveLength(0);
  });

  it('rejects an oversize body, a malformed event and an unknown or disabled account', async () => {
    const { staff } = await agencyWithStaff(harness, ['admin']);
    const id = await connect(staff);
    const huge = await post(id, messageNew(peer(), 'я'.repeat(300_000)));
    expect(huge.statusCode).toBe(413);
    expect(huge.json().message).toMatch(/слишком большое/);

    const broken = messageNew(peer(), 'Нет собеседника');
    delete (broken.object.message as Record<string, unknown>).peer_id;
    const malformed = await post(id, broken);
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ field: 'body.object.message.peer_id' });

    const notJson = await harness.app.inject({
      method: 'POST',
      url: `/api/channels/vk/${id}`,
      headers: { 'content-type': 'application/json' },
      payload: '{"type":',
    });
    expect(notJson.statusCode).toBe(400);

    const unknown = await post('00000000-0000-4000-8000-000000000000', messageNew(peer(), 'Кому?'));
    expect(unknown.statusCode).toBe(404);
    await staff.request({ method: 'PATCH', url: `/api/staff/channels/${id}`, payload: { enabled: false } });
    const peerId = peer();
    expect((await post(id, messageNew(peerId, 'Выключено'))).statusCode).toBe(404);
    expect(await requestsByKey(harness, `vk:${peerId}:7`)).toHaveLength(0);
  });

  it('answers any signed event ok or with a 4xx in Russian, never a 500', async () => {
    const { staff } = await agencyWithStaff(harness, ['admin']);
    const id = await connect(staff);
    const type = fc.oneof(fc.constantFrom('message_new', 'wall_reply_new'), fc.string({ maxLength: 20 }));
    const object = fc.oneof(
      fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 3 })),
      fc.record({
        message: fc.dictionary(
          fc.constantFrom(
            'peer_id',
            'from_id',
            'id',
            'text',
            'date',
            'attachments',
            'conversation_message_id',
          ),
          fc.jsonValue({ maxDepth: 2 }),
        ),
      }),
    );
    await fc.assert(
      fc.asyncProperty(type, object, async (eventType, body) => {
        const response = await post(id, event(eventType, body as Record<string, unknown>));
        if (response.statusCode === 200) {
          expect(response.body).toBe('ok');
        } else {
          expect(response.statusCode).toBeGreaterThanOrEqual(400);
          expect(response.statusCode).toBeLessThan(500);
          expect(response.json().message).toMatch(/[а-яё]/i);
        }
      }),
      { numRuns: 120 },
    );
  });

  it('gives up on a user who forbade messages and checks the connection with groups.getById', async () => {
    const { staff } = await agencyWithStaff(harness, ['admin']);
    const id = await connect(staff);
    const peerId = peer();
    vk.failNext('messages.send', 901);
    await post(id, messageNew(peerId, 'Ответьте мне'));
    const [request] = await requestsByKey(harness, `vk:${peerId}:7`);
    const rowOf = async () => {
      const [found] = await harness.services.database.db
        .select()
        .from(outboundMessages)
        .where(
          and(eq(outboundMessages.requestId, request?.id as string), eq(outboundMessages.network, 'vk')),
        );
      return found;
    };
    const row = await delivered(harness, async () => {
      const found = await rowOf();
      return found?.status === 'failed' ? found : null;
    });
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row?.lastError).toContain('901');
    // Sent again by staff, it carries the same random_id, so VK itself would drop a double.
    await staff.request({ method: 'POST', url: `/api/staff/outbox/${row?.id}/retry` });
    await delivered(harness, () => vk.messages.some((m) => m.peerId === peerId));
    const attempts = vk.calls.filter(
      (c) => c.method === 'messages.send' && c.params.peer_id === String(peerId),
    );
    expect(attempts).toHaveLength(2);
    expect(new Set(attempts.map((c) => c.params.random_id)).size).toBe(1);
    expect(vk.messages.filter((m) => m.peerId === peerId)).toHaveLength(1);

    const test = await staff.request({ method: 'POST', url: `/api/staff/channels/${id}/test` });
    expect(test.json()).toEqual({ ok: true, error: null });
    await staff.request({
      method: 'PATCH',
      url: `/api/staff/channels/${id}`,
      payload: { secrets: { accessToken: 'revoked' } },
    });
    const failing = (await staff.request({ method: 'POST', url: `/api/staff/channels/${id}/test` })).json();
    expect(failing.ok).toBe(false);
    expect(failing.error).toMatch(/ВКонтакте не принял подключение/);
  });

  it("keeps an agency's VK accounts and the requests they bring to that agency", async () => {
    await expectTenantIsolation(harness, {
      create: connect,
      requests: (id) => [
        { method: 'POST', url: `/api/staff/channels/${id}/test` },
        { method: 'PATCH', url: `/api/staff/channels/${id}`, payload: { title: 'Чужое' } },
        { method: 'DELETE', url: `/api/staff/channels/${id}` },
      ],
      lists: ['/api/staff/channels'],
    });

    const a = await agencyWithStaff(harness, ['admin']);
    const b = await agencyWithStaff(harness, ['admin']);
    const id = await connect(a.staff);
    const peerId = peer();
    expect((await post(id, messageNew(peerId, 'Обращение в ведомство А'))).body).toBe('ok');
    const stored = await requestsByKey(harness, `vk:${peerId}:7`);
    expect(stored.map((row) => row.agencyId)).toEqual([await agencyIdOf(harness, a.slug)]);
    const asB = await b.staff.request({ method: 'GET', url: `/api/staff/requests/${stored[0]?.id}` });
    expect(asB.statusCode).toBe(404);
  });
});
