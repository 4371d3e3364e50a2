import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { sealContactFields } from '../../db/field-backfill.js';
import { createFieldCrypto, fieldCrypto } from '../../lib/field-crypto.js';
import { agencyIdOf, connectAccount, delivered } from '../../testing/channel-accounts.js';
import {
  agencyWithConsultationBot,
  answerOnTelegram,
  channelFakesForFile,
  convertOnTelegram,
  deliverUpdates,
} from '../../testing/channel-fakes.js';
import { agencyWithStaff, type Harness, type StaffClient, TEST_SECRETS_KEY } from '../../testing/harness.js';
import { backfillHarness, SEALED, sealedCount } from '../../testing/sealed-fields.js';
import { rowsOf } from '../../testing/surveys.js';
import { connectBot, privateMessage } from '../../testing/telegram-accounts.js';
import { insertOutbound } from './outbox.repo.js';
import { replyToIndexOf } from './reply-index.js';
import { GREETING } from './telegram/inbound.js';
import { repliedTo } from './telegram/repo.js';

// Issue 12 p. 5: a private message's id names its chat, and the chat's id is its person's. The
// keys that recognise a redelivered message are stored sealed and matched by blind index.
const fakes = channelFakesForFile();
const crypto = () => fieldCrypto();
/** The request key a network message is registered under: its channel and the HMAC of its plain key. */
const hashedKey = (plain: string) => `${plain.split(':')[0]}:${crypto().blindIndex(plain)}`;

interface StoredItem {
  external_id: string;
  external_index: string;
}
interface StoredRequest {
  number: string;
  idempotency_key: string | null;
  channel_message_key: string | null;
}

const storedItems = (h: Harness, agencyId: string) =>
  rowsOf<StoredItem>(
    h,
    sql`select external_id, external_index from social_items where agency_id = ${agencyId}`,
  );

const storedRequests = (h: Harness, agencyId: string) =>
  rowsOf<StoredRequest>(
    h,
    sql`select number, idempotency_key, channel_message_key from requests where agency_id = ${agencyId}
        order by number`,
  );

const storedReplies = (h: Harness, agencyId: string) =>
  rowsOf<{ recipient: string; reply_to_index: string | null }>(
    h,
    sql`select recipient, reply_to_index from outbound_messages where agency_id = ${agencyId}`,
  );

const listed = async (staff: StaffClient) =>
  (await staff.request({ method: 'GET', url: '/api/staff/social' })).json<{
    items: { id: string; text: string }[];
  }>().items;

