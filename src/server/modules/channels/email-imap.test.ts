import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventsOf, mailAgency, requestsOf } from '../../testing/email-kit.js';
import { type FakeImap, startFakeImap } from '../../testing/fake-imap.js';
import { createHarness, type Harness } from '../../testing/harness.js';
import { createImapPolling } from './email-imap.js';
import { channelAccounts } from './schema.js';

const letter = (id: string, subject: string, text: string, extra = '') =>
  [
    'From: Ольга Иванова <olga@client.test>',
    'To: priem@agency.test',
    `Subject: ${subject}`,
    `Message-ID: <${id}@client.test>`,
    ...(extra ? [extra] : []),
    'Content-Type: text/plain; charset=utf-8',
    '',
    text,
  ].join('\r\n');

describe('IMAP polling of an existing mailbox', () => {
  let harness: Harness;
  let imap: FakeImap;

  beforeAll(async () => {
    harness = await createHarness();
    imap = await startFakeImap({ user: 'priem', pass: 'mailbox secret', mailbox: 'INBOX' });
  });
  afterAll(async () => {
    await imap.close();
    await harness.close();
  });

  async function openAccount(id: string) {
    const account = await harness.services.channelAccounts.openById(id);
    if (!account) throw new Error('account not stored');
    return account;
  }

  async function connect(
    staff: Awaited<ReturnType<typeof mailAgency>>['staff'],
    password: string,
    server: FakeImap = imap,
  ) {
    const created = await staff.request({
      method: 'POST',
      url: '/api/staff/channels',
      payload: {
        network: 'email',
        title: 'Ящик приёмной',
        settings: {
          host: '127.0.0.1',
          port: String(server.port),
          secure: 'false',
          user: 'priem',
          mailbox: 'INBOX',
          address: 'priem@agency.test',
        },
        secrets: { password },
      },
    });
    expect(created.statusCode).toBe(201);
    return created.json<{ id: string }>().id;
  }

  it('checks the connection: a wrong password is reported in Russian, the right one passes', async () => {
    const { staff } = await mailAgency(harness);
    const wrong = await connect(staff, 'not the password');
    const failed = await staff.request({ method: 'POST', url: `/api/staff/channels/${wrong}/test` });
    expect(failed.body).toContain('не принял имя пользователя или пароль');

    const right = await connect(staff, 'mailbox secret');
    const passed = await staff.request({ method: 'POST', url: `/api/staff/channels/${right}/test` });
    expect(passed.statusCode).toBe(200);
    expect(imap.commands).toContain('SELECT INBOX');
  });

  it('takes unseen letters in as requests, marks them seen only after, and joins a reply', async () => {
    const { agency, staff } = await mailAgency(harness);
    const accountId = await connect(staff, 'mailbox secret');
    const polling = createImapPolling(harness.services);
    const account = await openAccount(accountId);

    const first = imap.deliver(letter('imap-1', 'Протекает крыша', 'Прошу отремонтировать крышу дома 3.'));
    const unreadable = imap.deliver(letter('imap-2', '', '\u0001\u0002'));
    const n = await polling.pollAccount(account);
    console.log(imap.commands.join('\n'), await requestsOf(harness, agency.id));
    expect(n).toBe(1);
    expect(imap.flagsOf(first)).toContain('\\Seen');
    expect(imap.flagsOf(unreadable)).toContain('\\Seen');
    const [request] = await requestsOf(harness, agency.id);
    expect(request?.text).toContain('отремонтировать крышу');
    expect(request?.replyRoute?.recipient).toBe('olga@client.test');

    // Already seen letters are not fetched again; a redelivered copy changes nothing.
    imap.deliver(letter('imap-1', 'Протекает крыша', 'Прошу отремонтировать крышу дома 3.'));
    const reply = imap.deliver(
      letter(
        'imap-3',
        `Re: № ${request?.number}`,
        'Крыша течёт сильнее.',
        'In-Reply-To: <imap-1@client.test>',
      ),
    );
    expect(await polling.pollAccount(account)).toBe(2);
    expect(imap.flagsOf(reply)).toContain('\\Seen');
    expect(await requestsOf(harness, agency.id)).toHaveLength(1);
    const notes = (await eventsOf(harness, request?.id as string)).map((e) => e.note ?? '');
    expect(notes.some((note) => note.includes('Крыша течёт сильнее'))).toBe(true);
  });

  it('leaves a letter unseen when it could not be taken in, and records each mailbox health', async () => {
    const { agency, staff } = await mailAgency(harness);
    // A mailbox of its own: every other test's accounts poll the shared one.
    const own = await startFakeImap({ user: 'priem', pass: 'mailbox secret', mailbox: 'INBOX' });
    const accountId = await connect(staff, 'mailbox secret', own);
    const wrongId = await connect(staff, 'not the password', own);
    const polling = createImapPolling(harness.services);
    const account = await openAccount(accountId);
    const uid = own.deliver(letter('imap-5', 'Тема', 'Прошу убрать мусор во дворе.'));

    // The registration fails (an agency that is gone): the letter must stay for the next poll.
    await expect(polling.pollAccount({ ...account, agencyId: randomUUID() })).rejects.toThrow();
    expect(own.flagsOf(uid)).not.toContain('\\Seen');

    // An account sealed with another key (a restored backup) stops no other mailbox.
    const [stale] = await harness.services.database.db
      .insert(channelAccounts)
      .values({
        agencyId: agency.id,
        network: 'email',
        title: 'Старый ящик',
        sealedSecrets: 'not-sealed-here',
      })
      .returning({ id: channelAccounts.id });
    await polling.pollAll();
    expect(own.flagsOf(uid)).toContain('\\Seen');
    expect(await requestsOf(harness, agency.id)).toHaveLength(1);
    const list = await staff.request({ method: 'GET', url: '/api/staff/channels' });
    const health = Object.fromEntries(
      list
        .json<{ id: string; health: { error: string | null; okAt: string | null } }[]>()
        .map((a) => [a.id, a.health]),
    );
    expect(health[wrongId]?.error).toContain('пароль');
    expect(health[accountId]?.okAt).toBeTruthy();
    expect(health[stale?.id as string]?.error).toContain('SECRETS_KEY');
    const renewed = await staff.request({
      method: 'PATCH',
      url: `/api/staff/channels/${stale?.id}`,
      payload: { secrets: { password: 'mailbox secret' } },
    });
    expect(renewed.json<{ secretsSet: string[] }>().secretsSet).toEqual(['password']);
    await own.close();
  });
});
