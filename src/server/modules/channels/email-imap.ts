import type { FastifyBaseLogger } from 'fastify';
import { ImapFlow } from 'imapflow';
import type { Services } from '../../services.js';
import type { NetworkAdapter, OpenAccount } from './accounts.service.js';
import { createEmailIntake, MailRefusal } from './email-intake.js';

const mailboxOf = (account: OpenAccount) => account.settings.mailbox || 'INBOX';

function clientFor(account: OpenAccount) {
  const { host = '', port, secure, user = '' } = account.settings;
  return new ImapFlow({
    host,
    port: Number(port) || (secure === 'false' ? 143 : 993),
    secure: secure !== 'false',
    auth: { user, pass: account.secrets.password ?? '' },
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: 15_000,
  });
}

/** The mail server's refusal in words staff can act on. */
function reasonOf(error: unknown, account: OpenAccount): string {
  const failure = error as { authenticationFailed?: boolean; code?: string; serverResponseCode?: string };
  const where = `${account.settings.host}:${account.settings.port || ''}`;
  if (failure.authenticationFailed) return 'Почтовый сервер не принял имя пользователя или пароль';
  if (failure.serverResponseCode === 'NONEXISTENT' || /mailbox/i.test(String((error as Error).message))) {
    return `На сервере нет папки «${mailboxOf(account)}»`;
  }
  if (failure.code === 'ECONNREFUSED' || failure.code === 'ENOTFOUND' || failure.code === 'ETIMEDOUT') {
    return `Почтовый сервер ${where} недоступен`;
  }
  return `Не удалось подключиться к почтовому серверу ${where}: ${(error as Error).message}`;
}

async function opened<T>(account: OpenAccount, work: (client: ImapFlow) => Promise<T>): Promise<T> {
  const client = clientFor(account);
  // A dropped connection is reported through the command that was running; the event is noise.
  client.on('error', () => undefined);
  try {
    try {
      await client.connect();
      await client.mailboxOpen(mailboxOf(account));
    } catch (error) {
      throw new Error(reasonOf(error, account));
    }
    return await work(client);
  } finally {
    await client.logout().catch(() => client.close());
  }
}

/** An existing mailbox as the agency's e-mail channel: login and the folder are checked by «Проверить». */
export const emailAdapter: NetworkAdapter = {
  settings: ['host', 'port', 'secure', 'user', 'mailbox', 'address'],
  endpoints: ['host'],
  secrets: ['password'],
  check: (account) => opened(account, async () => undefined),
};

/**
 * Fetches the unseen letters of every enabled mailbox and takes each in through the same path as
 * the SMTP listener; a letter is flagged \Seen only after its request committed, so a crash in
 * between leaves it unseen and the next poll takes it again (its Message-ID dedups).
 */
export function createImapPolling(services: Services, logger?: FastifyBaseLogger) {
  const intake = createEmailIntake(services);

  async function pollAccount(account: OpenAccount): Promise<number> {
    return opened(account, async (client) => {
      const uids = (await client.search({ seen: false }, { uid: true })) || [];
      let taken = 0;
      for (const uid of uids) {
        const message = await client.fetchOne(String(uid), { source: true }, { uid: true });
        if (message === false || !message.source) continue;
        try {
          await intake.take(message.source, { from: null, agencyIds: [account.agencyId] });
          taken++;
        } catch (error) {
          if (!(error instanceof MailRefusal)) throw error;
          // Nothing readable in it: it stays in the mailbox for a person, but is not fetched again.
          logger?.warn({ account: account.id, uid, reason: error.message }, 'imap letter refused');
        }
        await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
      }
      return taken;
    });
  }

  return {
    pollAccount,
    /** One pass over every enabled mailbox; each records its health, one failing stops no other. */
    async pollAll(): Promise<number> {
      let taken = 0;
      for (const account of await services.channelAccounts.enabledOf('email')) {
        try {
          taken += await pollAccount(account);
          await services.channelAccounts.recordHealth(account.id, null);
        } catch (error) {
          logger?.warn({ account: account.id, err: (error as Error).message }, 'imap poll failed');
          await services.channelAccounts.recordHealth(account.id, (error as Error).message);
        }
      }
      return taken;
    },
  };
}
