import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { Uuid } from '../../../http/schemas.js';
import { DomainError, Invalid } from '../../../lib/errors.js';
import type { ChannelAccounts, OpenAccount } from '../accounts.service.js';
import { webhookAccount } from '../inbound-account.js';
import { sameSecret } from '../webhook-secret.js';
import { vkGroupIdOf } from './api.js';
import type { VkEventHandler } from './events.js';

/** VK's events are small (a message's text is at most 4096 characters); anything far larger is not VK. */
export const VK_CALLBACK_BODY_LIMIT = 256 * 1024;

const VkCallback = Type.Object({
  type: Type.String({ minLength: 1, maxLength: 64 }),
  group_id: Type.Integer(),
  event_id: Type.Optional(Type.String({ maxLength: 128 })),
  secret: Type.Optional(Type.String({ maxLength: 256 })),
  v: Type.Optional(Type.String({ maxLength: 16 })),
  object: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
});

function groupIdOf(account: OpenAccount) {
  try {
    return vkGroupIdOf(account);
  } catch {
    throw new Invalid('settings.groupId', 'В подключении ВКонтакте не указан номер сообщества');
  }
}

/**
 * VK Callback API (issue 5 p. 3): VK posts each community event here and retries until it reads
 * «ok», which is written only after the event is committed. Every event but the address
 * confirmation must carry the community's secret key.
 */
export function vkCallbackRoutes(
  fastify: FastifyInstance,
  deps: { channelAccounts: ChannelAccounts; handleVkEvent: VkEventHandler },
) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    '/api/channels/vk/:accountId',
    {
      bodyLimit: VK_CALLBACK_BODY_LIMIT,
      schema: { tags: ['channels'], params: Type.Object({ accountId: Uuid }), body: VkCallback },
    },
    async (request, reply) => {
      const account = await webhookAccount(deps.channelAccounts, request.params.accountId, 'vk');
      const event = request.body;
      if (event.type !== 'confirmation' && !sameSecret(event.secret, account.secrets.callbackSecret)) {
        throw new DomainError(
          401,
          'invalid_secret',
          'Неверный секретный ключ события ВКонтакте',
          'body.secret',
        );
      }
      if (event.group_id !== groupIdOf(account)) {
        throw new Invalid('body.group_id', 'Событие пришло от другого сообщества ВКонтакте');
      }
      if (event.type === 'confirmation') {
        const code = account.secrets.confirmationCode;
        if (!code) {
          throw new Invalid(
            'secrets.confirmationCode',
            'Для подключения сервера укажите строку подтверждения из настроек Callback API',
          );
        }
        return reply.type('text/plain; charset=utf-8').send(code);
      }
      await deps.handleVkEvent(account, event);
      return reply.type('text/plain; charset=utf-8').send('ok');
    },
  );
}
