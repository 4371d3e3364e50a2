// The counting SMTP sink of bench/mailing, run as its own child process so neither side of the
// comparison shares an event loop with it. Tells its parent the port once listening; on
// "report" answers with how many messages arrived, to how many addresses, how many addresses got
// more than one, and when the first and the last message arrived (epoch ms).
import { SMTPServer } from 'smtp-server';

const perRecipient = new Map();
let firstAt = null;
let lastAt = null;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['AUTH', 'STARTTLS'],
  disableReverseLookup: true,
  logger: false,
  maxClients: 1000,
  onData(stream, session, callback) {
    stream.on('data', () => {});
    stream.on('end', () => {
      lastAt = Date.now();
      firstAt ??= lastAt;
      for (const { address } of session.envelope.rcptTo)
        perRecipient.set(address, (perRecipient.get(address) ?? 0) + 1);
      callback();
    });
  },
});

process.on('message', (message) => {
  if (message !== 'report') return;
  let messages = 0;
  let duplicates = 0;
  for (const n of perRecipient.values()) {
    messages += n;
    if (n > 1) duplicates++;
  }
  process.send({ messages, addresses: perRecipient.size, duplicates, firstAt, lastAt }, () =>
    server.close(() => process.exit(0)),
  );
});

server.listen(0, '127.0.0.1', () => process.send({ port: server.server.address().port }));
