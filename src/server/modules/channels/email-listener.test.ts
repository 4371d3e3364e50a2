import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventsOf, filesOf, mailAgency, requestsOf, sendCode, smtpClient } from '../../testing/email-kit.js';
import { createHarness, type Harness, uniqueEmail } from '../../testing/harness.js';
import { rowsOf } from '../../testing/surveys.js';
import { contactIndex } from '../clients/repo.js';
import { clientContacts } from '../clients/schema.js';
import { startSmtpListener } from './email-listener.js';
import { outboundMessages } from './schema.js';

const MAX_BYTES = 2 * 1_048_576;
const id = () => `<${Math.random().toString(36).slice(2)}@client.test>`;

describe('inbound e-mail over SMTP', () => {
  let harness: Harness;
  let listener: Awaited<ReturnType<typeof startSmtpListener>>;
  let smtp: ReturnType<typeof smtpClient>;

  beforeAll(async () => {
    harness = await createHarness({ ATTACHMENT_MAX_BYTES: '4096', ATTACHMENT_MAX_COUNT: '3' });
    listener = await startSmtpListener(harness.services, { port: 0, host: '127.0.0.1', maxBytes: MAX_BYTES });
    smtp = smtpClient(listener.port);
  });
  afterAll(async () => {
    await listener.close();
    await harness.close();
  });

  const letter = (to: string, extra: Record<string, unknown> = {}) => ({
    from: `Анна Смирнова <${uniqueEmail('anna')}>`,
    to,
    subject: 'Разрушается фасад',
    text: 'Прошу проверить состояние здания на улице Ленина, 5.',
    messageId: id(),
    ...extra,
  });

  it('routes a letter by recipient to the agency listing that address, and acknowledges it threaded', async () => {
    const a = await mailAgency(harness);
    const b = await mailAgency(harness);
    const mail = letter(a.address);
    expect(await sendCode(smtp, mail)).toBe(250);

    const [request] = await requestsOf(harness, a.agency.id);
    expect(request?.channel).toBe('email');
    expect(request?.text).toContain('улице Ленина');
    expect(request?.contactName).toBe('Анна Смирнова');
    expect(request?.contactEmail).toBe(/<(.+)>/.exec(mail.from)?.[1]);
    expect(await requestsOf(harness, b.agency.id)).toHaveLength(0);

    const ack = (await harness.outboxMails()).find((m) => m.inReplyTo === mail.messageId);
    expect(ack?.subject).toContain(`№ ${request?.number}`);
    expect(ack?.references).toContain(mail.messageId);
    expect(ack?.text).toContain(request?.trackingCode);
  });

  it('refuses an unknown recipient at RCPT with 550', async () => {
    expect(await sendCode(smtp, letter('nobody@unknown.test'))).toBe(550);
  });

  it('refuses a 30 MB letter with 552 and stores nothing', async () => {
    const a = await mailAgency(harness);
    const big = Buffer.alloc(30 * 1_048_576, 'a');
    const code = await sendCode(
      smtp,
      letter(a.address, { attachments: [{ filename: 'scan.txt', content: big }] }),
    );
    expect(code).toBe(552);
    expect(await requestsOf(harness, a.agency.id)).toHaveLength(0);
    expect(() => readdirSync(join(harness.config.dataDir, 'attachments', a.agency.id))).toThrow();
  }, 60_000);

  it('keeps the readable text of malformed MIME and refuses a letter with nothing readable', async () => {
    const a = await mailAgency(harness);
    const broken = [
      'From: Пётр <petr@client.test>',
      `To: ${a.address}`,
      'Subject: =?utf-8?B?broken',
      'Message-ID: <broken-1@client.test>',
      'Content-Type: multipart/mixed',
      '',
      '--nowhere',
      'Content-Transfer-Encoding: base64',
      '',
      'Прошу ответить про ремонт крыши \u0000 дома',
    ].join('\r\n');
    const envelope = { from: 'petr@client.test', to: [a.address] };
    expect(await sendCode(smtp, { envelope, raw: broken })).toBe(250);
    const [request] = await requestsOf(harness, a.agency.id);
    expect(request?.text).toContain('ремонт крыши');
    expect(request?.text).not.toContain('\u0000');

    const garbage = `From: x@client.test\r\nMessage-ID: <garbage@client.test>\r\n\r\n${'\u0001\u0002 .;'.repeat(50)}`;
    expect(await sendCode(smtp, { envelope, raw: garbage })).toBe(554);
    expect(await requestsOf(harness, a.agency.id)).toHaveLength(1);
  });

  it('makes one request of a letter delivered twice with the same Message-ID', async () => {
    const a = await mailAgency(harness);
    const mail = letter(a.address);
    expect(await sendCode(smtp, mail)).toBe(250);
    expect(await sendCode(smtp, mail)).toBe(250);
    expect(await requestsOf(harness, a.agency.id)).toHaveLength(1);
  });

  it('joins replies to the request: by In-Reply-To of our e-mail and by the number in the subject', async () => {
    const a = await mailAgency(harness);
    const mail = letter(a.address);
    expect(await sendCode(smtp, mail)).toBe(250);
    const [request] = await requestsOf(harness, a.agency.id);
    const ack = (await harness.outboxMails()).find((m) => m.inReplyTo === mail.messageId);
    expect(ack?.messageId).toBeTruthy();

    const threaded = {
      ...letter(a.address),
      from: mail.from,
      subject: `Re: ${ack?.subject}`.replace(/№ \S+/, ''),
      text: 'Дополняю: трещина расширилась.',
      inReplyTo: ack?.messageId,
      references: [mail.messageId, ack?.messageId as string],
      attachments: [{ filename: 'фото.txt', content: 'описание трещины' }],
    };
    expect(await sendCode(smtp, threaded)).toBe(250);
    expect(await sendCode(smtp, threaded)).toBe(250);
    const bySubject = {
      ...letter(a.address),
      from: mail.from,
      subject: `Дополнение к обращению № ${request?.number}`,
      text: 'Ещё одно дополнение.',
    };
    expect(await sendCode(smtp, bySubject)).toBe(250);

    expect(await requestsOf(harness, a.agency.id)).toHaveLength(1);
    const notes = (await eventsOf(harness, request?.id as string)).map((e) => e.note ?? '');
    expect(notes.filter((n) => n.includes('трещина расширилась'))).toHaveLength(1);
    expect(notes.some((n) => n.includes('Ещё одно дополнение'))).toBe(true);
    expect((await requestsOf(harness, a.agency.id))[0]?.status).toBe(request?.status);
    const files = await filesOf(harness, request?.id as string);
    expect(files.map((f) => [f.originalName, f.kind])).toEqual([['фото.txt', 'incoming']]);
  });

  it('keeps allowed attachments and drops over-limit and forbidden ones with a note', async () => {
    const a = await mailAgency(harness);
    const mail = letter(a.address, {
      attachments: [
        { filename: 'заявление.txt', content: 'Текст заявления' },
        { filename: 'большой.txt', content: 'x'.repeat(5000) },
        { filename: 'setup.exe', content: Buffer.from('MZ\x90\x00\x03\x00\x00\x00binary') },
      ],
    });
    expect(await sendCode(smtp, mail)).toBe(250);
    const [request] = await requestsOf(harness, a.agency.id);
    const files = await filesOf(harness, request?.id as string);
    expect(files.map((f) => f.originalName)).toEqual(['заявление.txt']);
    const notes = (await eventsOf(harness, request?.id as string)).filter((e) => !e.isPublic);
    expect(notes.map((e) => e.note).join('\n')).toMatch(/«большой\.txt» не сохранён.*больше/);
    expect(notes.map((e) => e.note).join('\n')).toMatch(/«setup\.exe» не сохранён/);
  });

  it('marks our message failed and the address unreachable on a bounce, creating no request, the quoted address sealed', async () => {
    const a = await mailAgency(harness);
    const mail = letter(a.address);
    const client = /<(.+)>/.exec(mail.from)?.[1] as string;
    expect(await sendCode(smtp, mail)).toBe(250);
    const ack = (await harness.outboxMails()).find((m) => m.inReplyTo === mail.messageId);
    const dsn = [
      'From: Mail Delivery System <MAILER-DAEMON@mx.client.test>',
      'To: no-reply@otklik.local',
      'Subject: Undelivered Mail Returned to Sender',
      'Message-ID: <dsn-1@mx.client.test>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain',
      '',
      'Your message could not be delivered.',
      '--b1',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.client.test',
      '',
      `Final-Recipient: rfc822; ${client}`,
      'Action: failed',
      'Status: 5.1.1',
      `Diagnostic-Code: smtp; 550 5.1.1 <${client}>: User unknown`,
      '',
      '--b1',
      'Content-Type: message/rfc822',
      '',
      `Message-ID: ${ack?.messageId}`,
      `To: ${client}`,
      'Subject: ack',
      '',
      'text',
      '--b1--',
      '',
    ].join('\r\n');
    const envelope = { from: 'MAILER-DAEMON@mx.client.test', to: ['no-reply@otklik.local'] };
    expect(await sendCode(smtp, { envelope, raw: dsn })).toBe(250);
    expect(await sendCode(smtp, { envelope, raw: dsn })).toBe(250);

    const { db } = harness.services.database;
    const [sent] = await db
      .select()
      .from(outboundMessages)
      .where(eq(outboundMessages.externalId, ack?.messageId as string));
    expect(sent?.status).toBe('failed');
    expect(sent?.lastError).toContain(`<${client}>: User unknown`);
    const [contact] = await db
      .select()
      .from(clientContacts)
      .where(
        and(eq(clientContacts.agencyId, a.agency.id), eq(clientContacts.valueIndex, contactIndex(client))),
      );
    expect(contact?.bouncedAt).toBeInstanceOf(Date);
    const card = await a.staff.request({ method: 'GET', url: `/api/staff/clients/${contact?.clientId}` });
    const shown = card.json<{ contacts: { value: string; bouncedAt: string; bounceReason: string }[] }>();
    expect(shown.contacts.find((c) => c.value === client)?.bounceReason).toContain(
      `<${client}>: User unknown`,
    );
    // The receiving server quoted the address: at rest it is only in sealed columns.
    const [stored] = await rowsOf<{ last_error: string; bounce_reason: string }>(
      harness,
      sql`select o.last_error, cc.bounce_reason from outbound_messages o, client_contacts cc
          where o.external_id = ${ack?.messageId} and cc.id = ${contact?.id}`,
    );
    expect(stored?.last_error).toMatch(/^f1:[0-9a-f]{8}:[\w-]+$/);
    expect(stored?.bounce_reason).toMatch(/^f1:[0-9a-f]{8}:[\w-]+$/);
    const other = await mailAgency(harness);
    const foreign = await other.staff.request({
      method: 'GET',
      url: `/api/staff/clients/${contact?.clientId}`,
    });
    expect(foreign.statusCode).toBe(404);
    const requests = await requestsOf(harness, a.agency.id);
    expect(requests).toHaveLength(1);
    const notes = (await eventsOf(harness, requests[0]?.id as string)).filter((e) =>
      e.note?.includes('не доставлено'),
    );
    expect(notes).toHaveLength(1);
    expect(notes[0]?.note).toBe(
      'Письмо на адрес получателя не доставлено — адрес недоступен: smtp; 550 5.1.1 <адрес получателя>: User unknown',
    );
  });

  it('never joins a letter to another agency’s request, by its number or by its Message-ID', async () => {
    const a = await mailAgency(harness);
    const b = await mailAgency(harness);
    const original = letter(b.address);
    expect(await sendCode(smtp, original)).toBe(250);
    const [theirs] = await requestsOf(harness, b.agency.id);
    const theirAck = (await harness.outboxMails()).find((m) => m.inReplyTo === original.messageId);
    expect(theirAck?.messageId).toBeTruthy();
    const before = (await eventsOf(harness, theirs?.id as string)).length;

    const reply = {
      ...letter(a.address),
      from: original.from,
      subject: `Re: обращение № ${theirs?.number}`,
      text: 'Ответ не туда.',
    };
    const threaded = {
      ...letter(a.address),
      from: original.from,
      subject: 'Re: ответ',
      text: 'Тоже не туда.',
      inReplyTo: theirAck?.messageId,
      references: [theirAck?.messageId as string],
    };
    expect(await sendCode(smtp, reply)).toBe(250);
    expect(await sendCode(smtp, threaded)).toBe(250);
    expect(await eventsOf(harness, theirs?.id as string)).toHaveLength(before);
    const ours = await requestsOf(harness, a.agency.id);
    expect(ours.map((r) => r.text).join('\n')).toMatch(/Ответ не туда[\s\S]*Тоже не туда/);
  });
});
