import { randomBytes } from 'node:crypto';
import { addDays, addYears } from 'date-fns';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { sealContactFields } from '../../db/field-backfill.js';
import { fieldCrypto } from '../../lib/field-crypto.js';
import { agencyIdOf, connectAccount, delivered } from '../../testing/channel-accounts.js';
import {
  agencyWithConsultationBot,
  answerOnTelegram,
  channelFakesForFile,
  convertOnTelegram,
  deliverUpdates,
} from '../../testing/channel-fakes.js';
import { agencyWithStaff, type StaffClient } from '../../testing/harness.js';
import { backfillHarness, SEALED, sealedCount } from '../../testing/sealed-fields.js';
import { rowsOf } from '../../testing/surveys.js';
import { privateMessage } from '../../testing/telegram-accounts.js';
import { socialItems } from './schema.js';

// Issue 12 p. 5: a commenter's network id and the chat or post they wrote in are sealed at rest,
// yet the inbox still groups threads, answers land in the right thread and retention finds authors.
const fakes = channelFakesForFile();
const crypto = () => fieldCrypto();

interface StoredItem {
  id: string;
  thread_id: string;
  thread_index: string;
  author_id: string;
  author_index: string;
}

const storedItems = (agencyId: string) =>
  rowsOf<StoredItem>(
    fakes.harness,
    sql`select id, thread_id, thread_index, author_id, author_index from social_items
        where agency_id = ${agencyId} order by received_at`,
  );

const storedThreads = (agencyId: string) =>
  rowsOf<{ thread: Record<string, string> | null; raw: string }>(
    fakes.harness,
    sql`select thread, thread::text as raw from outbound_messages
        where agency_id = ${agencyId} and thread is not null order by created_at`,
  );

const listed = async (staff: StaffClient) =>
  (await staff.request({ method: 'GET', url: '/api/staff/social' })).json<{
    items: { id: string; threadId: string; authorId: string; threadSize: number; text: string }[];
  }>().items;

const vkEvent = (type: string, object: Record<string, unknown>) => ({
  type,
  object,
  group_id: fakes.vk.groupId,
  event_id: randomBytes(20).toString('hex'),
  v: '5.199',
  secret: 'sealed-ids-secret',
});

async function connectVk(staff: StaffClient) {
  return connectAccount(staff, {
    network: 'vk',
    settings: { groupId: String(fakes.vk.groupId), mode: 'callback', apiBaseUrl: fakes.vk.apiBaseUrl },
    secrets: { accessToken: fakes.vk.token, confirmationCode: 'c0ffee', callbackSecret: 'sealed-ids-secret' },
  });
}

const wallComment = (id: number, authorId: number, postId: number, text: string, at = new Date()) =>
  vkEvent('wall_reply_new', {
    id,
    from_id: authorId,
    date: Math.floor(at.getTime() / 1000),
    text,
    post_id: postId,
    owner_id: -fakes.vk.groupId,
  });

