import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpSmsGateway } from '../../lib/sms/gateway.js';
import { type FakeSmsGateway, startFakeSmsGateway } from '../../testing/fake-sms-gateway.js';
import { agencyWithStaff, createHarness, type Harness } from '../../testing/harness.js';
import { createOutbox } from './outbox.js';
import { outboundMessages } from './schema.js';
import { createSmsSender, createSmsTransport } from './sms.transport.js';

let fake: FakeSmsGateway;
let harness: Harness;
let agencyId: string;
beforeAll(async () => {
  fake = await startFakeSmsGateway();
  harness = await createHarness({
    SMS_GATEWAY_URL: fake.url,
    SMS_GATEWAY_TOKEN: 'gw-token',
    SMS_GATEWAY_TIMEOUT_MS: '200',
    OUTBOX_RETRY_BASE_MS: '0',
    OUTBOX_MAX_ATTEMPTS: '4',
  });
  const { slug } = await agencyWithStaff(harness);
  agencyId = (await harness.services.agencies.findBySlug(slug))?.id ?? '';
});
afterAll(async () => {
  await harness.close();
  await fake.close();
});

const rowOf = async (id: string) => {
  const [row] = await harness.services.database.db
    .select()
    .from(outboundMessages)
    .where(eq(outboundMessages.id, id));
  return row;
};
const send = (text: string, to = '8 913 555-00-01') => harness.services.sms.send({ to, text, agencyId });
const requestsFor = (id: string) => fake.requests.filter((r) => r.id === id);

describe('SMS through the outbox and the HTTP gateway', () => {
  it('normalises the number, sends with the token, and records the gateway’s id', async () => {
    const id = await send('Вы записаны на приём');
    await harness.services.outbox.drain();
    expect(requestsFor(id)).toEqual([
      { id, to: '+79135550001', text: 'Вы записаны на приём', authorization: 'Bearer gw-token' },
    ]);
    expect(await rowOf(id)).toMatchObject({ network: 'sms', status: 'sent', recipient: '+79135550001' });
    expect((await rowOf(id))?.externalId).toMatch(/^gw-\d+$/);
  });

  it('retries a 503 and a timeout with the same id; the gateway takes it once', async () => {
    fake.queue({ status: 503 }, { hangMs: 1000 });
    const id = await send('Напоминаем о приёме');
    await harness.services.outbox.drain();
    expect(requestsFor(id)).toHaveLength(3);
    expect(fake.accepted().filter((sms) => sms.id === id)).toHaveLength(1);
    expect(await rowOf(id)).toMatchObject({ status: 'sent', attempts: 3 });
  });

  it('gives up at once when the gateway refuses the message (4xx), keeping the reason for staff', async () => {
    fake.queue({ status: 400 });
    const id = await send('Сообщение');
    await harness.services.outbox.drain();
    expect(requestsFor(id)).toHaveLength(1);
    const row = await rowOf(id);
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row?.lastError).toContain('400');
  });

  it('stops retrying after the configured attempts when the gateway stays down', async () => {
    fake.queue({ status: 502 }, { status: 502 }, { status: 502 }, { status: 502 });
    const id = await send('Сообщение');
    await harness.services.outbox.drain();
    expect(requestsFor(id)).toHaveLength(4);
    expect(await rowOf(id)).toMatchObject({ status: 'failed', attempts: 4 });
  });

  it('sends each message once when two nodes drain at the same time', async () => {
    const { db } = harness.services.database;
    const otherNode = createOutbox({ db, maxAttempts: 4, retryBaseMs: 0 });
    otherNode.registerTransport(
      'sms',
      createSmsTransport(createHttpSmsGateway({ url: fake.url, token: 'gw-token', timeoutMs: 2000 })),
    );
    const otherSender = createSmsSender(otherNode, db);
    const ids = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        (i % 2 ? otherSender : harness.services.sms).send({
          to: `+7913555${String(i).padStart(4, '0')}`,
          text: `Сообщение ${i}`,
          agencyId,
        }),
      ),
    );
    await Promise.all([harness.services.outbox.drain(), otherNode.drain()]);
    for (const id of ids) expect(requestsFor(id), id).toHaveLength(1);
    for (const id of ids) expect((await rowOf(id))?.status).toBe('sent');
  });

  it('refuses landlines, foreign numbers and texts over the segment cap before queueing', async () => {
    await expect(send('Текст', '+7 383 222-33-44')).rejects.toThrow(/Russian mobile/);
    await expect(send('Текст', '+1 202 555 0143')).rejects.toThrow(/Russian mobile/);
    await expect(send('я'.repeat(300))).rejects.toThrow(/segments/);
    expect(harness.services.sms.canReceive('+7 913 555-00-01')).toBe(true);
    expect(harness.services.sms.canReceive('+7 383 222-33-44')).toBe(false);
    expect(harness.services.sms.canReceive(null)).toBe(false);
  });
});
