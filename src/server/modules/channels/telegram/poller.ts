import type { FastifyBaseLogger } from 'fastify';
import type { Api } from 'grammy';
import type { Update } from 'grammy/types';
import { DomainError } from '../../../lib/errors.js';
import type { ChannelAccounts, OpenAccount } from '../accounts.service.js';
import { botApi, botSettings, describeFailure, telegramCode } from './client.js';
import type { TelegramInbound } from './inbound.js';

export const ALLOWED_UPDATES = ['message'] as const;

export interface PollerOptions {
  accounts: ChannelAccounts;
  inbound: TelegramInbound;
  /** getUpdates' long-poll timeout, seconds. */
  pollTimeoutSeconds: number;
  /** How often the list of accounts is read again (added, changed, disabled ones). */
  refreshMs: number;
  /** Where webhook-mode bots are told to deliver: PUBLIC_URL. */
  publicUrl: string;
}

interface Running {
  /** Token, root and mode: a change restarts the account's loop with the new ones. */
  fingerprint: string;
  stop: AbortController;
  done: Promise<void>;
}

const fingerprintOf = (account: OpenAccount) =>
  JSON.stringify([account.secrets.botToken, account.secrets.webhookSecret, botSettings(account)]);

const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    const wake = () => {
      clearTimeout(timer);
      resolve();
    };
    signal.addEventListener('abort', wake, { once: true });
  });

export const webhookUrl = (publicUrl: string, accountId: string) =>
  `${publicUrl}/api/channels/telegram/${accountId}`;

/**
 * Receives Telegram updates on this node: a long-polling loop per enabled bot in «polling» mode,
 * and for bots in «webhook» mode it registers the webhook once. Telegram's getUpdates offset is
 * the acknowledgement, so the offset moves past an update only after its commit: a crash before
 * that makes Telegram deliver it again, and the message id recognises it.
 */
export function createPoller(options: PollerOptions) {
  const running = new Map<string, Running>();
  let log: FastifyBaseLogger | null = null;
  let refreshTimer: NodeJS.Timeout | null = null;
  let refreshing: Promise<void> | null = null;

  /** Handles one update; true when it may be confirmed (stored, or refused for good). */
  async function handled(account: OpenAccount, update: Update): Promise<boolean> {
    try {
      await options.inbound.handle(account, update);
      return true;
    } catch (error) {
      // Our own validation refusing the message will refuse it every time: keep the queue moving.
      if (error instanceof DomainError) {
        log?.warn(
          { account: account.id, update: update.update_id, err: error.message },
          'telegram update refused',
        );
        return true;
      }
      log?.error({ account: account.id, update: update.update_id, err: error }, 'telegram update failed');
      return false;
    }
  }

  async function pollLoop(account: OpenAccount, api: Api, signal: AbortSignal) {
    let offset: number | undefined;
    let failures = 0;
    while (!signal.aborted) {
      try {
        const updates = await api.getUpdates(
          { offset, timeout: options.pollTimeoutSeconds, allowed_updates: [...ALLOWED_UPDATES] },
          // grammY's Node build types its signal with the abort-controller shim; Node's is compatible.
          signal as unknown as Parameters<Api['getUpdates']>[1],
        );
        for (const update of updates) {
          if (signal.aborted || !(await handled(account, update))) throw new Error('update not stored');
          offset = update.update_id + 1;
        }
        if (failures > 0) await options.accounts.recordHealth(account.id, null);
        failures = 0;
      } catch (error) {
        if (signal.aborted) return;
        // A bot switched from webhook to polling: Telegram refuses getUpdates until the hook is gone.
        if (telegramCode(error) === 409 && /webhook/i.test(describeFailure(error))) {
          await api.deleteWebhook().catch(() => undefined);
        }
        failures += 1;
        if (failures === 1)
          await options.accounts.recordHealth(account.id, describeFailure(error)).catch(() => undefined);
        log?.warn({ account: account.id, err: describeFailure(error) }, 'telegram polling failed');
        await pause(Math.min(500 * 2 ** Math.min(failures, 6), 30_000), signal);
      }
    }
  }

  async function registerWebhook(account: OpenAccount, api: Api) {
    try {
      await api.setWebhook(webhookUrl(options.publicUrl, account.id), {
        secret_token: account.secrets.webhookSecret,
        allowed_updates: [...ALLOWED_UPDATES],
      });
      await options.accounts.recordHealth(account.id, null);
    } catch (error) {
      log?.warn({ account: account.id, err: describeFailure(error) }, 'telegram setWebhook failed');
      await options.accounts.recordHealth(account.id, describeFailure(error));
      // Forgotten, so the next refresh tries again.
      running.delete(account.id);
    }
  }

  function launch(account: OpenAccount): Running {
    const stop = new AbortController();
    const fingerprint = fingerprintOf(account);
    let done: Promise<void>;
    try {
      const api = botApi(account);
      done =
        botSettings(account).mode === 'polling'
          ? pollLoop(account, api, stop.signal)
          : registerWebhook(account, api);
    } catch (error) {
      done = options.accounts.recordHealth(account.id, describeFailure(error)).catch(() => undefined);
    }
    return {
      fingerprint,
      stop,
      done: done.catch((error) => log?.error({ err: error }, 'telegram loop died')),
    };
  }

  async function refreshOnce() {
    const accounts = await options.accounts.enabledOf('telegram');
    const current = new Map(accounts.map((account) => [account.id, account]));
    for (const [id, loop] of running) {
      const account = current.get(id);
      if (!account || fingerprintOf(account) !== loop.fingerprint) {
        loop.stop.abort();
        await loop.done;
        running.delete(id);
      }
    }
    const registrations: Promise<void>[] = [];
    for (const account of accounts) {
      if (running.has(account.id)) continue;
      const launched = launch(account);
      running.set(account.id, launched);
      // A webhook is registered by the time refresh returns; polling loops run on.
      if (botSettings(account).mode === 'webhook') registrations.push(launched.done);
    }
    await Promise.all(registrations);
  }

  /** Picks up added, changed and disabled accounts now (the timer does it every `refreshMs`). */
  function refresh(): Promise<void> {
    refreshing ??= refreshOnce().finally(() => {
      refreshing = null;
    });
    return refreshing;
  }

  return {
    refresh,
    start(logger: FastifyBaseLogger) {
      log = logger;
      const tick = () =>
        void refresh().catch((error) => logger.error({ err: error }, 'telegram refresh failed'));
      refreshTimer = setInterval(tick, options.refreshMs);
      refreshTimer.unref();
      tick();
    },
    /** Stops every loop; an update being stored finishes first, and is confirmed on the next start. */
    async stop() {
      if (refreshTimer) clearInterval(refreshTimer);
      refreshTimer = null;
      await refreshing?.catch(() => undefined);
      for (const loop of running.values()) loop.stop.abort();
      await Promise.all([...running.values()].map((loop) => loop.done));
      running.clear();
    },
  };
}

export type TelegramPoller = ReturnType<typeof createPoller>;
