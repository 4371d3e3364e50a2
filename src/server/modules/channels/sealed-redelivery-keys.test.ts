import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BackfillProgress, sealContactFields } from '../../db/field-backfill.js';
import { createFieldCrypto, fieldCrypto } from '../../lib/field-crypto.js';
import { agencyIdOf, connectAccount, delivered } from '../../testing/channel-accounts.js';
import { type FakeTelegram, startFakeTelegram } from '../../testing/fake-telegram.js';
import { type FakeVk, startFakeVk } from '../../testing/fake-vk.js';
import {
  agencyWithStaff,
  createHarness,
  type Harness,
  type StaffClient,
  TEST_SECRETS_KEY,
} from '../../testing/harness.js';
import { rowsOf } from '../../testing/surveys.js';
import { connectBot, privateMessage, waitFor } from '../../testing/telegram-accounts.js';
import { insertOutbound } from './outbox.repo.js';
import { replyToIndexOf } from './reply-index.js';
import { GREETING } from './telegram/inbound.js';
import { repliedTo } from './telegram/repo.js';

// Issue 12 p. 5: a private message's id names its chat, and the chat's id is its person's. The
// keys that recognise a redelivered message are stored sealed and matched by blind index.
let harness: Harness;
let telegram: FakeTelegram;
let vk: FakeVk;
beforeAll(async () => {
  telegram = await startFakeTelegram();
  vk = await startFakeVk();
  harness = await createHarness({ OUTBOX_RETRY_BASE_MS: '0', TELEGRAM_POLL_TIMEOUT_S: '1' });
});
afterAll(async () => {
  await harness.services.telegram.poller.stop();
  await harness.close();
  await telegram.close();
  await vk.close();
});

const SEALED = /^f1:[0-9a-f]{8}:[\w-]+$/;
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

const sealedCount = (done: BackfillProgress[], table: string) => done.find((p) => p.table === table)?.sealed;

const listed = async (staff: StaffClient) =>
  (await staff.request({ method: 'GET', url: '/api/staff/social' })).json<{
    items: { id: string; text: string }[];
  }>().items;

/** Pushes each update and waits until the bot's poller has confirmed them all. */
async function deliverUpdates(token: string, updates: Record<string, unknown>[]) {
  let last = 0;
  for (const update of updates) last = telegram.pushUpdate(token, update);
  await harness.services.telegram.poller.refresh();
  await waitFor(() => telegram.confirmedOffset(token) > last, 10_000, 'updates confirmed');
}

