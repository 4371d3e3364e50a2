import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One message as the journeys read it back from the sink's directory. */
export interface SunkMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  attachments: { filename: string; contentType: string; size: number }[];
  receivedAt: string;
}

/**
 * A local SMTP server the built product sends to during the e2e run (SMTP_URL), so the journeys
 * test real delivery over the wire rather than the offline outbox. Plain SMTP on loopback: no
 * STARTTLS, no AUTH, as a relay on a closed network would be. Each parsed message is written as
 * JSON into `dir`, which the journeys poll.
 */
export async function startSmtpSink(dir: string): Promise<{ port: number; close: () => Promise<void> }> {
  mkdirSync(dir, { recursive: true });
  let count = 0;
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const mail: SunkMail = {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            attachments: parsed.attachments.map((file) => ({
              filename: file.filename ?? '',
              contentType: file.contentType,
              size: file.size,
            })),
            receivedAt: new Date().toISOString(),
          };
          count += 1;
          // Written whole under a temporary name, then renamed: a poller never reads half a file.
          const name = `${String(count).padStart(5, '0')}.json`;
          writeFileSync(join(dir, `.${name}`), JSON.stringify(mail, null, 2));
          renameSync(join(dir, `.${name}`), join(dir, name));
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.server.address();
      typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'));
    });
  });
  return { port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
