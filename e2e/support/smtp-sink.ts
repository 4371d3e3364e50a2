import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSmtpSink as startSink } from '../../src/server/testing/smtp-sink.js';

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
 * test real delivery over the wire rather than the offline outbox. Each parsed message is written
 * as JSON into `dir`, which the journeys (other processes) poll.
 */
export async function startSmtpSink(dir: string): Promise<{ port: number; close: () => Promise<void> }> {
  mkdirSync(dir, { recursive: true });
  let count = 0;
  const sink = await startSink({
    onReceived(parsed, envelope) {
      const mail: SunkMail = {
        ...envelope,
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
    },
  });
  return { port: sink.port, close: sink.close };
}
