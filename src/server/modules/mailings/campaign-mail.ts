import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { escapeHtml } from '../kb/sanitize.js';

export interface CampaignMessage {
  to: string;
  fromName: string;
  subject: string;
  html: string;
  text: string;
  /** The one-click URL (RFC 8058) that is also the visible «Отписаться» link. */
  unsubscribeUrl: string;
  messageId: string;
}

/**
 * Seed 004 p. 15: every e-mail carries a visible unsubscribe link, and the List-Unsubscribe
 * headers let the mail client offer one-click unsubscription. No images, so no tracking pixel.
 */
export function renderCampaignMail(message: CampaignMessage, from: string): SendMailOptions {
  const address = /<([^>]+)>/.exec(from)?.[1] ?? from;
  const footer =
    'Вы получили это письмо, потому что подписались на рассылку на сайте ведомства. ' +
    'Чтобы больше не получать такие письма, перейдите по ссылке';
  return {
    from: { name: message.fromName, address },
    to: message.to,
    subject: message.subject,
    messageId: message.messageId,
    text: `${message.text}\n\n—\n${footer}: ${message.unsubscribeUrl}\n`,
    html:
      `<!doctype html><html lang="ru"><head><meta charset="utf-8"></head><body>${message.html}` +
      `<hr><p style="font-size:12px;color:#555">${footer}: ` +
      `<a href="${escapeHtml(message.unsubscribeUrl)}">Отписаться от рассылки</a></p></body></html>`,
    headers: {
      'List-Unsubscribe': `<${message.unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  };
}

/**
 * The Message-ID of one campaign e-mail names its recipient row and carries the subscriber's
 * unsubscribe token, so a delivery report or a complaint quoting it leads back to the row, and a
 * forged report cannot name somebody else's address.
 */
export const campaignMessageId = (recipientId: number, token: string, domain: string) =>
  `<mailing-${recipientId}.${token}@${domain}>`;

export function parseCampaignMessageId(messageId: string) {
  const match = /^<mailing-(\d{1,18})\.([A-Za-z0-9_-]{20,100})@[^<>\s]+>$/.exec(messageId);
  return match ? { recipientId: Number(match[1]), token: match[2] as string } : null;
}

export interface CampaignTransport {
  send(mail: SendMailOptions): Promise<void>;
  close(): void;
}

/** A relay refused this message for good (5xx): retrying will not help, the address bounced. */
export class PermanentBounce extends Error {}

/**
 * Mailings through SMTP_URL over pooled connections (one per concurrent send); without it each
 * message is written as an .eml file under DATA_DIR/outbox, like the rest of the outgoing mail.
 */
export function createCampaignTransport(options: {
  smtpUrl: string | null;
  outboxDir: string;
  connections: number;
}): CampaignTransport {
  const transport = options.smtpUrl
    ? nodemailer.createTransport({
        ...parseSmtpUrl(options.smtpUrl),
        pool: true,
        maxConnections: options.connections,
        maxMessages: Number.POSITIVE_INFINITY,
      })
    : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  let written = 0;
  return {
    async send(mail) {
      try {
        const info = await transport.sendMail(mail);
        if (!options.smtpUrl) {
          await mkdir(options.outboxDir, { recursive: true });
          const stamp = new Date().toISOString().replace(/[:.]/g, '-');
          const name = `${stamp}-m${String(written++).padStart(6, '0')}.eml`;
          await writeFile(join(options.outboxDir, name), info.message as Buffer);
        }
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode;
        if (code && code >= 500) throw new PermanentBounce(`SMTP ${code}: ${(error as Error).message}`);
        throw error;
      }
    },
    close: () => transport.close(),
  };
}

function parseSmtpUrl(raw: string) {
  const url = new URL(raw);
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 25,
    secure: url.protocol === 'smtps:',
    ...(url.username
      ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }
      : {}),
  };
}
