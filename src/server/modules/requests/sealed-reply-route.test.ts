import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldCrypto } from '../../lib/field-crypto.js';
import { mailAgency, requestsOf, sendCode, smtpClient } from '../../testing/email-kit.js';
import { createHarness, type Harness } from '../../testing/harness.js';
import { rowsOf } from '../../testing/surveys.js';
import { startSmtpListener } from '../channels/email-listener.js';

// Issue 12 p. 5: the address a reply goes back to is sealed inside `requests.reply_route`.
let harness: Harness;
let listener: Awaited<ReturnType<typeof startSmtpListener>>;
beforeAll(async () => {
  harness = await createHarness();
  listener = await startSmtpListener(harness.services, { port: 0, host: '127.0.0.1', maxBytes: 1_048_576 });
});
afterAll(async () => {
  await listener.close();
  await harness.close();
});

const SENDER = 'route.sealed@example.ru';

describe('the reply route of a request', () => {
  it('keeps the sender’s address sealed at rest and answers to it, in the letter’s thread', async () => {
    const { agency, address, staff } = await mailAgency(harness);
    const messageId = `<${Math.random().toString(36).slice(2)}@client.test>`;
    const letter = {
      from: `Пётр Зайцев <${SENDER}>`,
      to: address,
      subject: 'Не вывозят мусор',
      text: 'Контейнеры во дворе не вывозят неделю.',
      messageId,
    };
    expect(await sendCode(smtpClient(listener.port), letter)).toBe(250);
    const [request] = await requestsOf(harness, agency.id);
    // Drizzle opens the route for every reader.
    expect(request?.replyRoute).toMatchObject({ network: 'email', recipient: SENDER });

    const [stored] = await rowsOf<{ route: string; recipient: string; thread: string }>(
      harness,
      sql`select reply_route::text as route, reply_route->>'recipient' as recipient,
            reply_route->'thread'->>'inReplyTo' as thread
          from requests where id = ${request?.id}`,
    );
    expect(stored?.route).not.toContain('route.sealed');
    expect(stored?.recipient).toMatch(/^f1:[0-9a-f]{8}:/);
    expect(fieldCrypto().open(stored?.recipient ?? '')).toBe(SENDER);
    expect(stored?.thread).toBe(messageId); // a Message-ID is no contact: it stays readable

    const answered = await staff.request({
      method: 'POST',
      url: `/api/staff/requests/${request?.id}/answer`,
      payload: { text: 'График вывоза восстановлен, контейнеры вывезены.', form: 'electronic' },
    });
    expect(answered.statusCode, answered.body).toBe(200);
    const answers = (await harness.outboxMails()).filter((m) =>
      m.text?.includes('График вывоза восстановлен'),
    );
    // One letter: the route and the e-mail the sender gave are the same address, opened alike.
    expect(answers).toHaveLength(1);
    const [answer] = answers;
    expect(answer?.to && !Array.isArray(answer.to) ? answer.to.value[0]?.address : null).toBe(SENDER);
    expect(answer?.inReplyTo).toBe(messageId);
  });
});
