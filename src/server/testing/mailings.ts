import type { ParsedMail } from 'mailparser';
import { expect } from 'vitest';
import type { Harness } from './harness.js';

/** The confirmation link of the last subscription e-mail sent to `email`, via the outbox. */
export async function confirmationToken(harness: Harness, email: string): Promise<string> {
  const mails = (await harness.outboxMails()).filter((mail) => addressOf(mail) === email);
  const text = mails.at(-1)?.text ?? '';
  const match = /\/subscribe\/confirm\?token=([A-Za-z0-9_-]+)/.exec(text);
  if (!match?.[1]) throw new Error(`no confirmation link for ${email}`);
  return match[1];
}

export const addressOf = (mail: ParsedMail) => (mail.to && !Array.isArray(mail.to) ? mail.to.text : '');

export function subscribe(harness: Harness, slug: string, payload: Record<string, unknown>, ip = '10.0.0.1') {
  return harness.app.inject({
    method: 'POST',
    url: `/api/public/${slug}/subscriptions`,
    remoteAddress: ip,
    payload: { consent: true, sourcePage: `/${slug}/subscribe`, ...payload },
  });
}

/** Subscribes and follows the confirmation link: an active subscriber of every topic (or `topics`). */
export async function confirmedSubscriber(harness: Harness, slug: string, email: string, topics?: string[]) {
  const response = await subscribe(harness, slug, { email, ...(topics ? { topics } : {}) });
  expect(response.statusCode, response.body).toBe(202);
  const token = await confirmationToken(harness, email);
  const confirmed = await harness.app.inject({
    method: 'POST',
    url: `/api/public/${slug}/subscriptions/confirm`,
    payload: { token },
  });
  expect(confirmed.statusCode, confirmed.body).toBe(200);
}
