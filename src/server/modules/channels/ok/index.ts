import type { RequestService } from '../../requests/service.js';
import type { ChannelAccounts, OpenAccount } from '../accounts.service.js';
import type { Outbox } from '../outbox.js';
import { okGraph } from './api.js';
import { createOkEvents } from './events.js';
import { createOkTransport } from './transport.js';

/** The address OK posts this account's events to: the secret token is part of it. */
export const okWebhookUrl = (publicUrl: string, account: OpenAccount) =>
  `${publicUrl}/api/channels/ok/${account.id}/${encodeURIComponent(account.secrets.webhookSecret ?? '')}`;

/**
 * OK groups (issue 5 p. 3) through the Bot API: the account's fields; the connection check,
 * which also subscribes the webhook (OK has no other place to set it); outbound chat messages.
 */
export function createOkChannel(deps: {
  channelAccounts: ChannelAccounts;
  outbox: Outbox;
  requests: RequestService;
  publicUrl: string;
}) {
  deps.channelAccounts.registerAdapter('ok', {
    settings: ['groupId', 'apiBaseUrl'],
    secrets: ['accessToken', 'webhookSecret'],
    async check(account) {
      if (!account.secrets.webhookSecret) {
        throw new Error('Задайте секрет вебхука (webhookSecret): без него события не принимаются');
      }
      try {
        await okGraph(account, '/me/info');
        const url = okWebhookUrl(deps.publicUrl, account);
        const { subscriptions = [] } = await okGraph<{ subscriptions?: { url: string }[] }>(
          account,
          '/me/subscriptions',
        );
        if (!subscriptions.some((subscription) => subscription.url === url)) {
          await okGraph(account, '/me/subscribe', { url });
        }
      } catch (error) {
        throw new Error(`Одноклассники не приняли подключение: ${(error as Error).message}`);
      }
    },
  });
  deps.outbox.registerTransport('ok', createOkTransport(deps.channelAccounts));
  return { handleOkEvent: createOkEvents(deps) };
}

export type OkChannel = ReturnType<typeof createOkChannel>;
