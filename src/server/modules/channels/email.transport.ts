import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { AttachmentStore } from '../../lib/attachment-store.js';
import { PermanentFailure, type Transport } from './transport.js';

/** The Message-ID of an outbox row: the same on every attempt, so replies find the request. */
export const messageIdOf = (outboundId: string, from: string) =>
  `<${outboundId}@${/@([^>\s]+)/.exec(from)?.[1] ?? 'otklik.local'}>`;

/**
 * Outbound e-mail through SMTP_URL; without it every message is written as an .eml file under
 * DATA_DIR/outbox, so a fresh install works offline and nothing is silently dropped.
 */
export function createEmailTransport(options: {
  smtpUrl: string | null;
  from: string;
  outboxDir: string;
  store: AttachmentStore;
}): Transport {
  const transport = options.smtpUrl
    ? nodemailer.createTransport(options.smtpUrl)
    : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });

  // Keeps the .eml files in sending order when several leave within one millisecond.
  let written = 0;

  return {
    async send(message) {
      const messageId = messageIdOf(message.id, options.from);
      const attachments = await Promise.all(
        message.attachments.map(async (file) => ({
          filename: file.filename,
          contentType: file.contentType,
          content: await options.store.read(message.agencyId ?? '', file.storageKey),
        })),
      );
      const mail = {
        from: options.from,
        to: message.recipient,
        subject: message.subject ?? '',
        text: message.body,
        messageId,
        ...(message.thread?.inReplyTo
          ? {
              inReplyTo: message.thread.inReplyTo,
              references: message.thread.references ?? message.thread.inReplyTo,
            }
          : {}),
        attachments,
      };
      try {
        const info = await transport.sendMail(mail);
        if (!options.smtpUrl) {
          await mkdir(options.outboxDir, { recursive: true });
          const stamp = new Date().toISOString().replace(/[:.]/g, '-');
          await writeFile(
            join(options.outboxDir, `${stamp}-${String(written++).padStart(6, '0')}-${message.id}.eml`),
            info.message as Buffer,
          );
        }
      } catch (error) {
        // A 5xx reply is the relay refusing this message for good; anything else may pass later.
        const code = (error as { responseCode?: number }).responseCode;
        if (code && code >= 500) throw new PermanentFailure(`SMTP ${code}: ${(error as Error).message}`);
        throw error;
      }
      return { externalId: messageId };
    },
  };
}