describe('network ids at rest', () => {
  it('seals a Telegram chat and author, answers in that chat, and a request made of it replies there too', async () => {
    const { agencyId, staff, bot } = await agencyWithConsultationBot(fakes);
    const chat = 8_301_944;
    const asked = privateMessage(chat, 'Как записаться на приём?');
    const more = privateMessage(chat, 'И какие документы взять?');
    await deliverUpdates(fakes, bot.token, [asked, more]);

    const stored = await storedItems(agencyId);
    expect(stored).toHaveLength(2);
    for (const row of stored) {
      expect(row.thread_id).toMatch(SEALED);
      expect(row.author_id).toMatch(SEALED);
      expect(row.thread_index).toBe(crypto().blindIndex(String(chat)));
      expect(row.author_index).toBe(crypto().blindIndex(String(chat)));
    }
    // A fresh IV each time: two items of one chat do not share a ciphertext.
    expect(stored[0]?.thread_id).not.toBe(stored[1]?.thread_id);

    const items = await listed(staff);
    expect(items.map((i) => [i.threadId, i.authorId, i.threadSize]).sort()).toEqual([
      [String(chat), String(chat), 2],
      [String(chat), String(chat), 2],
    ]);

    const first = items.find((i) => i.text === 'Как записаться на приём?');
    const answer = 'Запись по телефону 8 (383) 000-00-00.';
    expect(await answerOnTelegram(fakes, staff, bot.token, first?.id as string, answer)).toEqual([
      expect.objectContaining({ chatId: String(chat), replyTo: asked.message.message_id }),
    ]);
    const [thread] = await storedThreads(agencyId);
    expect(thread?.thread).toMatchObject({ kind: 'message', replyTo: expect.stringMatching(SEALED) });
    expect(thread?.thread?.authorId).toMatch(SEALED);
    expect(crypto().open(thread?.thread?.replyTo as string)).toBe(`${chat}:${asked.message.message_id}`);
    expect(thread?.raw).not.toContain(String(chat));

    // The second becomes a request: its reply route keeps the thread's ids sealed, the acknowledgement finds the chat.
    const second = items.find((i) => i.text === 'И какие документы взять?');
    const { acknowledgements } = await convertOnTelegram(fakes, staff, bot.token, second?.id as string);
    expect(acknowledgements).toEqual([
      expect.objectContaining({ chatId: String(chat), replyTo: more.message.message_id }),
    ]);
    const [route] = await rowsOf<{ reply_route: { recipient: string; thread: Record<string, string> } }>(
      fakes.harness,
      sql`select reply_route from requests where agency_id = ${agencyId}`,
    );
    expect(route?.reply_route.recipient).toMatch(SEALED);
    expect(route?.reply_route.thread).toMatchObject({
      kind: 'message',
      replyTo: expect.stringMatching(SEALED),
      authorId: expect.stringMatching(SEALED),
    });
  });

  it('seals a VK post and commenter, counts the thread by its index and answers under the comment', async () => {
    const { slug, staff } = await agencyWithStaff(fakes.harness, ['admin']);
    const agencyId = await agencyIdOf(fakes.harness, slug);
    const account = await connectVk(staff);
    const post = (payload: Record<string, unknown>) =>
      fakes.harness.app.inject({ method: 'POST', url: `/api/channels/vk/${account}`, payload });
    const author = 390_000_000 + Math.floor(Math.random() * 1e6);
    fakes.vk.users.set(author, { first_name: 'Ольга', last_name: 'Петрова' });
    expect((await post(wallComment(901, author, 4_407, 'Когда починят дорогу?'))).body).toBe('ok');
    expect((await post(wallComment(902, author + 1, 4_407, 'Присоединяюсь'))).body).toBe('ok');
    expect((await post(wallComment(903, author, 4_408, 'А здесь?'))).body).toBe('ok');

    const stored = await storedItems(agencyId);
    expect(stored).toHaveLength(3);
    for (const row of stored) {
      expect(row.thread_id).toMatch(SEALED);
      expect(row.author_id).toMatch(SEALED);
    }
    // The comments came within one second and their ids are sealed: no stored order to rely on.
    expect(stored.map((r) => r.thread_index).sort()).toEqual(
      ['4407', '4407', '4408'].map((id) => crypto().blindIndex(id)).sort(),
    );
    const items = await listed(staff);
    expect(items.map((i) => [i.text, i.threadId, i.authorId, i.threadSize]).sort()).toEqual([
      ['А здесь?', '4408', String(author), 1],
      ['Когда починят дорогу?', '4407', String(author), 2],
      ['Присоединяюсь', '4407', String(author + 1), 2],
    ]);

    const asked = items.find((i) => i.text === 'Когда починят дорогу?');
    const answer = await staff.request({
      method: 'POST',
      url: `/api/staff/social/${asked?.id}/answer`,
      payload: { text: 'Ремонт дороги — в мае.' },
    });
    expect(answer.statusCode).toBe(204);
    await delivered(fakes.harness, () => fakes.vk.comments.some((c) => c.text === 'Ремонт дороги — в мае.'));
    expect(fakes.vk.comments.filter((c) => c.text === 'Ремонт дороги — в мае.')).toEqual([
      expect.objectContaining({ postId: 4_407, replyTo: 901 }),
    ]);
    const [thread] = await storedThreads(agencyId);
    expect(thread?.thread?.kind).toBe('comment');
    for (const key of ['postId', 'commentId', 'authorId']) expect(thread?.thread?.[key]).toMatch(SEALED);
    expect(thread?.raw).not.toContain(String(author));
    expect(thread?.raw).not.toContain('4407');
  });

  it('keeps every item of an author who wrote again within the period, through the author index', async () => {
    const { slug, staff } = await agencyWithStaff(fakes.harness, ['admin']);
    const agencyId = await agencyIdOf(fakes.harness, slug);
    const account = await connectVk(staff);
    const post = (payload: Record<string, unknown>) =>
      fakes.harness.app.inject({ method: 'POST', url: `/api/channels/vk/${account}`, payload });
    const active = 391_000_000 + Math.floor(Math.random() * 1e6);
    const silent = active + 1;
    expect((await post(wallComment(911, active, 5_001, 'Первый вопрос'))).body).toBe('ok');
    expect((await post(wallComment(912, silent, 5_001, 'Один раз написал'))).body).toBe('ok');
    // The active author writes again four years later.
    expect((await post(wallComment(913, active, 5_002, 'Снова я', addYears(new Date(), 4)))).body).toBe('ok');

    const { results } = await fakes.harness.services.retention.purgeExpired(
      addDays(addYears(new Date(), 5), 1),
      {
        agencyIds: [agencyId],
      },
    );
    expect(results).toEqual([{ agencyId, clients: 0, requests: 0, socialItems: 1 }]);
    const left = await fakes.harness.services.database.db
      .select({ text: socialItems.text, authorId: socialItems.authorId })
      .from(socialItems)
      .where(eq(socialItems.agencyId, agencyId));
    expect(left.map((i) => [i.text, i.authorId]).sort()).toEqual([
      ['Первый вопрос', String(active)],
      ['Снова я', String(active)],
    ]);
  });
});

