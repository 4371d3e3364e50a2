import type { FastifyBaseLogger } from 'fastify';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { Services } from '../../services.js';
import { createEmailIntake, MailRefusal } from './email-intake.js';

export interface SmtpListenerOptions {
  port: number;
  host: string;
  maxBytes: number;
  logger?: FastifyBaseLogger;
}

const smtpError = (responseCode: number, message: string) =>
  Object.assign(new Error(message), { responseCode });

/** Reads the DATA stream whole; past `maxBytes` it keeps draining but stops keeping. */
function collect(stream: SMTPServerDataStream, maxBytes: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
    });
    stream.on('error', reject);
    stream.on('end', () => resolve(stream.sizeExceeded || size > maxBytes ? null : Buffer.concat(chunks)));
  });
}

/**
 * The inbound SMTP listener (SMTP_IN_PORT): recipients are checked at RCPT against the agencies'
 * e-mail touchpoints, the size is announced (SIZE) and enforced, and 250 is said only after the
 * letter's transaction has committed — a letter the sender was not told 250 for is resent by it,
 * and its Message-ID makes that resend change nothing.
 */
export async function startSmtpListener(services: Services, options: SmtpListenerOptions) {
  const intake = createEmailIntake(services);
  // Each connection's recipients as RCPT resolved them, so DATA does not look them up again.
  const routed = new WeakMap<SMTPServerSession, Map<string, string>>();
  const server = new SMTPServer({
    name: 'otklik',
    banner: 'Otklik inbound mail',
    size: options.maxBytes,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    // Each letter is held in memory up to maxBytes until it is parsed.
    maxClients: 50,
    logger: false,
    onRcptTo(address, session, callback) {
      intake
        .recipient(address.address)
        .then((agency) => {
          if (!agency) {
            return callback(
              smtpError(550, `5.1.1 <${address.address}>: no such mailbox, the address is not served here`),
            );
          }
          const known = routed.get(session) ?? new Map<string, string>();
          routed.set(session, known.set(address.address, agency));
          callback();
        })
        .catch((error: Error) => {
          options.logger?.error({ smtpSession: session.id, err: error }, 'smtp recipient lookup failed');
          callback(smtpError(451, '4.3.0 Temporary failure, try again later'));
        });
    },
    onData(stream, session, callback) {
      const mailFrom = session.envelope.mailFrom;
      const envelopeFrom = mailFrom ? mailFrom.address.toLowerCase() : null;
      (async () => {
        const raw = await collect(stream, options.maxBytes);
        if (!raw)
          throw new MailRefusal(552, `5.3.4 Message exceeds the size limit of ${options.maxBytes} bytes`);
        const known = routed.get(session);
        const agencyIds = session.envelope.rcptTo
          .map((rcpt) => known?.get(rcpt.address))
          .filter((agency): agency is string => agency !== undefined && agency !== 'bounces');
        return intake.take(raw, { from: envelopeFrom, agencyIds });
      })()
        .then((outcomes) => {
          // The SMTP session id ties this line to the request and to its acknowledgement's outbox lines.
          options.logger?.info({ smtpSession: session.id, outcomes }, 'inbound e-mail taken in');
          callback(null, 'Message accepted');
        })
        .catch((error: Error) => {
          if (error instanceof MailRefusal) return callback(smtpError(error.responseCode, error.message));
          // Nothing was acknowledged: the sender's server keeps the letter and tries again later.
          options.logger?.error({ smtpSession: session.id, err: error }, 'inbound e-mail not taken in');
          callback(smtpError(451, '4.3.0 Temporary failure, try again later'));
        });
    },
  });
  server.on('error', (error) => options.logger?.warn({ err: error }, 'smtp listener error'));
  const port = await new Promise<number>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port, options.host, () => {
      const address = server.server.address();
      typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'));
    });
  });
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
