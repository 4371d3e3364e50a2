import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../../db/client.js';
import { DomainError } from '../../../lib/errors.js';
import { readCursor, saveCursor } from '../accounts.repo.js';
import type { ChannelAccounts, OpenAccount } from '../accounts.service.js';
import { vkApiOf, vkGroupIdOf } from './api.js';
import type { VkEvent, VkEventHandler } from './events.js';

const WAIT_SECONDS = 25;
const MAX_RETRY_MS = 60_000;

export interface LongPollOptions {
  /** How often the node looks for accounts switched to or from Long Poll. */
  rescanMs?: number;
  /** The first pause after a failed poll before the same events are asked for again; it doubles. */
  retryMs?: number;
}

interface PollServer {
  server: string;
  key: string;
}

/**
 * Bots Long Poll for communities whose account is in `longpoll` mode (no public address for the
 * Callback API). Each node polls every such account; `ts` is saved only after the events read
 * with it are committed, so a crash re-reads them and the dedup by VK's ids keeps them once.
 */
export function createVkLongPoll(deps: { db: Db; channelAccounts: ChannelAccounts; handle: VkEventHandler }) {
  const loops = new Map<string, { fingerprint: string; abort: AbortController; done: Promise<void> }>();
  let timer: NodeJS.Timeout | null = null;
  let log: FastifyBaseLogger | null = null;
  let retryMs = 5000;
  let running = false;

  async function connect(account: OpenAccount) {
    const { server, key, ts } = await vkApiOf(account).groups.getLongPollServer({
      group_id: vkGroupIdOf(account),
    });
    return { poll: { server, key } as PollServer, ts: String(ts) };
  }

  async function deliver(account: OpenAccount, updates: VkEvent[]) {
    for (const update of updates) {
      try {
        await deps.handle(account, update);
      } catch (error) {
        // A malformed event never becomes valid; anything else (the database) is retried.
        if (!(error instanceof DomainError)) throw error;
        log?.warn({ account: account.id, type: update.type, err: error.message }, 'vk event skipped');
      }
    }
  }

  async function run(account: OpenAccount, signal: AbortSignal) {
    let poll: PollServer | null = null;
    let ts = await readCursor(deps.db, account.id);
    let failures = 0;
    while (!signal.aborted) {
      try {
        if (!poll || ts === null) {
          const fresh = await connect(account);
          poll = fresh.poll;
          ts = ts ?? fresh.ts;
        }
        const query = new URLSearchParams({ act: 'a_check', key: poll.key, ts, wait: String(WAIT_SECONDS) });
        const response = await fetch(`${poll.server}?${query}`, { signal });
        const body = (await response.json()) as {
          ts?: string | number;
          updates?: VkEvent[];
          failed?: number;
        };
        if (body.failed === 1 && body.ts !== undefined) {
          // Events older than VK keeps are gone; go on from where VK says history starts.
          log?.warn({ account: account.id }, 'vk long poll history lost');
          ts = String(body.ts);
          await saveCursor(deps.db, account.id, ts);
        } else if (body.failed === 2) {
          poll = null;
        } else if (body.failed) {
          poll = null;
          ts = null;
        } else {
          await deliver(account, body.updates ?? []);
          ts = String(body.ts);
          await saveCursor(deps.db, account.id, ts);
        }
        failures = 0;
      } catch (error) {
        if (signal.aborted) return;
        log?.warn({ account: account.id, err: (error as Error).message }, 'vk long poll failed');
        await deps.channelAccounts.recordHealth(account.id, `Long Poll: ${(error as Error).message}`);
        // A community that keeps failing (a revoked token) is asked less and less often.
        const delay = Math.min(retryMs * 2 ** Math.min(failures++, 10), MAX_RETRY_MS);
        await sleep(delay, undefined, { signal }).catch(() => undefined);
      }
    }
  }

  async function rescan() {
    if (!running) return;
    const accounts = (await deps.channelAccounts.enabledOf('vk')).filter(
      (account) => account.settings.mode === 'longpoll',
    );
    const wanted = new Map(accounts.map((account) => [account.id, account]));
    for (const [id, loop] of loops) {
      const account = wanted.get(id);
      if (!account || JSON.stringify([account.settings, account.secrets]) !== loop.fingerprint) {
        loop.abort.abort();
        await loop.done;
        loops.delete(id);
      }
    }
    for (const account of accounts) {
      if (loops.has(account.id) || !running) continue;
      const abort = new AbortController();
      const done = run(account, abort.signal).catch((error) =>
        log?.error({ account: account.id, err: error }, 'vk long poll stopped'),
      );
      loops.set(account.id, {
        fingerprint: JSON.stringify([account.settings, account.secrets]),
        abort,
        done,
      });
    }
  }

  const tick = () => void rescan().catch((error) => log?.error({ err: error }, 'vk long poll rescan failed'));

  return {
    start(logger: FastifyBaseLogger, options: LongPollOptions = {}) {
      log = logger;
      running = true;
      retryMs = options.retryMs ?? 5000;
      timer = setInterval(tick, options.rescanMs ?? 30_000);
      timer.unref();
      tick();
    },

    /** Finishes the events being stored, then stops; their `ts` is saved first. */
    async stop() {
      running = false;
      if (timer) clearInterval(timer);
      timer = null;
      for (const loop of loops.values()) loop.abort.abort();
      await Promise.all([...loops.values()].map((loop) => loop.done));
      loops.clear();
    },

    /** Looks for new or changed accounts now rather than at the next rescan. */
    rescan,
  };
}

export type VkLongPoll = ReturnType<typeof createVkLongPoll>;
