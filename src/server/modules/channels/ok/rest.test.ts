import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAccount, delivered, eventually } from '../../../testing/channel-accounts.js';
import { type FakeOk, startFakeOk } from '../../../testing/fake-ok.js';
import { agencyWithStaff, createHarness, type Harness, type StaffClient } from '../../../testing/harness.js';
import { expectTenantIsolation } from '../../../testing/tenancy.js';
import { readCursor } from '../accounts.repo.js';
import { outboundMessages, socialItems } from '../schema.js';
import { createOkComments } from './comments.js';

describe('OK REST API: feed posts, topic comments into the social inbox, answers under them', () => {
  let harness: Harness;
  let ok: FakeOk;
  let group = 70_000_000_000_100;
  const quiet = { warn() {}, error() {}, info() {} } as never;

  beforeAll(async () => {
    harness = await createHarness({ OUTBOX_RETRY_BASE_MS: '0' });
    ok = await startFakeOk();
  });
  afterAll(async () => {
    await harness.services.ok.comments.stop();
    await ok.close();
    await harness.close();
  });

  async function connect(staff: StaffClient, secret = ok.applicationSecretKey) {
    const groupId = String(group++);
    const id = await connectAccount(staff, {
      network: 'ok',
      settings: {
        groupId,
        apiBaseUrl: ok.apiBaseUrl,
        restBaseUrl: ok.restBaseUrl,
        applicationKey: ok.applicationKey,
      },
      secrets: { accessToken: ok.token, webhookSecret: 'hook-secret', applicationSecretKey: secret },
    });
    return { id, groupId };
  }
  const publish = (staff: StaffClient, text: string, accountIds: string[]) =>
    staff.request({ method: 'POST', url: '/api/staff/channel-posts', payload: { text, accountIds } });
  const deliveryOf = async (staff: StaffClient) =>
    (await staff.request({ method: 'GET', url: '/api/staff/channel-posts' })).json().items[0].deliveries[0];
  const itemsOf = (accountId: string) =>
    harness.services.database.db.select().from(socialItems).where(eq(socialItems.accountId, accountId));

  it('publishes a post to the group feed once, through a transient failure', async () => {
    const { staff } = await agencyWithStaff(harness, ['admin']);
    const { id, groupId } = await connect(staff);
    const test = await staff.request({ method: 'POST', url: `/api/staff/channels/${id}/test` });
    expect(test.json()).toEqual({ ok: true, error: null });

    ok.failNextRest(1);
    const text = `График приёма граждан на декабрь ${groupId}`;
    expect((await publish(staff, text, [id])).statusCode).toBe(201);
    await delivered(harness, async () => (await deliveryOf(staff)).status === 'sent');
    const posted = ok.topics.filter((topic) => topic.text === text);
    expect(posted).toEqual([{ id: expect.any(String), groupId, text }]);
    expect((await deliveryOf(staff)).externalId).toBe(posted[0]?.id);
  });

  it('a wrong secret key: OK refuses the signature, the post fails with a Russian reason; retried once fixed', async () => {
    const { staff } = await agencyWithStaff(harness, ['admin']);
    const { id, groupId } = await connect(staff, 'WRONGSECRET');
    const test = (await staff.request({ method: 'POST', url: `/api/staff/channels/${id}/test` })).json();
    expect(test.error).toContain('PARAM_SIGNATURE');

    const text = `Отключение воды ${groupId}`;
    const created = await publish(staff, text, [id]);
    await delivered(harness, async () => (await deliveryOf(staff)).status === 'failed');
    const failed = await deliveryOf(staff);
    expect(failed.lastError).toContain('подпись запроса не сошлась');
    expect(failed.lastError).toContain('104');
    expect(ok.topics.some((topic) => topic.text === text)).toBe(false);

    await staff.request({
      method: 'PATCH',
      url: `/api/staff/channels/${id}`,
      payload: { secrets: { applicationSecretKey: ok.applicationSecretKey } },
    });
    const retry = await staff.request({
      method: 'POST',
      url: `/api/staff/channel-posts/${created.json().id}/deliveries/${failed.id}/retry`,
    });
    expect(retry.statusCode).toBe(204);
    await delivered(harness, async () => (await deliveryOf(staff)).status === 'sent');
    expect(ok.topics.filter((topic) => topic.text === text)).toHaveLength(1);
  });

  it('refuses to publish to an OK group without the application keys, naming the field', async () => {
    const { staff } = await agencyWithStaff(harness, ['admin']);
    const botOnly = await connectAccount(staff, {
      network: 'ok',
      settings: { groupId: '5', apiBaseUrl: ok.apiBaseUrl },
      secrets: { accessToken: ok.token, webhookSecret: 'hook-secret' },
    });
    const keyed = await connect(staff);
    const targets = await staff.request({ method: 'GET', url: '/api/staff/channel-posts/targets' });
    expect(targets.json().map((target: { id: string }) => target.id)).toEqual([keyed.id]);
    const response = await publish(staff, 'Новость', [botOnly]);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ field: 'body.accountIds.0' });
    expect(response.json().message).toContain('applicationKey');
  });

  it('polls new comments once, across polls and a restart, skipping the group’s own; answers under the topic', async () => {
    const { staff } = await agencyWithStaff(harness, ['admin']);
    const { id, groupId } = await connect(staff);
    const topicId = ok.addTopic(
      groupId,
      'Благоустройство дворов: какие работы нужны вашему двору в 2027 году?',
    );
    const old = ok.addComment(topicId, {
      authorId: '561000000001',
      name: 'Давний Комментатор',
      text: 'Это было давно',
      at: new Date(Date.now() - 3 * 24 * 3600_000),
    });
    const first = ok.addComment(topicId, {
      authorId: '561000000002',
      name: 'Мария Иванова',
      text: 'Нужна горка',
    });
    const comments = harness.services.ok.comments;

    await comments.pollNow();
    await comments.pollNow();
    let items = await itemsOf(id);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      network: 'ok',
      kind: 'comment',
      externalId: first,
      threadId: topicId,
      threadTitle: 'Благоустройство дворов: какие работы нужны вашему двору в 2027 году?',
      authorId: '561000000002',
      authorName: 'Мария Иванова',
      text: 'Нужна горка',
    });
    expect(items.some((item) => item.externalId === old)).toBe(false);
    expect(Number(await readCursor(harness.services.database.db, id))).toBeGreaterThan(Date.now() - 60_000);

    const answer = await staff.request({
      method: 'POST',
      url: `/api/staff/social/${items[0]?.id}/answer`,
      payload: { text: 'Спасибо, горку включили в план работ.' },
    });
    expect(answer.statusCode).toBe(204);
    await delivered(harness, async () =>
      ok.comments.some((c) => c.authorType === 'GROUP' && c.topicId === topicId),
    );
    const ours = ok.comments.filter((c) => c.topicId === topicId && c.authorType === 'GROUP');
    expect(ours).toEqual([
      expect.objectContaining({
        authorId: groupId,
        text: 'Спасибо, горку включили в план работ.',
        replyTo: first,
      }),
    ]);
    const [reply] = await harness.services.database.db
      .select()
      .from(outboundMessages)
      .where(and(eq(outboundMessages.accountId, id), eq(outboundMessages.status, 'sent')));
    expect(reply?.externalId).toBe(ours[0]?.id);

    // A fresh node (a restart) reads from the saved cursor: only what is new arrives.
    const restarted = createOkComments({
      db: harness.services.database.db,
      channelAccounts: harness.services.channelAccounts,
      socialInbox: harness.services.socialInbox,
    });
    const second = ok.addComment(topicId, {
      authorId: '561000000003',
      name: 'Пётр Сидоров',
      text: 'И скамейки',
    });
    restarted.start(quiet, { intervalMs: 20 });
    await eventually(async () => (await itemsOf(id)).length >= 2);
    await restarted.stop();
    items = await itemsOf(id);
    expect(items.map((item) => item.externalId).sort()).toEqual([first, second].sort());
  });

  it('pages through a topic with many comments', async () => {
    const { staff } = await agencyWithStaff(harness, ['admin']);
    const { id, groupId } = await connect(staff);
    const topicId = ok.addTopic(groupId, 'Опрос');
    for (let n = 0; n < 130; n++)
      ok.addComment(topicId, {
        authorId: String(561_100_000_000 + n),
        name: `Житель ${n}`,
        text: `Голос ${n}`,
      });
    await harness.services.ok.comments.pollNow();
    expect(await itemsOf(id)).toHaveLength(130);
  });

  it("keeps one agency's OK comments from another", async () => {
    await expectTenantIsolation(harness, {
      create: async (staffOfA) => {
        const { id, groupId } = await connect(staffOfA);
        const topicId = ok.addTopic(groupId, 'Новость');
        ok.addComment(topicId, { authorId: '561200000001', name: 'Анна', text: 'Вопрос' });
        await harness.services.ok.comments.pollNow();
        return (await itemsOf(id))[0]?.id as string;
      },
      requests: (itemId) => [
        { method: 'POST', url: `/api/staff/social/${itemId}/answer`, payload: { text: 'Ответ' } },
      ],
      lists: ['/api/staff/social'],
    });
  });
});