describe('startup backfill of network ids', () => {
  const own = backfillHarness();
  const { exec } = own;
  const rows = <T>(query: ReturnType<typeof sql>) => rowsOf<T>(own.harness, query);

  it('seals legacy items, threads and diagnoses once, keeps them grouped and readable, and then does nothing', async () => {
    const { slug, staff } = await agencyWithStaff(own.harness, ['admin']);
    const agencyId = await agencyIdOf(own.harness, slug);
    const received = new Date('2026-11-20T05:00:00Z');
    // As the migrations leave them: the ids in the clear and the index columns holding them too.
    for (const [externalId, author] of [
      ['legacy-1', 'vk-7001'],
      ['legacy-2', 'vk-7002'],
    ]) {
      await exec(sql`insert into social_items (agency_id, network, kind, external_id, external_index, thread_id,
          thread_index, author_id, author_index, author_name, text, received_at)
        values (${agencyId}, 'vk', 'comment', ${externalId}, ${externalId}, 'wall-88', 'wall-88', ${author}, ${author},
          'Старый комментатор', 'Старый комментарий', ${received})`);
    }
    await exec(sql`insert into outbound_messages (agency_id, network, recipient, recipient_index, thread, body,
        status, last_error)
      values (${agencyId}, 'vk', 'wall-88', 'wall-88',
        ${JSON.stringify({ kind: 'comment', postId: 'wall-88', commentId: 'legacy-1', authorId: 'vk-7001' })}::jsonb,
        'Ответ', 'failed', 'Access denied: user vk-7001')`);
    await exec(sql`insert into outbound_messages (agency_id, network, recipient, recipient_index, thread, body,
        status)
      values (${agencyId}, 'email', 'old.mail@example.ru', 'old.mail@example.ru',
        ${JSON.stringify({ inReplyTo: '<m1@example.ru>', references: '<m1@example.ru>' })}::jsonb, 'Ответ', 'sent')`);
    const [client] = await rows<{ id: string }>(sql`insert into clients (agency_id, name)
      values (${agencyId}, 'Старый клиент') returning id`);
    await exec(sql`insert into client_contacts (agency_id, client_id, kind, value, value_index, source, bounced_at,
        bounce_reason)
      values (${agencyId}, ${client?.id}, 'email', 'gone@example.ru', 'gone@example.ru', 'migration', now(),
        'smtp; 550 5.1.1 <gone@example.ru>: User unknown')`);
    await exec(sql`insert into requests (agency_id, number, kind, channel, status, text, contact_name,
        tracking_code, received_at, due_at, due_source, reply_route)
      values (${agencyId}, '2025-00088', 'appeal', 'vk', 'closed', 'Текст', 'Старый комментатор', 'ABC',
        '2025-03-01T10:00:00Z', '2025-03-31T16:59:59Z', '59-ФЗ',
        ${JSON.stringify({
          network: 'vk',
          accountId: null,
          recipient: 'wall-88',
          thread: { kind: 'comment', postId: 'wall-88', commentId: 'legacy-2', authorId: 'vk-7002' },
        })}::jsonb)`);

    const current = crypto();
    const done = await sealContactFields(own.harness.services.database.db, current, () => {}, 1);
    expect(sealedCount(done, 'social_items')).toBe(2);
    expect(sealedCount(done, 'outbound_messages')).toBe(2);
    expect(sealedCount(done, 'outbound_messages (json)')).toBe(1);
    expect(sealedCount(done, 'client_contacts')).toBe(1);
    expect(sealedCount(done, 'requests (json)')).toBe(1);

    const authorOf = (item: StoredItem) => current.open(item.author_id);
    const items = (
      await rows<StoredItem>(sql`select id, thread_id, thread_index, author_id, author_index
        from social_items where agency_id = ${agencyId}`)
    ).sort((a, b) => authorOf(a).localeCompare(authorOf(b)));
    expect(items.map((i) => [current.open(i.thread_id), current.open(i.author_id)])).toEqual([
      ['wall-88', 'vk-7001'],
      ['wall-88', 'vk-7002'],
    ]);
    for (const item of items) {
      expect(item.thread_id).toMatch(SEALED);
      expect(item.author_id).toMatch(SEALED);
    }
    expect(items.map((i) => [i.thread_index, i.author_index])).toEqual([
      [current.blindIndex('wall-88'), current.blindIndex('vk-7001')],
      [current.blindIndex('wall-88'), current.blindIndex('vk-7002')],
    ]);

    const [vkThread, mailThread] = await rows<{ thread: Record<string, string>; last_error: string | null }>(
      sql`select thread, last_error from outbound_messages where agency_id = ${agencyId} order by network desc`,
    );
    expect(vkThread?.thread.kind).toBe('comment');
    for (const key of ['postId', 'commentId', 'authorId']) expect(vkThread?.thread[key]).toMatch(SEALED);
    expect(current.open(vkThread?.thread.authorId as string)).toBe('vk-7001');
    expect(vkThread?.last_error).toMatch(SEALED);
    expect(current.open(vkThread?.last_error as string)).toBe('Access denied: user vk-7001');
    // An e-mail's thread holds Message-IDs, not a person's network id: left as it was.
    expect(mailThread?.thread).toEqual({ inReplyTo: '<m1@example.ru>', references: '<m1@example.ru>' });
    expect(mailThread?.last_error).toBeNull();

    const [contact] = await rows<{ bounce_reason: string }>(
      sql`select bounce_reason from client_contacts where client_id = ${client?.id}`,
    );
    expect(contact?.bounce_reason).toMatch(SEALED);
    const card = await staff.request({ method: 'GET', url: `/api/staff/clients/${client?.id}` });
    expect(card.json<{ contacts: { bounceReason: string }[] }>().contacts[0]?.bounceReason).toBe(
      'smtp; 550 5.1.1 <gone@example.ru>: User unknown',
    );
    const [route] = await rows<{ reply_route: { thread: Record<string, string> } }>(
      sql`select reply_route from requests where agency_id = ${agencyId}`,
    );
    for (const key of ['postId', 'commentId', 'authorId'])
      expect(route?.reply_route.thread[key]).toMatch(SEALED);

    // A comment arriving now joins the legacy thread: one index for both.
    await own.harness.services.socialInbox.ingest({
      agencyId,
      accountId: null,
      network: 'vk',
      kind: 'comment',
      externalId: 'fresh-1',
      threadId: 'wall-88',
      authorId: 'vk-7001',
      authorName: 'Старый комментатор',
      text: 'Новый комментарий',
      receivedAt: new Date(),
    });
    const queue = (await staff.request({ method: 'GET', url: '/api/staff/social' })).json<{
      items: { threadId: string; authorId: string; threadSize: number }[];
    }>().items;
    expect(queue.map((i) => [i.threadId, i.authorId, i.threadSize]).sort()).toEqual([
      ['wall-88', 'vk-7001', 3],
      ['wall-88', 'vk-7001', 3],
      ['wall-88', 'vk-7002', 3],
    ]);

    const again = await sealContactFields(own.harness.services.database.db, current);
    for (const table of [
      'social_items',
      'outbound_messages',
      'outbound_messages (json)',
      'client_contacts',
    ]) {
      expect(sealedCount(again, table)).toBe(0);
    }
    expect(sealedCount(again, 'requests (json)')).toBe(0);
  });
});
