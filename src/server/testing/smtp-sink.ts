import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SmtpSink {
  url: string;
  port: number;
  received: ParsedMail[];
  /** Replies to the next DATA commands with these SMTP codes (e.g. 451, 550) instead of 250. */
  failNext(...codes: number[]): void;
  close(): Promise<void>;
}

/**
 * A real SMTP server on loopback for tests: what the relay would receive, parsed; it can refuse
 * a delivery with a temporary (4xx) or permanent (5xx) code, as relays do.
 */
export async function startSmtpSink(
  options: {
    /**
     * Called with each accepted message and its envelope, after it is added to `received`; the
     * sender gets its 250 only once a returned promise settles (a test can act mid-delivery).
     */
    onReceived?: (mail: ParsedMail, envelope: { from: string; to: string[] }) => void | Promise<void>;
  } = {},
): Promise<SmtpSink> {
  const received: ParsedMail[] = [];
  const failures: number[] = [];
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const code = failures.shift();
          if (code) {
            // A refusal quotes the address, as relays do.
            const to = session.envelope.rcptTo.map((rcpt) => `<${rcpt.address}>`).join(', ');
            const error = new Error(
              code >= 500 ? `${to}: mailbox unavailable` : 'try again later',
            ) as Error & {
              responseCode: number;
            };
            error.responseCode = code;
            return callback(error);
          }
          received.push(parsed);
          return Promise.resolve(
            options.onReceived?.(parsed, {
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            }),
          ).then(() => callback());
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
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    received,
    failNext: (...codes) => failures.push(...codes),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
