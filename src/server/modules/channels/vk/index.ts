import type { Db } from '../../../db/client.js';
import type { RequestService } from '../../requests/service.js';
import type { ChannelAccounts } from '../accounts.service.js';
import type { Outbox } from '../outbox.js';
import type { SocialInbox } from '../social.service.js';
import { vkApiOf, vkGroupIdOf } from './api.js';
import { createVkEvents } from './events.js';
import { createVkLongPoll } from './longpoll.js';
import { createVkTransport } from './transport.js';

/**
 * VK communities (issue 5 p. 3): the account's fields and connection check, outbound messages
 * and comments, and the event handling the Callback API route and the Long Poll share.
 */
export function createVkChannel(deps: {
  db: Db;
  channelAccounts: ChannelAccounts;
  outbox: Outbox;
  requests: RequestService;
  socialInbox: SocialInbox;
}) {
  deps.channelAccounts.registerAdapter('vk', {
    settings: ['groupId', 'mode', 'apiBaseUrl'],
    endpoints: ['apiBaseUrl'],
    secrets: ['accessToken', 'confirmationCode', 'callbackSecret'],
    async check(account) {
      const mode = account.settings.mode ?? 'callback';
      if (mode !== 'callback' && mode !== 'longpoll') {
        throw new Error('Режим приёма событий — callback или longpoll');
      }
      const groupId = vkGroupIdOf(account);
      try {
        const { groups } = await vkApiOf(account).groups.getById({ group_id: String(groupId) });
        if (!groups.some((group) => group.id === groupId)) throw new Error('сообщество не найдено');
      } catch (error) {
        throw new Error(`ВКонтакте не принял подключение: ${(error as Error).message}`);
      }
    },
  });
  deps.outbox.registerTransport('vk', createVkTransport(deps.channelAccounts));
  const handleVkEvent = createVkEvents(deps);
  return {
    handleVkEvent,
    longPoll: createVkLongPoll({ db: deps.db, channelAccounts: deps.channelAccounts, handle: handleVkEvent }),
  };
}

export type VkChannel = ReturnType<typeof createVkChannel>;
