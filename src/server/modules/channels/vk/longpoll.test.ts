import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  agencyIdOf,
  connectAccount,
  delivered,
  eventually,
  requestsByKey,
} from '../../../testing/channel-accounts.js';
import { type FakeVk, startFakeVk } from '../../../testing/fake-vk.js';
import { agencyWithStaff, createHarness, type Harness } from '../../../testing/harness.js';
import { insertAccount, readCursor } from '../accounts.repo.js';
import { channelAccounts } from '../schema.js';

describe('VK Bots Long Poll: events read, stored, and only then acknowledged by ts', () => {
  let harness: Harness;
  let vk: FakeVk;
  const quiet = { warn() {}, error() {}, info() {} } as never;

  beforeAll(async () => {
    harness = await createHarness();
    vk = await startFakeVk();
  });
  afterAll(async () => {
    await harness.services.vk.longPoll.stop();
    await vk.close();
    await harness.close();
  });

  const peer = () => 100_000 + Math.floor(Math.random() * 1e8);
  const messageNew = (peerId: number, text: string, id: number) => ({
    type: 'message_new',
    object: { message: { id, peer_id: peerId, from_id: peerId, text, date: Math.floor(Date.now() / 1000) } },
  });

  it('registers what it reads, answers in the dialogue, and resumes from the saved ts after a restart', async () => {
    const { staff } = await agencyWithStaff(harness, ['admin']);
    const accountId = await connectAccount(staff, {
      network: 'vk',
      settings: { groupId: String(vk.groupId), mode: 'longpoll', apiBaseUrl: vk.apiBaseUrl },
      secrets: { accessToken: vk.token },
    });
    // Another account whose credentials were sealed with another key must not stop the rest.
    const other = await agencyWithStaff(harness, ['admin']);
    const unreadable = await insertAccount(harness.services.database.db, {
      agencyId: await agencyIdOf(harness, other.slug),
      network: 'vk',
      title: 'Сообщество со старым ключом',
      settings: { groupId: '5', mode: 'longpoll' },
      sealedSecrets: 'v1.AAAA.BBBB.CCCC',
    });
    const [first, second] = [peer(), peer()];
    const poll = harness.services.vk.longPoll;
    poll.start(quiet, { retryMs: 50 });
    await eventually(async () => vk.checks.length > 0);
    const [broken] = await harness.services.database.db
      .select()
      .from(channelAccounts)
      .where(eq(channelAccounts.id, unreadable.id));
    expect(broken?.lastError).toMatch(/SECRETS_KEY/);

    vk.pushLongPoll(messageNew(first, 'Сломана скамейка в сквере', 1));
    await eventually(() => requestsByKey(harness, `vk:${first}:1`).then((rows) => rows.length));
    const [registered] = await requestsByKey(harness, `vk:${first}:1`);
    expect(registered).toMatchObject({ channel: 'vk', text: 'Сломана скамейка в сквере' });
    await eventually(async () => (await readCursor(harness.services.database.db, accountId)) === '2');
    await delivered(harness, () => vk.messages.some((m) => m.peerId === first));
    expect(vk.messages.filter((m) => m.peerId === first)).toHaveLength(1);

    // Stopped, the node misses nothing: on start it asks from the saved ts.
    await poll.stop();
    vk.pushLongPoll(messageNew(second, 'Пока сервер стоял', 1));
    poll.start(quiet, { retryMs: 50 });
    await eventually(() => requestsByKey(harness, `vk:${second}:1`).then((rows) => rows.length));
    expect(await requestsByKey(harness, `vk:${first}:1`)).toHaveLength(1);
    await poll.stop();
  });

  it('keeps ts where it was while storing fails, and stores the event once it can', async () => {
    const { staff } = await agencyWithStaff(harness, ['admin']);
    const own = await startFakeVk();
    const accountId = await connectAccount(staff, {
      network: 'vk',
      settings: { groupId: String(own.groupId), mode: 'longpoll', apiBaseUrl: own.apiBaseUrl },
      secrets: { accessToken: own.token },
    });
    const { db } = harness.services.database;
    const refused = peer();
    // The database refusing this one request: what a failed commit looks like to the poller.
    await db.execute(sql`
      create or replace function vk_test_refuse() returns trigger language plpgsql as $$
      begin
        if new.text = 'Отказ базы' then raise exception 'refused for the test'; end if;
        return new;
      end $$`);
    await db.execute(sql`create trigger vk_test_refuse before insert on requests
      for each row execute function vk_test_refuse()`);
    try {
      const poll = harness.services.vk.longPoll;
      poll.start(quiet, { retryMs: 50 });
      await eventually(async () => own.checks.length > 0);
      const before = own.checks.length;
      own.pushLongPoll(messageNew(refused, 'Отказ базы', 1));
      // The same ts is asked for again and again: the event is not acknowledged.
      await eventually(async () => own.checks.slice(before).filter((check) => check === '1').length >= 3);
      expect(await requestsByKey(harness, `vk:${refused}:1`)).toHaveLength(0);
      expect(await readCursor(db, accountId)).toBeNull();

      await db.execute(sql`drop trigger vk_test_refuse on requests`);
      await eventually(() => requestsByKey(harness, `vk:${refused}:1`).then((rows) => rows.length));
      await eventually(async () => (await readCursor(db, accountId)) === '2');
      await poll.stop();
    } finally {
      await own.close();
      await db.execute(sql`drop trigger if exists vk_test_refuse on requests`);
      await db.execute(sql`drop function if exists vk_test_refuse()`);
    }
  });
});
