import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestsOf, sendCode, smtpClient } from '../../testing/email-kit.js';
import type { Harness, StaffClient } from '../../testing/harness.js';
import { uniqueEmail } from '../../testing/harness.js';
import {
  agencyWithSubscribers,
  draftCampaign,
  harnessWithSink,
  mailsTo,
  sendNow,
} from '../../testing/mailings-sink.js';
import type { SmtpSink } from '../../testing/smtp-sink.js';
import { insertTouchpoints } from '../agencies/repo.js';
import { startSmtpListener } from '../channels/email-listener.js';

let harness: Harness;
let sink: SmtpSink;
let listener: Awaited<ReturnType<typeof startSmtpListener>>;
let smtp: ReturnType<typeof smtpClient>;
beforeAll(async () => {
  ({ harness, sink } = await harnessWithSink({ MAILING_CONCURRENCY: '1' }));
  listener = await startSmtpListener(harness.services, { port: 0, host: '127.0.0.1', maxBytes: 1_048_576 });
  smtp = smtpClient(listener.port);
});
afterAll(async () => {
  smtp.close();
  await listener.close();
  await harness.close();
  await sink.close();
});

const BOUNCES = 'no-reply@otklik.local';

/** An RFC 3464 report as a receiving MTA writes it, quoting the original's headers. */
function dsn(recipient: string, originalId: string, action = 'failed', status = '5.1.1') {
  return [
    'From: Mail Delivery System <MAILER-DAEMON@mx.citizen.test>',
    `To: ${BOUNCES}`,
    'Subject: Undelivered Mail Returned to Sender',
    `Message-ID: <dsn-${Math.random().toString(36).slice(2)}@mx.citizen.test>`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="dsn"',
    '',
    '--dsn',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Your message could not be delivered.',
    '--dsn',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.citizen.test',
    '',
    `Final-Recipient: rfc822; ${recipient}`,
    `Action: ${action}`,
    `Status: ${status}`,
    `Diagnostic-Code: smtp; 550 ${status} User unknown`,
    '',
    '--dsn',
    'Content-Type: text/rfc822-headers',
    '',
    `Message-ID: ${originalId}`,
    `To: ${recipient}`,
    'Subject: =?UTF-8?B?0J3QvtCy0L7RgdGC0Lg=?=',
    '--dsn--',
    '',
  ].join('\r\n');
}

/** An RFC 5965 feedback report; the original goes base64-encoded, as some providers send it. */
function arf(recipient: string, originalId: string, to: string) {
  const original = Buffer.from(
    [`Message-ID: ${originalId}`, `To: ${recipient}`, 'Subject: Новости', '', 'Текст рассылки'].join('\r\n'),
  ).toString('base64');
  return [
    'From: Feedback Loop <fbl@provider.test>',
    `To: ${to}`,
    'Subject: Complaint about message',
    `Message-ID: <arf-${Math.random().toString(36).slice(2)}@provider.test>`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=feedback-report; boundary="arf"',
    '',
    '--arf',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'This is an email abuse report for an email message received from IP 127.0.0.1.',
    '--arf',
    'Content-Type: message/feedback-report',
    '',
    'Feedback-Type: abuse',
    'User-Agent: ProviderFBL/1.0',
    'Version: 1',
    `Original-Rcpt-To: ${recipient}`,
    '',
    '--arf',
    'Content-Type: message/rfc822',
    'Content-Transfer-Encoding: base64',
    '',
    original,
    '--arf--',
    '',
  ].join('\r\n');
}

async function subscriberOf(staff: StaffClient, email: string) {
  const list = (await staff.request({ url: `/api/staff/mailings/subscribers?q=${email}` })).json();
  return list.items[0] as { id: string; status: string; bouncedAt: string | null };
}

const ledgerOf = async (staff: StaffClient, id: string) =>
  (await staff.request({ url: `/api/staff/mailings/subscribers/${id}/consents` })).json() as {
    event: string;
    method: string;
  }[];

/** A sent campaign to the given addresses; returns the Message-ID each of them got. */
async function sentCampaign(emails: string[], subject: string) {
  const agency = await agencyWithSubscribers(harness, sink, emails);
  const found = await harness.services.agencies.findBySlug(agency.slug);
  const inbound = `priem@${agency.slug}.test`;
  await insertTouchpoints(harness.services.database.db, found?.id as string, [
    { kind: 'email', mode: 'digital', title: 'Приёмная', value: inbound, isPublic: true, sortOrder: 0 },
  ]);
  const campaign = await draftCampaign(agency.staff, { subject });
  await sendNow(agency.staff, campaign.id);
  await harness.services.campaignSender.drain();
  const ids = emails.map((email) => {
    const [mail] = mailsTo(sink, email).filter((m) => m.subject === subject);
    expect(mail?.messageId, email).toMatch(/^<mailing-\d+\./);
    return mail?.messageId as string;
  });
  const progress = async () =>
    (await agency.staff.request({ url: `/api/staff/mailings/campaigns/${campaign.id}` })).json().progress;
  return { ...agency, agencyId: found?.id as string, inbound, ids, progress };
}

