import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  agencyWithStaff,
  createHarness,
  type Harness,
  submitAppeal,
  uniqueEmail,
} from '../../testing/harness.js';
import { type SmtpSink, startSmtpSink } from '../../testing/smtp-sink.js';
import { recipientIndexOf } from './outbox.repo.js';
import { outboundMessages } from './schema.js';

describe('outbox: e-mail through a real SMTP relay', () => {
  let harness: Harness;
  let sink: SmtpSink;

  beforeAll(async () => {
    sink = await startSmtpSink();
    harness = await createHarness({
      SMTP_URL: sink.url,
      OUTBOX_RETRY_BASE_MS: '0',
      OUTBOX_MAX_ATTEMPTS: '3',
    });
  });
  afterAll(async () => {
    await harness.close();
    await sink.close();
  });

  // Numbers restart in every agency, so a delivery is recognised by its recipient.
  const delivered = (email: string) =>
    sink.received.some((m) => m.to && !Array.isArray(m.to) && m.to.text === email);

  const rowsFor = (requestId: string) =>
    harness.services.database.db
      .select()
      .from(outboundMessages)
      .where(eq(outboundMessages.requestId, requestId));

  async function appeal(slug: string) {
    const email = uniqueEmail('citizen');
    const response = await submitAppeal(harness, slug, { name: 'Иван Петров', email, notifyByEmail: true });
    expect(response.statusCode).toBe(201);
    const [request] = await harness.services.database.db
      .select({ id: outboundMessages.requestId })
      .from(outboundMessages)
      .where(eq(outboundMessages.recipientIndex, recipientIndexOf(email)));
    return { email, number: response.json<{ number: string }>().number, requestId: request?.id as string };
  }

  it('stores the acknowledgement with the registration and delivers it with a stable Message-ID', async () => {
    const { slug } = await agencyWithStaff(harness, ['admin']);
    const { email, number, requestId } = await appeal(slug);
    const [queued] = await rowsFor(requestId);
    expect(queued?.status).toBe('pending');

    await harness.services.outbox.drain();
    const mail = sink.received.find((m) => m.to && !Array.isArray(m.to) && m.to.text === email);
    expect(mail?.subject).toContain(number);
    const [sent] = await rowsFor(requestId);
    expect(sent?.status).toBe('sent');
    expect(sent?.externalId).toBe(mail?.messageId);
    expect(sent?.externalId).toContain(sent?.id);
  });

  it('retries a temporary refusal and gives up on a permanent one, listing it for staff', async () => {
    const { slug, staff } = await agencyWithStaff(harness, ['admin']);
    sink.failNext(451);
    const retried = await appeal(slug);
    await harness.services.outbox.drain();
    const [afterRetry] = await rowsFor(retried.requestId);
    expect(afterRetry).toMatchObject({ status: 'sent', attempts: 2 });

    sink.failNext(550);
    const refused = await appeal(slug);
    await harness.services.outbox.drain();
    const [failed] = await rowsFor(refused.requestId);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    expect(delivered(refused.email)).toBe(false);

    const list = await staff.request({ method: 'GET', url: '/api/staff/outbox?status=failed' });
    expect(list.statusCode).toBe(200);
    const items = list.json<{ items: { id: string; lastError: string }[] }>().items;
    expect(items.map((item) => item.id)).toEqual([failed?.id]);
    expect(items[0]?.lastError).toContain('550');

    const retry = await staff.request({ method: 'POST', url: `/api/staff/outbox/${failed?.id}/retry` });
    expect(retry.statusCode).toBe(204);
    await harness.services.outbox.drain();
    expect(delivered(refused.email)).toBe(true);
    const again = await staff.request({ method: 'POST', url: `/api/staff/outbox/${failed?.id}/retry` });
    expect(again.statusCode).toBe(404);
  });

  it('never repeats a send cut off by a crash: it waits as uncertain for a person', async () => {
    const { slug } = await agencyWithStaff(harness, ['admin']);
    const { email, requestId } = await appeal(slug);
    // What a node that died between claiming and finishing leaves behind: a lapsed lease.
    await harness.services.database.db
      .update(outboundMessages)
      .set({ status: 'sending', attempts: 1, leaseUntil: new Date(Date.now() - 1000) })
      .where(eq(outboundMessages.requestId, requestId));
    await harness.services.outbox.drain();
    const [row] = await rowsFor(requestId);
    expect(row?.status).toBe('uncertain');
    expect(delivered(email)).toBe(false);
  });

  it('answers a channel request along its reply route, in the thread it came from, once', async () => {
    const { slug } = await agencyWithStaff(harness, ['admin']);
    const agencyId = (await harness.services.agencies.findBySlug(slug))?.id as string;
    const email = uniqueEmail('writer');
    const input = {
      kind: 'appeal' as const,
      channel: 'email' as const,
      text: 'Прошу ответить на письмо',
      name: 'Анна Смирнова',
      email,
      phone: null,
      notifyByEmail: true,
      externalId: '<first-letter@mail.example>',
      replyRoute: {
        network: 'email' as const,
        accountId: null,
        recipient: email,
        thread: { inReplyTo: '<first-letter@mail.example>' },
      },
    };
    const first = await harness.services.requests.registerFromChannel(agencyId, input);
    const again = await harness.services.requests.registerFromChannel(agencyId, input);
    expect(again).toMatchObject({ created: false, row: { id: first.row.id } });

    await harness.services.outbox.drain();
    const mails = sink.received.filter((m) => m.to && !Array.isArray(m.to) && m.to.text === email);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.inReplyTo).toBe('<first-letter@mail.example>');
    expect(mails[0]?.subject).toContain(first.row.number);
  });

  it("keeps each agency's outbox to itself", async () => {
    const a = await agencyWithStaff(harness, ['admin']);
    const b = await agencyWithStaff(harness, ['admin']);
    sink.failNext(550);
    const { requestId } = await appeal(a.slug);
    await harness.services.outbox.drain();
    const [row] = await rowsFor(requestId);
    const asB = await b.staff.request({ method: 'GET', url: '/api/staff/outbox' });
    expect(asB.json<{ total: number }>().total).toBe(0);
    const retryAsB = await b.staff.request({ method: 'POST', url: `/api/staff/outbox/${row?.id}/retry` });
    expect(retryAsB.statusCode).toBe(404);
    const [unchanged] = await rowsFor(requestId);
    expect(unchanged?.status).toBe('failed');
  });
});