describe('redelivery keys at rest', () => {
  it('stores a consultation message once under its blind index, answers it and registers it under a sealed key', async () => {
    const { slug, staff } = await agencyWithStaff(harness, ['admin']);
    const agencyId = await agencyIdOf(harness, slug);
    const bot = await connectBot(staff, telegram, { purpose: 'consultations' });
    const chat = 8_402_517;
    const asked = privateMessage(chat, 'Где взять справку?');
    const more = privateMessage(chat, 'И сколько она стоит?');
    // Telegram redelivers an update the bot did not confirm: the same message twice.
    await deliverUpdates(bot.token, [asked, asked, more, more]);

    const stored = await storedItems(harness, agencyId);
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
    const answered = await staff.request({
      method: 'POST',
      url: `/api/staff/social/${first?.id}/answer`,
      payload: { text: 'Справку выдаёт МФЦ.' },
    });
    expect(answered.statusCode).toBe(204);
    await delivered(harness, () => telegram.sent(bot.token).some((m) => m.text === 'Справку выдаёт МФЦ.'));
    expect(telegram.sent(bot.token).filter((m) => m.text === 'Справку выдаёт МФЦ.')).toEqual([
      expect.objectContaining({ chatId: String(chat), replyTo: asked.message.message_id }),
    ]);

    const second = items.find((i) => i.text === 'И сколько она стоит?');
    const converted = await staff.request({ method: 'POST', url: `/api/staff/social/${second?.id}/convert` });
    expect(converted.statusCode).toBe(200);
    const number = converted.json<{ number: string }>().number;
    await delivered(harness, () => telegram.sent(bot.token).some((m) => m.text.includes(number)));
    expect(telegram.sent(bot.token).filter((m) => m.text.includes(number))).toEqual([
      expect.objectContaining({ chatId: String(chat), replyTo: more.message.message_id }),
    ]);
    const [request] = await storedRequests(harness, agencyId);
    const plain = `telegram:${chat}:${more.message.message_id}`;
    expect(request?.idempotency_key).toBe(hashedKey(plain));
    expect(request?.channel_message_key).toMatch(SEALED);
    expect(crypto().open(request?.channel_message_key as string)).toBe(plain);
  });

  it('registers a request bot message delivered twice once, under a key that does not name the chat', async () => {
    const { slug, staff } = await agencyWithStaff(harness, ['admin']);
    const agencyId = await agencyIdOf(harness, slug);
    const bot = await connectBot(staff, telegram, { purpose: 'requests' });
    const chat = 8_402_611;
    const message = privateMessage(chat, 'Прошу отремонтировать крыльцо подъезда.');
    await deliverUpdates(bot.token, [message, message]);

    const stored = await storedRequests(harness, agencyId);
    expect(stored).toHaveLength(1);
    const [request] = stored;
    expect(request?.idempotency_key).toBe(hashedKey(`telegram:${chat}:${message.message.message_id}`));
    expect(request?.idempotency_key).not.toContain(String(chat));
    expect(request?.channel_message_key).toMatch(SEALED);
    // The acknowledgement goes once, to the message itself.
    const number = request?.number as string;
    await delivered(harness, () => telegram.sent(bot.token).some((m) => m.text.includes(number)));
    expect(telegram.sent(bot.token).filter((m) => m.text.includes(number))).toEqual([
      expect.objectContaining({ chatId: String(chat), replyTo: message.message.message_id }),
    ]);
  });

  it('recognises a greeting written before the reply index once the startup backfill has indexed it', async () => {
    const { slug, staff } = await agencyWithStaff(harness, ['admin']);
    const agencyId = await agencyIdOf(harness, slug);
    const bot = await connectBot(staff, telegram);
    const chat = String(8_402_733);
    const start = privateMessage(Number(chat), '/start');
    const messageId = String(start.message.message_id);
    // As migration outbound_reply_to_index leaves a greeting: its ids sealed, no reply index yet.
    await harness.services.database.db.execute(sql`insert into outbound_messages (agency_id, network, account_id,
        recipient, recipient_index, thread, body, status)
      values (${agencyId}, 'telegram', ${bot.accountId}, ${crypto().seal(chat)}, ${crypto().blindIndex(chat)},
        ${JSON.stringify({ replyTo: crypto().seal(messageId) })}::jsonb, ${GREETING}, 'sent')`);
    // The lookup reads the index alone: it opens no thread.
    expect(await repliedTo(harness.services.database.db, bot.accountId, chat, messageId)).toBe(false);

    const done = await sealContactFields(harness.services.database.db, crypto());
    expect(sealedCount(done, 'outbound_messages')).toBe(1);
    const [greeting] = await storedReplies(harness, agencyId);
    expect(greeting?.reply_to_index).toBe(replyToIndexOf(crypto(), chat, messageId));
    expect(greeting?.reply_to_index).not.toContain(chat);
    const again = await sealContactFields(harness.services.database.db, crypto());
    expect(sealedCount(again, 'outbound_messages')).toBe(0);

    await deliverUpdates(bot.token, [start]);
    await harness.services.outbox.drain();
    expect(await storedReplies(harness, agencyId)).toHaveLength(1);
    expect(telegram.sent(bot.token)).toEqual([]);
  });

  it('registers a VK message delivered twice once, under a key that does not name the dialogue', async () => {
    const { slug, staff } = await agencyWithStaff(harness, ['admin']);
    const agencyId = await agencyIdOf(harness, slug);
    const account = await connectAccount(staff, {
      network: 'vk',
      settings: { groupId: String(vk.groupId), mode: 'callback', apiBaseUrl: vk.apiBaseUrl },
      secrets: { accessToken: vk.token, confirmationCode: 'c0ffee', callbackSecret: 'redelivery-secret' },
    });
    const peer = 392_000_000 + Math.floor(Math.random() * 1e6);
    vk.users.set(peer, { first_name: 'Игорь', last_name: 'Смирнов' });
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
      group_id: vk.groupId,
      event_id: randomBytes(20).toString('hex'),
      v: '5.199',
      secret: 'redelivery-secret',
    };
    for (let i = 0; i < 2; i++) {
      const response = await harness.app.inject({
        method: 'POST',
        url: `/api/channels/vk/${account}`,
        payload: event,
      });
      expect(response.body).toBe('ok');
    }

    const stored = await storedRequests(harness, agencyId);
    expect(stored).toHaveLength(1);
    expect(stored[0]?.idempotency_key).toBe(hashedKey(`vk:${peer}:31`));
    expect(stored[0]?.idempotency_key).not.toContain(String(peer));
    expect(crypto().open(stored[0]?.channel_message_key as string)).toBe(`vk:${peer}:31`);
  });
});