describe('bounces and complaints that come back later by e-mail (issue 9 p. 5)', () => {
  it('a DSN marks the address undeliverable, an ARF complaint revokes consent; counted, never requests', async () => {
    const [bounced, complained, fine] = ['b', 'c', 'f'].map((p) => `${p}${uniqueEmail('fb')}`) as [
      string,
      string,
      string,
    ];
    const sent = await sentCampaign([bounced, complained, fine], 'Новости с отзывами');
    const [bouncedId, complainedId] = sent.ids as [string, string];

    const toBounces = { from: '', to: [BOUNCES] };
    expect(await sendCode(smtp, { envelope: toBounces, raw: dsn(bounced, bouncedId) })).toBe(250);
    const toAgency = { from: 'fbl@provider.test', to: [sent.inbound] };
    expect(
      await sendCode(smtp, { envelope: toAgency, raw: arf(complained, complainedId, sent.inbound) }),
    ).toBe(250);
    // Providers resend reports; the second copy changes nothing.
    expect(
      await sendCode(smtp, { envelope: toAgency, raw: arf(complained, complainedId, sent.inbound) }),
    ).toBe(250);
    expect(await sendCode(smtp, { envelope: toBounces, raw: dsn(bounced, bouncedId) })).toBe(250);

    const b = await subscriberOf(sent.staff, bounced);
    expect(b.status).toBe('revoked');
    expect(b.bouncedAt).not.toBeNull();
    expect((await ledgerOf(sent.staff, b.id)).filter((e) => e.event === 'revoked')).toEqual([
      expect.objectContaining({ method: 'bounce' }),
    ]);
    const c = await subscriberOf(sent.staff, complained);
    expect(c.status).toBe('revoked');
    expect(c.bouncedAt).toBeNull();
    expect((await ledgerOf(sent.staff, c.id)).filter((e) => e.event === 'revoked')).toEqual([
      expect.objectContaining({ method: 'complaint' }),
    ]);
    expect((await subscriberOf(sent.staff, fine)).status).toBe('active');
    expect(await sent.progress()).toMatchObject({ sent: 3, bounced: 1, complaints: 1, unsubscribed: 0 });
    expect(await requestsOf(harness, sent.agencyId)).toHaveLength(0);

    const ledger = await sent.staff.request({ url: '/api/staff/mailings/consents/export.xlsx' });
    expect(ledger.statusCode).toBe(200);
  });

  it('ignores delays, forged or foreign Message-IDs, and reports about nothing of ours', async () => {
    const [target, other] = ['t', 'o'].map((p) => `${p}${uniqueEmail('forge')}`) as [string, string];
    const sent = await sentCampaign([target, other], 'Новости без отказов');
    const [targetId, otherId] = sent.ids as [string, string];
    const row = /^<mailing-(\d+)\./.exec(targetId)?.[1];
    const otherToken = /^<mailing-\d+\.([^@]+)@/.exec(otherId)?.[1];
    const forged = [
      // Right row, the token of another subscriber: a report cannot name somebody else.
      `<mailing-${row}.${otherToken}@otklik.local>`,
      `<mailing-${row}.${'A'.repeat(75)}@otklik.local>`,
      `<mailing-99999999999.${otherToken}@otklik.local>`,
      '<mailing-../../etc@otklik.local>',
    ];
    const toBounces = { from: '', to: [BOUNCES] };
    for (const id of forged) {
      expect(await sendCode(smtp, { envelope: toBounces, raw: dsn(target, id) })).toBe(250);
      const complaint = { from: 'fbl@provider.test', to: [sent.inbound] };
      expect(await sendCode(smtp, { envelope: complaint, raw: arf(target, id, sent.inbound) })).toBe(250);
    }
    // A delay notice (RFC 3464 Action: delayed, 4.x.x) is not a bounce.
    expect(
      await sendCode(smtp, { envelope: toBounces, raw: dsn(target, targetId, 'delayed', '4.4.1') }),
    ).toBe(250);

    expect((await subscriberOf(sent.staff, target)).status).toBe('active');
    expect((await subscriberOf(sent.staff, other)).status).toBe('active');
    expect(await sent.progress()).toMatchObject({ sent: 2, bounced: 0, complaints: 0 });
    expect(await requestsOf(harness, sent.agencyId)).toHaveLength(0);
  });
});
