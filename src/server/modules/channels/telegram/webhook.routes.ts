import { timingSafeEqual } from 'node:crypto';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Update } from 'grammy/types';
import { Type } from 'typebox';
import type { Db } from '../../../db/client.js';
import { Uuid } from '../../../http/schemas.js';
import { DomainError, Unauthorized } from '../../../lib/errors.js';
import type { ChannelAccounts, OpenAccount } from '../accounts.service.js';
import type { TelegramInbound } from './inbound.js';
import { accountEnabled } from './repo.js';

/** Telegram's updates are a few kilobytes; anything near this is not one. */
export const WEBHOOK_BODY_LIMIT = 256 * 1024;
export const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

function sameSecret(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

const forged = () =>
  new Unauthorized(
    'telegram_secret_invalid',
    'Неверный секретный токен Telegram (X-Telegram-Bot-Api-Secret-Token)',
  );

declare module 'fastify' {
  interface FastifyRequest {
    telegramAccount?: OpenAccount;
  }
}

/**
 * The webhook Telegram calls for a bot in «webhook» mode. The secret set with setWebhook is
 * checked before the body is even read; the answer is 200 only after the update is committed, so
 * an error makes Telegram deliver it again, and the message id keeps that from doubling it.
 */
export function telegramWebhookRoutes(
  fastify: FastifyInstance,
  deps: { db: Db; channelAccounts: ChannelAccounts; inbound: TelegramInbound },
) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  async function authenticate(request: FastifyRequest<{ Params: { accountId: string } }>) {
    const given = request.headers[SECRET_HEADER];
    const id = request.params.accountId;
    if (typeof given !== 'string' || !/^[0-9a-f-]{36}$/i.test(id)) throw forged();
    const account = await deps.channelAccounts.openById(id);
    const expected = account?.network === 'telegram' ? account.secrets.webhookSecret : undefined;
    if (!account || !expected || !sameSecret(expected, given)) throw forged();
    if (!(await accountEnabled(deps.db, id))) throw forged();
    request.telegramAccount = account;
  }

  app.post(
    '/api/channels/telegram/:accountId',
    {
      bodyLimit: WEBHOOK_BODY_LIMIT,
      onRequest: authenticate,
      schema: {
        tags: ['channels'],
        summary: 'Webhook Telegram Bot API',
        params: Type.Object({ accountId: Uuid }),
        headers: Type.Object({ [SECRET_HEADER]: Type.String({ maxLength: 256 }) }),
        body: Type.Object(
          {
            update_id: Type.Integer({ minimum: 0 }),
            message: Type.Optional(
              Type.Object({
                message_id: Type.Integer(),
                date: Type.Integer(),
                chat: Type.Object({ id: Type.Integer(), type: Type.String() }),
              }),
            ),
          },
          { additionalProperties: true },
        ),
        response: { 200: Type.Object({ ok: Type.Boolean() }) },
      },
    },
    async (request) => {
      const account = request.telegramAccount as OpenAccount;
      try {
        await deps.inbound.handle(account, request.body as unknown as Update);
      } catch (error) {
        // Our validation refusing it would refuse every redelivery too: confirm and log.
        if (!(error instanceof DomainError)) throw error;
        request.log.warn({ account: account.id, err: error.message }, 'telegram update refused');
      }
      return { ok: true };
    },
  );
}
