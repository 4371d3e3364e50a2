import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from '../../testing/harness.js';
import { uniqueEmail } from '../../testing/harness.js';
import {
  agencyWithSubscribers,
  draftCampaign,
  harnessWithSink,
  mailsTo,
  senderOptions,
  sendNow,
  smtpTo,
  topicIds,
} from '../../testing/mailings-sink.js';
import type { SmtpSink } from '../../testing/smtp-sink.js';
import { expectTenantIsolation } from '../../testing/tenancy.js';
import { createCampaignSender } from './sender.js';

let harness: Harness;
let sink: SmtpSink;
beforeAll(async () => {
  ({ harness, sink } = await harnessWithSink({ MAILING_CONCURRENCY: '1' }));
});
afterAll(async () => {
  await harness.close();
  await sink.close();
});

/** A header as it was written on the wire (mailparser folds List-* headers into one object). */
const headerOf = (mail: ParsedMail | undefined, key: string) =>
  mail?.headerLines.find((line) => line.key === key)?.line.replace(/^[^:]+:\s*/, '') ?? '';

const campaignMails = (email: string, subject: string) =>
  mailsTo(sink, email).filter((mail) => mail.subject === subject);

describe('a campaign journey over SMTP (seed 004 p. 12–15)', () => {
  it('carries the unsubscribe link and headers; one click revokes; the next campaign skips the address', async () => {
    const leaving = uniqueEmail('leaving');
    const staying = uniqueEmail('staying');
    const { slug, staff } = await agencyWithSubscribers(harness, sink, [leaving, staying]);
    const campaign = await draftCampaign(staff, {
      subject: 'Новости ведомства: ноябрь',
      html: '<p>Текст</p><img src="https://tracker.example/p.gif"><script>alert(1)</script>',
    });
    expect(campaign.html).toBe('<p>Текст</p>');
    await sendNow(staff, campaign.id);
    await harness.services.campaignSender.drain();

    const [mail] = campaignMails(leaving, 'Новости ведомства: ноябрь');
    expect(mail).toBeDefined();
    const url = /^<(http[^>]+)>$/.exec(headerOf(mail, 'list-unsubscribe'))?.[1] ?? '';
    expect(url).toMatch(new RegExp(`^${harness.config.publicUrl}/${slug}/unsubscribe/[A-Za-z0-9_-]{60,}$`));
    expect(headerOf(mail, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(mail?.html).toContain(`href="${url}"`);
    expect(mail?.html).not.toMatch(/<img|<script/i);
    expect(mail?.text).toContain(url);
    expect(campaignMails(staying, 'Новости ведомства: ноябрь')).toHaveLength(1);

    // A GET (a mail scanner following the link) only describes; it revokes nothing.
    const path = new URL(url).pathname;
    const described = await harness.app.inject({ url: `/api/public${path}` });
    expect(described.json()).toMatchObject({ email: leaving, subscribed: true });

    // RFC 8058: the mail client POSTs the form body to the header's URL, without any login.
    const oneClick = await harness.app.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.statusCode, oneClick.body).toBe(200);
    expect((await harness.app.inject({ url: `/api/public${path}` })).json().subscribed).toBe(false);
    const first = (await staff.request({ url: `/api/staff/mailings/campaigns/${campaign.id}` })).json();
    expect(first.progress).toMatchObject({ sent: 2, unsubscribed: 1, bounced: 0 });

    const next = await draftCampaign(staff, { subject: 'Новости ведомства: декабрь' });
    await sendNow(staff, next.id);
    await harness.services.campaignSender.drain();
    expect(campaignMails(staying, 'Новости ведомства: декабрь')).toHaveLength(1);
    expect(campaignMails(leaving, 'Новости ведомства: декабрь')).toHaveLength(0);

    const list = await staff.request({ url: `/api/staff/mailings/subscribers?q=${leaving}` });
    const id = list.json().items[0].id;
    const ledger = (await staff.request({ url: `/api/staff/mailings/subscribers/${id}/consents` })).json();
    expect(ledger.at(-1)).toMatchObject({ event: 'revoked', method: 'list_unsubscribe_post' });
  });

  it('answers 404 to a forged token, a tampered one and one used under another agency', async () => {
    const email = uniqueEmail();
    const a = await agencyWithSubscribers(harness, sink, [email]);
    const other = await agencyWithSubscribers(harness, sink, []);
    const campaign = await draftCampaign(a.staff, { subject: 'Проверка ссылок' });
    await sendNow(a.staff, campaign.id);
    await harness.services.campaignSender.drain();
    const header = headerOf(campaignMails(email, 'Проверка ссылок')[0], 'list-unsubscribe');
    const token = /unsubscribe\/([A-Za-z0-9_-]+)>/.exec(header)?.[1] ?? '';
    expect(token).not.toBe('');
    const tampered = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    for (const url of [
      `/${a.slug}/unsubscribe/${'x'.repeat(64)}`,
      `/${a.slug}/unsubscribe/${tampered}`,
      `/${other.slug}/unsubscribe/${token}`,
    ]) {
      const response = await harness.app.inject({ method: 'POST', url, payload: {} });
      expect(response.statusCode, url).toBe(404);
      expect(response.json().message).toMatch(/недействительна/);
    }
    const still = await harness.app.inject({ url: `/api/public/${a.slug}/unsubscribe/${token}` });
    expect(still.json().subscribed).toBe(true);
  });
});

describe('send-time exclusion (seed 004 p. 12)', () => {
  it('gives nothing more to an address revoked while the campaign is being sent', async () => {
    const subject = 'Рассылка с отзывом на ходу';
    // Runs inside the sink before it answers 250 to the first e-mail: the revocation lands after
    // the recipients were listed and the first group of two was checked, and before the second
    // group's check — the e-mails of that group must honour it.
    let revokeMidway: (() => Promise<void>) | null = null;
    const own = await harnessWithSink(
      {},
      {
        onReceived: async (mail: ParsedMail) => {
          if (mail.subject !== subject || !revokeMidway) return;
          const revoke = revokeMidway;
          revokeMidway = null;
          await revoke();
        },
      },
    );
    try {
      const [first, second, revoked, last] = ['a', 'b', 'c', 'd'].map(
        (p) => `${p}${uniqueEmail('order')}`,
      ) as [string, string, string, string];
      const { staff } = await agencyWithSubscribers(own.harness, own.sink, [first, second, revoked, last]);
      const list = (await staff.request({ url: '/api/staff/mailings/subscribers?pageSize=10' })).json();
      const revokedId = list.items.find((s: { email: string }) => s.email === revoked).id;
      const campaign = await draftCampaign(staff, { subject });
      expect((await sendNow(staff, campaign.id)).progress.total).toBe(4);
      revokeMidway = async () => {
        const response = await staff.request({
          method: 'POST',
          url: `/api/staff/mailings/subscribers/${revokedId}/revoke`,
        });
        expect(response.statusCode).toBe(200);
      };
      // One worker, so the second group is checked only after the first group has been sent.
      const transport = smtpTo(own.sink);
      const sender = createCampaignSender({
        ...senderOptions(own.harness, transport),
        batchSize: 50,
        workers: 1,
        checkGroup: 2,
      });
      await sender.drain();
      await sender.stop();

      const got = (email: string) => mailsTo(own.sink, email).filter((mail) => mail.subject === subject);
      expect(revokeMidway).toBeNull();
      expect(got(first)).toHaveLength(1);
      expect(got(second)).toHaveLength(1);
      expect(got(revoked)).toHaveLength(0);
      expect(got(last)).toHaveLength(1);
      const detail = (await staff.request({ url: `/api/staff/mailings/campaigns/${campaign.id}` })).json();
      expect(detail.status).toBe('sent');
      expect(detail.progress).toMatchObject({ total: 4, sent: 3, skipped: 1, remaining: 0, failed: 0 });
    } finally {
      await own.harness.close();
      await own.sink.close();
    }
  }, 120_000);
});

describe('campaign input and access', () => {
  it('refuses header injection, a 5 MB body and unknown topics with Russian messages', async () => {
    const { staff } = await agencyWithSubscribers(harness, sink, []);
    const valid = { subject: 'Тема', html: '<p>Текст</p>', text: 'Текст', topicIds: await topicIds(staff) };
    const cases: [Record<string, unknown>, string][] = [
      [{ subject: 'Новости\r\nBcc: all@example.com' }, 'body.subject'],
      [{ fromName: 'Ведомство\nReply-To: evil@example.com' }, 'body.fromName'],
      [{ topicIds: ['00000000-0000-4000-8000-000000000000'] }, 'body.topicIds'],
      [{ html: '<script>alert(1)</script>' }, 'body.html'],
    ];
    for (const [payload, field] of cases) {
      const response = await staff.request({
        method: 'POST',
        url: '/api/staff/mailings/campaigns',
        payload: { ...valid, ...payload },
      });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().field, JSON.stringify(payload)).toBe(field);
      expect(response.json().message).toMatch(/[а-яё]/i);
    }
    const huge = await staff.request({
      method: 'POST',
      url: '/api/staff/mailings/campaigns',
      payload: { ...valid, html: `<p>${'я'.repeat(5 * 1024 * 1024)}</p>` },
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().message).toMatch(/слишком большое/);
  });

  it('test-sends to the staff member only, with the subject marked', async () => {
    const subscriber = uniqueEmail();
    const { staff, email } = await agencyWithSubscribers(harness, sink, [subscriber]);
    const campaign = await draftCampaign(staff, { subject: 'Черновик для проверки' });
    const response = await staff.request({
      method: 'POST',
      url: `/api/staff/mailings/campaigns/${campaign.id}/test`,
    });
    expect(response.json()).toEqual({ to: email });
    expect(mailsTo(sink, email).map((mail) => mail.subject)).toEqual(['[Проверка] Черновик для проверки']);
    expect(mailsTo(sink, subscriber).filter((mail) => mail.subject?.includes('Черновик'))).toHaveLength(0);
  });

  it("keeps an agency's campaigns from another agency's staff", async () => {
    await expectTenantIsolation(harness, {
      create: async (staffOfA) => (await draftCampaign(staffOfA)).id,
      requests: (id) => [
        { method: 'GET', url: `/api/staff/mailings/campaigns/${id}` },
        { method: 'POST', url: `/api/staff/mailings/campaigns/${id}/send`, payload: {} },
        { method: 'POST', url: `/api/staff/mailings/campaigns/${id}/test` },
        { method: 'POST', url: `/api/staff/mailings/campaigns/${id}/cancel` },
      ],
      lists: ['/api/staff/mailings/campaigns'],
    });
  });
});
