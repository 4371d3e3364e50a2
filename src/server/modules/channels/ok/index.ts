import type { Db } from '../../../db/client.js';
import type { RequestService } from '../../requests/service.js';
import type { ChannelAccounts, OpenAccount } from '../accounts.service.js';
import type { Outbox } from '../outbox.js';
import type { SocialInbox } from '../social.service.js';
import { okGraph } from './api.js';
import { createOkComments } from './comments.js';
import { createOkEvents } from './events.js';
import { okRest, okRestMissing } from './rest.js';
import { createOkTransport } from './transport.js';

/** The address OK posts this account's events to: the secret token is part of it. */
export const okWebhookUrl = (publicUrl: string, account: OpenAccount) =>
  `${publicUrl}/api/channels/ok/${account.id}/${encodeURIComponent(account.secrets.webhookSecret ?? '')}`;

/**
 * OK groups (issue 5 p. 3, 5). The Bot API carries chat messages: the connection check also
 * subscribes the webhook (OK has no other place to set it). OK's classic REST API, signed with
 * the application's keys (applicationKey, applicationSecretKey), carries what the Bot API cannot:
 * posts to the group's feed, comments under its topics (polled) and answers to them.
 */
export function createOkChannel(deps: {
  db: Db;
  channelAccounts: ChannelAccounts;
  outbox: Outbox;
  requests: RequestService;
  socialInbox: SocialInbox;
  publicUrl: string;
}) {
  deps.channelAccounts.registerAdapter('ok', {
    settings: ['groupId', 'apiBaseUrl', 'restBaseUrl', 'applicationKey'],
    endpoints: ['apiBaseUrl', 'restBaseUrl'],
    secrets: ['accessToken', 'webhookSecret', 'applicationSecretKey'],
    postingRefusal: okRestMissing,
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
        // Keys entered for the REST API are checked too: a wrong secret key fails every post.
        if (!okRestMissing(account)) {
          await okRest(account, 'mediatopic.getTopics', {
            gid: account.settings.groupId as string,
            count: '1',
          });
        }
      } catch (error) {
        throw new Error(`Одноклассники не приняли подключение: ${(error as Error).message}`);
      }
    },
  });
  deps.outbox.registerTransport('ok', createOkTransport(deps.channelAccounts));
  return { handleOkEvent: createOkEvents(deps), comments: createOkComments(deps) };
}

export type OkChannel = ReturnType<typeof createOkChannel>;
