import type { ParsedMail } from 'mailparser';
import { expect } from 'vitest';
import { type CampaignTransport, createCampaignTransport } from '../modules/mailings/campaign-mail.js';
import { agencyWithStaff, createHarness, type Harness, type StaffClient } from './harness.js';
import { addressOf, subscribe } from './mailings.js';
import { type SmtpSink, startSmtpSink } from './smtp-sink.js';

/** A harness whose outgoing mail (confirmations and mailings) goes to a real SMTP sink over TCP. */
export async function harnessWithSink(env: Record<string, string> = {}, sinkOptions = {}) {
  const sink = await startSmtpSink(sinkOptions);
  const harness = await createHarness({
    SMTP_URL: sink.url,
    SUBSCRIBE_RATE_PER_MINUTE: '100000',
    MAILING_RETRY_BASE_MS: '0',
    ...env,
  });
  return { sink, harness };
}

export const mailsTo = (sink: SmtpSink, email: string): ParsedMail[] =>
  sink.received.filter((mail) => addressOf(mail) === email);

/** Subscribes through the portal API and follows the link from the e-mail the sink received. */
export async function subscribeAndConfirm(
  harness: Harness,
  sink: SmtpSink,
  slug: string,
  email: string,
  topics?: string[],
) {
  const response = await subscribe(harness, slug, { email, ...(topics ? { topics } : {}) });
  expect(response.statusCode, response.body).toBe(202);
  await harness.services.outbox.drain();
  const text = mailsTo(sink, email).at(-1)?.text ?? '';
  const token = /\/subscribe\/confirm\?token=([A-Za-z0-9_-]+)/.exec(text)?.[1];
  expect(token, `confirmation link for ${email}`).toBeTruthy();
  const confirmed = await harness.app.inject({
    method: 'POST',
    url: `/api/public/${slug}/subscriptions/confirm`,
    payload: { token },
  });
  expect(confirmed.statusCode, confirmed.body).toBe(200);
}

export async function topicIds(staff: StaffClient): Promise<string[]> {
  return (await staff.request({ url: '/api/staff/mailings/topics' })).json().map((t: { id: string }) => t.id);
}

/** A draft campaign to the given topics (all of them by default). */
export async function draftCampaign(staff: StaffClient, payload: Record<string, unknown> = {}) {
  const response = await staff.request({
    method: 'POST',
    url: '/api/staff/mailings/campaigns',
    payload: {
      subject: 'Изменения в графике приёма',
      html: '<p>С 1 декабря приём ведётся <strong>по записи</strong>.</p>',
      text: 'С 1 декабря приём ведётся по записи.',
      topicIds: await topicIds(staff),
      ...payload,
    },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; html: string };
}

export async function sendNow(staff: StaffClient, id: string) {
  const response = await staff.request({
    method: 'POST',
    url: `/api/staff/mailings/campaigns/${id}/send`,
    payload: {},
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

/** An agency with staff and confirmed subscribers, on a harness sending to a sink. */
export async function agencyWithSubscribers(harness: Harness, sink: SmtpSink, emails: string[]) {
  const agency = await agencyWithStaff(harness);
  for (const email of emails) await subscribeAndConfirm(harness, sink, agency.slug, email);
  return agency;
}

export const smtpTo = (sink: SmtpSink) =>
  createCampaignTransport({ smtpUrl: sink.url, outboxDir: '/nonexistent', connections: 2 });

/** Another node's campaign sender on the harness's database, sending through `transport`. */
export const senderOptions = ({ services, config }: Harness, transport: CampaignTransport) => ({
  db: services.database.db,
  agencies: services.agencies,
  subscriptions: services.subscriptions,
  tracking: services.mailingTracking,
  transport,
  publicUrl: config.publicUrl,
  from: config.mailFrom,
  ratePerMinute: 1000,
  batchSize: 3,
  workers: 4,
  checkGroup: 2,
  maxAttempts: 3,
  retryBaseMs: 0,
});
