import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldCrypto } from '../../../lib/field-crypto.js';
import { type FakeTelegram, startFakeTelegram } from '../../../testing/fake-telegram.js';
import { agencyWithStaff, createHarness, type Harness } from '../../../testing/harness.js';
import { rowsOf } from '../../../testing/surveys.js';
import {
  channelPostCopy,
  connectBot,
  groupComment,
  privateMessage,
  waitFor,
} from '../../../testing/telegram-accounts.js';
import { requestAttachments, requests } from '../../requests/schema.js';
import { recipientIndexOf } from '../outbox.repo.js';
import { replyToIndexOf } from '../reply-index.js';
import { outboundMessages, socialItems } from '../schema.js';
import { GREETING } from './inbound.js';

// A 1×1 PNG: a photo a citizen attaches.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

describe('Telegram by long polling (fake Bot API on loopback)', () => {
  let harness: Harness;
  let fake: FakeTelegram;

  beforeAll(async () => {
    fake = await startFakeTelegram();
    harness = await createHarness({
      OUTBOX_RETRY_BASE_MS: '0',
      OUTBOX_MAX_ATTEMPTS: '3',
      TELEGRAM_POLL_TIMEOUT_S: '1',
    });
  });
  afterAll(async () => {
    await harness.services.telegram.poller.stop();
    await harness.close();
    await fake.close();
  });

  const db = () => harness.services.database.db;
  const requestsOf = (agencyId: string) =>
    db().select().from(requests).where(eq(requests.agencyId, agencyId));

  async function newAgency() {
    const { slug, staff } = await agencyWithStaff(harness, ['admin']);
    const found = await harness.services.agencies.findBySlug(slug);
    return { staff, agency: { id: found?.id as string } };
  }

  /** Polls until Telegram has been told every update so far is stored (the offset moved past it). */
  async function pollUntilConfirmed(token: string, updateId: number) {
    await harness.services.telegram.poller.refresh();
    await waitFor(() => fake.confirmedOffset(token) > updateId, 10_000, `offset past ${updateId}`);
  }

  it('registers a private message as an appeal, replies in the chat and carries the answer back', async () => {
    const { agency, staff } = await newAgency();
    const bot = await connectBot(staff, fake);
    const update = privateMessage(8101, 'Прошу отремонтировать освещение во дворе дома 5');
    const updateId = fake.pushUpdate(bot.token, update);
    await pollUntilConfirmed(bot.token, updateId);

    const [request] = await requestsOf(agency.id);
    expect(request).toMatchObject({
      channel: 'telegram',
      kind: 'appeal',
      contactName: 'Мария Иванова',
      text: 'Прошу отремонтировать освещение во дворе дома 5',
    });
    expect(request?.replyRoute).toEqual({
      network: 'telegram',
      accountId: bot.accountId,
      recipient: '8101',
      thread: { replyTo: String(update.message.message_id) },
    });

    await harness.services.outbox.drain();
    const [ack] = fake.sent(bot.token);
    expect(ack).toMatchObject({ chatId: '8101', replyTo: update.message.message_id });
    expect(ack?.text).toContain(request?.number);
    const [row] = await db()
      .select()
      .from(outboundMessages)
      .where(eq(outboundMessages.requestId, request?.id as string));
    expect(row).toMatchObject({ status: 'sent', externalId: String(ack?.messageId) });

    const answer = await staff.request({
      method: 'POST',
      url: `/api/staff/requests/${request?.id}/answer`,
      payload: { text: 'Освещение восстановлено 12 числа.', form: 'electronic' },
    });
    expect(answer.statusCode).toBe(200);
    await harness.services.outbox.drain();
    const reply = fake.sent(bot.token).at(-1);
    expect(reply).toMatchObject({ chatId: '8101', replyTo: update.message.message_id });
    expect(reply?.text).toContain('Освещение восстановлено 12 числа.');
  });

  it('makes one request of a message delivered twice, and keeps a sent photo', async () => {
    const { agency, staff } = await newAgency();
    const bot = await connectBot(staff, fake);
    const fileId = fake.addFile(bot.token, PNG, 'photos/file_1.png');
    const message = privateMessage(8102, '', {
      text: undefined,
      caption: 'Яма на дороге у остановки',
      photo: [{ file_id: fileId, file_unique_id: 'p1', width: 1, height: 1, file_size: PNG.length }],
    });
    fake.pushUpdate(bot.token, message);
    const second = fake.pushUpdate(bot.token, message);
    await pollUntilConfirmed(bot.token, second);

    const stored = await requestsOf(agency.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]?.text).toBe('Яма на дороге у остановки');
    const files = await db()
      .select()
      .from(requestAttachments)
      .where(eq(requestAttachments.requestId, stored[0]?.id as string));
    expect(files).toMatchObject([{ mimeType: 'image/png', size: PNG.length }]);
    const content = await harness.services.attachmentStore.read(agency.id, files[0]?.storageKey as string);
    expect(content.equals(PNG)).toBe(true);
    await harness.services.outbox.drain();
    expect(fake.sent(bot.token).filter((m) => m.chatId === '8102')).toHaveLength(1);
  });

  it('greets /start with how to write, without making a request', async () => {
    const { agency, staff } = await newAgency();
    const bot = await connectBot(staff, fake);
    const start = privateMessage(8103, '/start');
    fake.pushUpdate(bot.token, start);
    const again = fake.pushUpdate(bot.token, start);
    await pollUntilConfirmed(bot.token, again);
    await harness.services.outbox.drain();
    expect(await requestsOf(agency.id)).toHaveLength(0);
    expect(fake.sent(bot.token)).toEqual([
      expect.objectContaining({ chatId: '8103', text: GREETING, replyTo: start.message.message_id }),
    ]);
    // The chat and message ids are sealed at rest: the redelivery above was recognised through
    // the blind index of the pair.
    const stored = await rowsOf<{ recipient: string; reply_to_index: string }>(
      harness,
      sql`select recipient, reply_to_index from outbound_messages where agency_id = ${agency.id}`,
    );
    expect(stored.map((m) => [m.recipient.slice(0, 3), fieldCrypto().open(m.recipient)])).toEqual([
      ['f1:', '8103'],
    ]);
    expect(stored[0]?.reply_to_index).toBe(
      replyToIndexOf(fieldCrypto(), '8103', String(start.message.message_id)),
    );
  });

  it('puts comments under channel posts into the social inbox, in the post thread', async () => {
    const { agency, staff } = await newAgency();
    const groupId = -1001234500001;
    const bot = await connectBot(staff, fake, { discussionChatId: String(groupId) });
    const copy = channelPostCopy(
      groupId,
      40,
      -1009876500001,
      777,
      'С 1 декабря меняется график приёма граждан',
    );
    fake.pushUpdate(bot.token, { message: copy });
    const comment = groupComment(groupId, 41, 'А в субботу приём будет?', copy, 40);
    fake.pushUpdate(bot.token, comment);
    fake.pushUpdate(bot.token, comment);
    const { message: first } = comment;
    const last = fake.pushUpdate(bot.token, groupComment(groupId, 42, 'Присоединяюсь к вопросу', first, 40));
    await pollUntilConfirmed(bot.token, last);

    const items = await db()
      .select()
      .from(socialItems)
      .where(and(eq(socialItems.agencyId, agency.id), eq(socialItems.network, 'telegram')));
    expect(items.map((item) => [item.externalId, item.threadId, item.parentId, item.kind]).sort()).toEqual([
      [`${groupId}:41`, '777', '40', 'comment'],
      [`${groupId}:42`, '777', '41', 'comment'],
    ]);
    expect(items[0]).toMatchObject({
      threadTitle: 'С 1 декабря меняется график приёма граждан',
      authorName: 'Пётр Сидоров',
      accountId: bot.accountId,
    });
    expect(await requestsOf(agency.id)).toHaveLength(0);

    // Answered from the social inbox: in the discussion group, under that comment.
    const asked = items.find((item) => item.externalId === `${groupId}:41`);
    const answer = await staff.request({
      method: 'POST',
      url: `/api/staff/social/${asked?.id}/answer`,
      payload: { text: 'Да, в субботу приём с 10 до 14.' },
    });
    expect(answer.statusCode).toBe(204);
    await harness.services.outbox.drain();
    expect(fake.sent(bot.token).filter((m) => m.text.startsWith('Да, в субботу'))).toEqual([
      expect.objectContaining({ chatId: String(groupId), replyTo: 41 }),
    ]);
  });

  it('gives up at once on a chat that blocked the bot, and retries a 429', async () => {
    const { agency, staff } = await newAgency();
    const bot = await connectBot(staff, fake);
    fake.blockChat(8104);
    const blocked = fake.pushUpdate(bot.token, privateMessage(8104, 'Прошу принять меры'));
    await pollUntilConfirmed(bot.token, blocked);
    await harness.services.outbox.drain();
    await harness.services.outbox.drain();
    const rows = await db().select().from(outboundMessages).where(eq(outboundMessages.agencyId, agency.id));
    expect(rows).toMatchObject([{ status: 'failed', attempts: 1 }]);
    expect(rows[0]?.lastError).toContain('bot was blocked');

    fake.failNextSends({ code: 429, description: 'Too Many Requests: retry after 1', retryAfter: 1 });
    const limited = fake.pushUpdate(bot.token, privateMessage(8105, 'Прошу проверить'));
    await pollUntilConfirmed(bot.token, limited);
    await harness.services.outbox.drain();
    const [retried] = await db()
      .select()
      .from(outboundMessages)
      .where(
        and(
          eq(outboundMessages.agencyId, agency.id),
          eq(outboundMessages.recipientIndex, recipientIndexOf('8105')),
        ),
      );
    expect(retried).toMatchObject({ status: 'sent', attempts: 2 });
    expect(fake.sent(bot.token).filter((m) => m.chatId === '8105')).toHaveLength(1);
  });
  it('answers in the forum topic the message came from, in parts when longer than a message', async () => {
    const { agency, staff } = await newAgency();
    const bot = await connectBot(staff, fake);
    const update = privateMessage(8106, 'Прошу разъяснить порядок', {
      is_topic_message: true,
      message_thread_id: 77,
    });
    await pollUntilConfirmed(bot.token, fake.pushUpdate(bot.token, update));
    await harness.services.outbox.drain();
    const [request] = await requestsOf(agency.id);
    const answer = await staff.request({
      method: 'POST',
      url: `/api/staff/requests/${request?.id}/answer`,
      payload: { text: `${'Разъясняем порядок. '.repeat(300)}\n\nКонец ответа.`, form: 'electronic' },
    });
    expect(answer.statusCode).toBe(200);
    await harness.services.outbox.drain();
    const sent = fake.sent(bot.token);
    expect(sent.every((m) => m.chatId === '8106' && m.messageThreadId === 77)).toBe(true);
    const [ack, ...parts] = sent;
    expect(ack?.replyTo).toBe(update.message.message_id);
    expect(parts).toHaveLength(2);
    expect(parts[0]?.replyTo).toBe(update.message.message_id);
    expect(parts[1]?.replyTo).toBeNull();
    expect(parts.every((m) => m.text.length <= 4096)).toBe(true);
    expect(parts[1]?.text).toContain('Конец ответа.');
  });

  it('puts private messages to a consultation bot into the social inbox, not the register', async () => {
    const { agency, staff } = await newAgency();
    const bot = await connectBot(staff, fake, { purpose: 'consultations' });
    await pollUntilConfirmed(
      bot.token,
      fake.pushUpdate(bot.token, privateMessage(8107, 'Как записаться на приём?')),
    );
    const items = await db().select().from(socialItems).where(eq(socialItems.agencyId, agency.id));
    expect(items).toMatchObject([
      {
        kind: 'message',
        threadId: '8107',
        authorId: '8107',
        authorName: 'Мария Иванова',
        text: 'Как записаться на приём?',
      },
    ]);
    expect(await requestsOf(agency.id)).toHaveLength(0);
  });
});
