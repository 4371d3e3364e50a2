import type { Db } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { Conflict, Invalid, NotFound } from '../../lib/errors.js';
import type { AuditService } from '../audit/service.js';
import { findAccount, listAccounts } from './accounts.repo.js';
import type { ChannelAccounts } from './accounts.service.js';
import type { Outbox } from './outbox.js';
import * as repo from './posts.repo.js';

/** Telegram takes 4096 characters in a channel post; VK and OK take more. */
export const MAX_POST_LENGTH = 4000;
// OK posts to a group's feed through its signed REST API (mediatopic.post), not the Bot API: an
// OK account publishes only once its application keys are entered (its adapter's postingRefusal).
export const POSTING_NETWORKS: readonly string[] = ['telegram', 'vk', 'ok'];

/**
 * Posts on the agency's initiative (seed 001 p. 6.1) to its official pages: one outbox row per
 * chosen account, to the channel or group named in the account's settings. The outbox delivers
 * and retries; its row's status is what the console shows for each network.
 */
export function createChannelPosts(deps: {
  db: Db;
  outbox: Outbox;
  audit: AuditService;
  channelAccounts: ChannelAccounts;
}) {
  const { db, outbox, audit, channelAccounts } = deps;

  /** The accounts to post to, checked before anything is written. */
  async function targets(agencyId: string, accountIds: string[]) {
    if (new Set(accountIds).size !== accountIds.length) {
      throw new Invalid('body.accountIds', 'Каждую страницу можно выбрать только один раз');
    }
    return Promise.all(
      accountIds.map(async (id, index) => {
        const field = `body.accountIds.${index}`;
        const account = await findAccount(db, id, agencyId);
        if (!account) throw new Invalid(field, 'Такого подключения канала в ведомстве нет');
        if (!POSTING_NETWORKS.includes(account.network)) {
          throw new Invalid(
            field,
            'Публиковать можно в канал Телеграм, на стену ВКонтакте и в ленту группы Одноклассников',
          );
        }
        if (!account.enabled) throw new Invalid(field, `Подключение «${account.title}» выключено`);
        const page = account.settings.channelId || account.settings.groupId;
        if (!page) {
          throw new Invalid(
            field,
            `В подключении «${account.title}» не указан канал или группа для публикаций`,
          );
        }
        const refusal = channelAccounts.postingRefusal(account);
        if (refusal) throw new Invalid(field, `«${account.title}» не может публиковать: ${refusal}`);
        return { account, page };
      }),
    );
  }

  return {
    /** The pages the console offers: enabled, on a posting network, and able to publish now. */
    async postTargets(actor: Actor) {
      return (await listAccounts(db, actor.agencyId))
        .filter(
          (account) =>
            account.enabled &&
            POSTING_NETWORKS.includes(account.network) &&
            channelAccounts.postingRefusal(account) === null,
        )
        .map(({ id, network, title }) => ({ id, network, title }));
    },

    async create(actor: Actor, input: { text: string; accountIds: string[] }) {
      const text = input.text.trim();
      if (!text) throw new Invalid('body.text', 'Напишите текст публикации');
      if (text.length > MAX_POST_LENGTH) {
        throw new Invalid('body.text', `Текст длиннее ${MAX_POST_LENGTH} символов: Телеграм его не примет`);
      }
      const chosen = await targets(actor.agencyId, input.accountIds);
      const postId = await db.transaction(async (tx) => {
        const post = await repo.insertPost(tx, { agencyId: actor.agencyId, text, createdBy: actor.userId });
        const deliveries: repo.NewDelivery[] = [];
        for (const { account, page } of chosen) {
          const outboundId = await outbox.enqueue(tx, {
            agencyId: actor.agencyId,
            network: account.network,
            accountId: account.id,
            recipient: page,
            thread: { kind: 'post' },
            body: text,
          });
          deliveries.push({
            postId: post.id,
            accountId: account.id,
            network: account.network,
            accountTitle: account.title,
            outboundId,
          });
        }
        await repo.insertDeliveries(tx, deliveries);
        await audit.record(tx, actor, 'channel_post', post.id, {
          after: { text, accounts: chosen.map(({ account }) => account.id) },
        });
        return post.id;
      });
      outbox.kick();
      return postId;
    },

    async list(actor: Actor, page: { limit: number; offset: number }) {
      const { posts, total } = await repo.listPosts(db, actor.agencyId, page.limit, page.offset);
      const deliveries = await repo.deliveriesOf(
        db,
        posts.map((p) => p.id),
      );
      const items = posts.map((post) => ({
        id: post.id,
        text: post.text,
        createdAt: post.createdAt.toISOString(),
        deliveries: deliveries
          .filter((d) => d.delivery.postId === post.id)
          .map((d) => ({
            id: d.delivery.id,
            accountId: d.delivery.accountId,
            network: d.delivery.network,
            accountTitle: d.delivery.accountTitle,
            status: d.status,
            lastError: d.lastError,
            sentAt: d.sentAt?.toISOString() ?? null,
            externalId: d.externalId,
          })),
      }));
      return { items, total };
    },

    /** Posts again to one network whose delivery failed (or was cut off and did not arrive). */
    async retry(actor: Actor, postId: string, deliveryId: string) {
      const found = await repo.findDelivery(db, actor.agencyId, postId, deliveryId);
      if (!found) throw new NotFound('post_delivery_not_found', 'Публикация не найдена');
      const outboundId = found.delivery.outboundId;
      if (!outboundId || (found.status !== 'failed' && found.status !== 'uncertain')) {
        throw new Conflict(
          'post_delivery_not_failed',
          'Эта публикация не завершилась ошибкой: повторять нечего',
        );
      }
      await outbox.retry(actor.agencyId, outboundId);
      await audit.record(db, actor, 'channel_post', postId, {
        before: { delivery: deliveryId, status: found.status },
        after: { delivery: deliveryId, status: 'pending' },
      });
    },
  };
}

export type ChannelPosts = ReturnType<typeof createChannelPosts>;
