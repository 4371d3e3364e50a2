import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { Uuid } from '../../../http/schemas.js';
import { DomainError } from '../../../lib/errors.js';
import type { ChannelAccounts } from '../accounts.service.js';
import { webhookAccount } from '../inbound-account.js';
import { sameSecret } from '../webhook-secret.js';
import type { OkEventHandler, OkWebhook } from './events.js';

export const OK_WEBHOOK_BODY_LIMIT = 256 * 1024;

const Str = (maxLength: number) => Type.Optional(Type.String({ maxLength }));
const OkBody = Type.Object({
  webhookType: Str(64),
  sender: Type.Optional(Type.Object({ user_id: Str(64), name: Str(500) })),
  recipient: Type.Optional(Type.Object({ chat_id: Str(128) })),
  message: Type.Optional(
    Type.Object({
      text: Str(20_000),
      attachments: Type.Optional(Type.Array(Type.Object({ type: Str(64) }), { maxItems: 50 })),
    }),
  ),
  mid: Str(128),
  timestamp: Type.Optional(Type.Integer({ minimum: 0 })),
});

/**
 * The OK Bot API webhook (issue 5 p. 3). OK does not sign its webhooks, so the address itself is
 * the credential: it carries the account's secret token, compared in constant time.
 */
export function okWebhookRoutes(
  fastify: FastifyInstance,
  deps: { channelAccounts: ChannelAccounts; handleOkEvent: OkEventHandler },
) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    '/api/channels/ok/:accountId/:token',
    {
      bodyLimit: OK_WEBHOOK_BODY_LIMIT,
      schema: {
        tags: ['channels'],
        params: Type.Object({ accountId: Uuid, token: Type.String({ maxLength: 256 }) }),
        body: OkBody,
      },
    },
    async (request, reply) => {
      const account = await webhookAccount(deps.channelAccounts, request.params.accountId, 'ok');
      if (!sameSecret(request.params.token, account.secrets.webhookSecret)) {
        throw new DomainError(
          401,
          'invalid_secret',
          'Неверный секретный адрес вебхука Одноклассников',
          'params.token',
        );
      }
      await deps.handleOkEvent(account, request.body as OkWebhook);
      return reply.send({ ok: true });
    },
  );
}