describe('redelivery keys at rest', () => {
  it('stores a consultation message once under its blind index, answers it and registers it under a sealed key', async () => {
    const { agencyId, staff, bot } = await agencyWithConsultationBot(fakes);
    const chat = 8_402_517;
    const asked = privateMessage(chat, 'Где взять справку?');
    const more = privateMessage(chat, 'И сколько она стоит?');
    // Telegram redelivers an update the bot did not confirm: the same message twice.
    await deliverUpdates(fakes, bot.token, [asked, asked, more, more]);

    const stored = await storedItems(fakes.harness, agencyId);
    expect(stored).toHaveLength(2);
    expect(stored.map((row) => row.external_index).sort()).toEqual(
      [asked, more].map((m) => crypto().blindIndex(`${chat}:${m.message.message_id}`)).sort(),
    );
    for (const row of stored) {
      expect(row.external_id).toMatch(SEALED);
      expect(row.external_id).not.toContain(String(chat));
    }

    const items = await listed(staff);
    const first = items.find((i) => i.text === 'Где взять справку?');
    expect(
      await answerOnTelegram(fakes, staff, bot.token, first?.id as string, 'Справку выдаёт МФЦ.'),
    ).toEqual([expect.objectContaining({ chatId: String(chat), replyTo: asked.message.message_id })]);

    const second = items.find((i) => i.text === 'И сколько она стоит?');
    const { acknowledgements } = await convertOnTelegram(fakes, staff, bot.token, second?.id as string);
    expect(acknowledgements).toEqual([
      expect.objectContaining({ chatId: String(chat), replyTo: more.message.message_id }),
    ]);
    const [request] = await storedRequests(fakes.harness, agencyId);
    const plain = `telegram:${chat}:${more.message.message_id}`;
    expect(request?.idempotency_key).toBe(hashedKey(plain));
    expect(request?.channel_message_key).toMatch(SEALED);
    expect(crypto().open(request?.channel_message_key as string)).toBe(plain);
  });

  it('registers a request bot message delivered twice once, under a key that does not name the chat', async () => {
    const { slug, staff } = await agencyWithStaff(fakes.harness, ['admin']);
    const agencyId = await agencyIdOf(fakes.harness, slug);
    const bot = await connectBot(staff, fakes.telegram, { purpose: 'requests' });
    const chat = 8_402_611;
    const message = privateMessage(chat, 'Прошу отремонтировать крыльцо подъезда.');
    await deliverUpdates(fakes, bot.token, [message, message]);

    const stored = await storedRequests(fakes.harness, agencyId);
    expect(stored).toHaveLength(1);
    const [request] = stored;
    expect(request?.idempotency_key).toBe(hashedKey(`telegram:${chat}:${message.message.message_id}`));
    expect(request?.idempotency_key).not.toContain(String(chat));
    expect(request?.channel_message_key).toMatch(SEALED);
    // The acknowledgement goes once, to the message itself.
    const number = request?.number as string;
    await delivered(fakes.harness, () => fakes.telegram.sent(bot.token).some((m) => m.text.includes(number)));
    expect(fakes.telegram.sent(bot.token).filter((m) => m.text.includes(number))).toEqual([
      expect.objectContaining({ chatId: String(chat), replyTo: message.message.message_id }),
    ]);
    // Written by the registration's own statement, the acknowledgement is indexed like any reply.
    expect(await storedReplies(fakes.harness, agencyId)).toEqual([
      expect.objectContaining({
        reply_to_index: replyToIndexOf(crypto(), String(chat), String(message.message.message_id)),
      }),
    ]);
  });

  it('recognises a greeting written before the reply index once the startup backfill has indexed it', async () => {
    const { slug, staff } = await agencyWithStaff(fakes.harness, ['admin']);
    const agencyId = await agencyIdOf(fakes.harness, slug);
    const bot = await connectBot(staff, fakes.telegram);
    const chat = String(8_402_733);
    const start = privateMessage(Number(chat), '/start');
    const messageId = String(start.message.message_id);
    // As migration outbound_reply_to_index leaves a greeting: its ids sealed, no reply index yet.
    await fakes.harness.services.database.db.execute(sql`insert into outbound_messages (agency_id, network, account_id,
        recipient, recipient_index, thread, body, status)
      values (${agencyId}, 'telegram', ${bot.accountId}, ${crypto().seal(chat)}, ${crypto().blindIndex(chat)},
        ${JSON.stringify({ replyTo: crypto().seal(messageId) })}::jsonb, ${GREETING}, 'sent')`);
    // The lookup reads the index alone: it opens no thread.
    expect(await repliedTo(fakes.harness.services.database.db, bot.accountId, chat, messageId)).toBe(false);

    const done = await sealContactFields(fakes.harness.services.database.db, crypto());
    expect(sealedCount(done, 'outbound_messages')).toBe(1);
    const [greeting] = await storedReplies(fakes.harness, agencyId);
    expect(greeting?.reply_to_index).toBe(replyToIndexOf(crypto(), chat, messageId));
    expect(greeting?.reply_to_index).not.toContain(chat);
    const again = await sealContactFields(fakes.harness.services.database.db, crypto());
    expect(sealedCount(again, 'outbound_messages')).toBe(0);

    await deliverUpdates(fakes, bot.token, [start]);
    await fakes.harness.services.outbox.drain();
    expect(await storedReplies(fakes.harness, agencyId)).toHaveLength(1);
    expect(fakes.telegram.sent(bot.token)).toEqual([]);
  });

  it('registers a VK message delivered twice once, under a key that does not name the dialogue', async () => {
    const { slug, staff } = await agencyWithStaff(fakes.harness, ['admin']);
    const agencyId = await agencyIdOf(fakes.harness, slug);
    const account = await connectAccount(staff, {
      network: 'vk',
      settings: { groupId: String(fakes.vk.groupId), mode: 'callback', apiBaseUrl: fakes.vk.apiBaseUrl },
      secrets: {
        accessToken: fakes.vk.token,
        confirmationCode: 'c0ffee',
        callbackSecret: 'redelivery-secret',
      },
    });
    const peer = 392_000_000 + Math.floor(Math.random() * 1e6);
    fakes.vk.users.set(peer, { first_name: 'Игорь', last_name: 'Смирнов' });
    const event = {
      type: 'message_new',
      object: {
        message: {
          id: 0,
          date: Math.floor(Date.now() / 1000),
          peer_id: peer,
          from_id: peer,
          text: 'Не вывозят мусор',
          conversation_message_id: 31,
          attachments: [],
        },
      },
      group_id: fakes.vk.groupId,
      event_id: randomBytes(20).toString('hex'),
      v: '5.199',
      secret: 'redelivery-secret',
    };
    for (let i = 0; i < 2; i++) {
      const response = await fakes.harness.app.inject({
        method: 'POST',
        url: `/api/channels/vk/${account}`,
        payload: event,
      });
      expect(response.body).toBe('ok');
    }

    const stored = await storedRequests(fakes.harness, agencyId);
    expect(stored).toHaveLength(1);
    expect(stored[0]?.idempotency_key).toBe(hashedKey(`vk:${peer}:31`));
    expect(stored[0]?.idempotency_key).not.toContain(String(peer));
    expect(crypto().open(stored[0]?.channel_message_key as string)).toBe(`vk:${peer}:31`);
  });
});