describe('startup backfill of redelivery keys', () => {
  // A harness of its own: the backfill counts rows of the whole database.
  let own: Harness;
  beforeAll(async () => {
    own = await createHarness();
  });
  afterAll(() => own.close());

  const exec = (query: ReturnType<typeof sql>) => own.services.database.db.execute(query);

  const legacyRequest = (agencyId: string, number: string, key: string, messageKey: string | null) =>
    exec(sql`insert into requests (agency_id, number, kind, channel, status, text, contact_name,
        tracking_code, received_at, due_at, due_source, idempotency_key, channel_message_key)
      values (${agencyId}, ${number}, 'appeal', 'telegram', 'registered', 'Текст', 'Мария', 'ABC',
        '2026-11-01T10:00:00Z', '2026-12-01T16:59:59Z', '59-ФЗ', ${key}, ${messageKey})`);

  it('seals legacy keys once, and a redelivery of a legacy message still finds what it made', async () => {
    const { slug } = await agencyWithStaff(own, ['admin']);
    const agencyId = await agencyIdOf(own, slug);
    // As migration seal_redelivery_keys leaves them: the ids in the clear, the index holding the id
    // and a network message's request key copied beside the key.
    await exec(sql`insert into social_items (agency_id, network, kind, external_id, external_index, thread_id,
        thread_index, author_id, author_index, author_name, text, received_at)
      values (${agencyId}, 'telegram', 'message', '7701:15', '7701:15', '7701', '7701', '7701', '7701',
        'Мария', 'Старый вопрос', now())`);
    await legacyRequest(agencyId, '2026-00001', 'telegram:7701:16', 'telegram:7701:16');
    await legacyRequest(agencyId, '2026-00002', 'pos:55012', null);

    const current = crypto();
    const done = await sealContactFields(own.services.database.db, current, () => {}, 1);
    expect(sealedCount(done, 'social_items')).toBe(1);
    expect(sealedCount(done, 'requests')).toBe(1);

    const [item] = await storedItems(own, agencyId);
    expect(item?.external_id).toMatch(SEALED);
    expect(current.open(item?.external_id as string)).toBe('7701:15');
    expect(item?.external_index).toBe(current.blindIndex('7701:15'));
    const requests = await storedRequests(own, agencyId);
    expect(requests.map((r) => r.idempotency_key)).toEqual([hashedKey('telegram:7701:16'), 'pos:55012']);
    expect(requests[0]?.channel_message_key).toMatch(SEALED);
    expect(current.open(requests[0]?.channel_message_key as string)).toBe('telegram:7701:16');
    // A ПОС number names no one: its key stays readable for the answers' upload.
    expect(requests[1]?.channel_message_key).toBeNull();

    const again = await sealContactFields(own.services.database.db, current);
    expect(sealedCount(again, 'social_items')).toBe(0);
    expect(sealedCount(again, 'requests')).toBe(0);
    expect((await storedRequests(own, agencyId)).map((r) => r.idempotency_key)).toEqual([
      hashedKey('telegram:7701:16'),
      'pos:55012',
    ]);

    const redelivered = await own.services.socialInbox.ingest({
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
    const registered = await own.services.requests.registerFromChannel(agencyId, {
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
    expect(await storedItems(own, agencyId)).toHaveLength(1);
    expect(await storedRequests(own, agencyId)).toHaveLength(2);
  });

  it('indexes a reply again under a rotated key', async () => {
    const { slug } = await agencyWithStaff(own, ['admin']);
    const agencyId = await agencyIdOf(own, slug);
    const db = own.services.database.db;
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
    const [written] = await storedReplies(own, agencyId);
    expect(written?.reply_to_index).toBe(replyToIndexOf(crypto(), '8402901', '15'));

    // Last in this database: its rows are then under a key the other tests do not hold.
    const rotated = createFieldCrypto(randomBytes(32), [Buffer.from(TEST_SECRETS_KEY, 'hex')]);
    await sealContactFields(db, rotated);
    const [reindexed] = await storedReplies(own, agencyId);
    expect(rotated.open(reindexed?.recipient as string)).toBe('8402901');
    expect(reindexed?.reply_to_index).toBe(replyToIndexOf(rotated, '8402901', '15'));
    expect(reindexed?.reply_to_index).not.toBe(written?.reply_to_index);
  });
});