describe('startup backfill of redelivery keys', () => {
  const own = backfillHarness();
  const { exec } = own;

  const legacyRequest = (agencyId: string, number: string, key: string, messageKey: string | null) =>
    exec(sql`insert into requests (agency_id, number, kind, channel, status, text, contact_name,
        tracking_code, received_at, due_at, due_source, idempotency_key, channel_message_key)
      values (${agencyId}, ${number}, 'appeal', 'telegram', 'registered', 'Текст', 'Мария', 'ABC',
        '2026-11-01T10:00:00Z', '2026-12-01T16:59:59Z', '59-ФЗ', ${key}, ${messageKey})`);

  it('seals legacy keys once, and a redelivery of a legacy message still finds what it made', async () => {
    const { slug } = await agencyWithStaff(own.harness, ['admin']);
    const agencyId = await agencyIdOf(own.harness, slug);
    // As migration seal_redelivery_keys leaves them: the ids in the clear, the index holding the id
    // and a network message's request key copied beside the key.
    await exec(sql`insert into social_items (agency_id, network, kind, external_id, external_index, thread_id,
        thread_index, author_id, author_index, author_name, text, received_at)
      values (${agencyId}, 'telegram', 'message', '7701:15', '7701:15', '7701', '7701', '7701', '7701',
        'Мария', 'Старый вопрос', now())`);
    await legacyRequest(agencyId, '2026-00001', 'telegram:7701:16', 'telegram:7701:16');
    await legacyRequest(agencyId, '2026-00002', 'pos:55012', null);

    const current = crypto();
    const done = await sealContactFields(own.harness.services.database.db, current, () => {}, 1);
    expect(sealedCount(done, 'social_items')).toBe(1);
    expect(sealedCount(done, 'requests')).toBe(1);

    const [item] = await storedItems(own.harness, agencyId);
    expect(item?.external_id).toMatch(SEALED);
    expect(current.open(item?.external_id as string)).toBe('7701:15');
    expect(item?.external_index).toBe(current.blindIndex('7701:15'));
    const requests = await storedRequests(own.harness, agencyId);
    expect(requests.map((r) => r.idempotency_key)).toEqual([hashedKey('telegram:7701:16'), 'pos:55012']);
    expect(requests[0]?.channel_message_key).toMatch(SEALED);
    expect(current.open(requests[0]?.channel_message_key as string)).toBe('telegram:7701:16');
    // A ПОС number names no one: its key stays readable for the answers' upload.
    expect(requests[1]?.channel_message_key).toBeNull();

    const again = await sealContactFields(own.harness.services.database.db, current);
    expect(sealedCount(again, 'social_items')).toBe(0);
    expect(sealedCount(again, 'requests')).toBe(0);
    expect((await storedRequests(own.harness, agencyId)).map((r) => r.idempotency_key)).toEqual([
      hashedKey('telegram:7701:16'),
      'pos:55012',
    ]);

    const redelivered = await own.harness.services.socialInbox.ingest({
      agencyId,
      accountId: null,
      network: 'telegram',
      kind: 'message',
      externalId: '7701:15',
      threadId: '7701',
      authorId: '7701',
      authorName: 'Мария',
      text: 'Старый вопрос',
      receivedAt: new Date(),
    });
    expect(redelivered.created).toBe(false);
    const registered = await own.harness.services.requests.registerFromChannel(agencyId, {
      kind: 'appeal',
      channel: 'telegram',
      text: 'Текст',
      name: 'Мария',
      email: null,
      phone: null,
      notifyByEmail: false,
      externalId: '7701:16',
    });
    expect(registered.created).toBe(false);
    expect(registered.row.number).toBe('2026-00001');
    expect(await storedItems(own.harness, agencyId)).toHaveLength(1);
    expect(await storedRequests(own.harness, agencyId)).toHaveLength(2);
  });

  it('indexes a reply again under a rotated key', async () => {
    const { slug } = await agencyWithStaff(own.harness, ['admin']);
    const agencyId = await agencyIdOf(own.harness, slug);
    const db = own.harness.services.database.db;
    await insertOutbound(db, [
      {
        agencyId,
        network: 'telegram',
        recipient: '8402901',
        thread: { replyTo: '15' },
        body: GREETING,
        status: 'sent',
      },
    ]);
    const [written] = await storedReplies(own.harness, agencyId);
    expect(written?.reply_to_index).toBe(replyToIndexOf(crypto(), '8402901', '15'));

    // Last in this database: its rows are then under a key the other tests do not hold.
    const rotated = createFieldCrypto(randomBytes(32), [Buffer.from(TEST_SECRETS_KEY, 'hex')]);
    await sealContactFields(db, rotated);
    const [reindexed] = await storedReplies(own.harness, agencyId);
    expect(rotated.open(reindexed?.recipient as string)).toBe('8402901');
    expect(reindexed?.reply_to_index).toBe(replyToIndexOf(rotated, '8402901', '15'));
    expect(reindexed?.reply_to_index).not.toBe(written?.reply_to_index);
  });
});
