import type { FastifyBaseLogger } from 'fastify';
import type { Db, Executor } from '../../db/client.js';
import { coalescedDrain } from '../../lib/coalesced-drain.js';
import { NotFound } from '../../lib/errors.js';
import type { Mailer } from '../../lib/mail.js';
import * as repo from './outbox.repo.js';
import type { OutboundNetwork, OutboundStatus } from './schema.js';
import { type OutboundRow, PermanentFailure, type Transport } from './transport.js';

const LEASE_MS = 5 * 60_000;
const MAX_DELAY_MS = 60 * 60_000;

/** What one delivery attempt came to: sent, to be tried again, or given up. */
export type DeliveryResult = 'sent' | 'retry' | 'failed';

export interface OutboxOptions {
  db: Db;
  /** Attempts before a message is given up as failed (it stays listed for a manual retry). */
  maxAttempts: number;
  /** The first retry's delay; each next one doubles, up to an hour. */
  retryBaseMs: number;
}

/** What a log line about a message carries, so it can be followed from the request that made it. */
const traced = (message: OutboundRow) => ({
  outbound: message.id,
  network: message.network,
  request: message.requestId,
  attempt: message.attempts,
});

/**
 * Every outgoing message goes through here: stored first, then delivered by `drain` on whichever
 * node claims it. Failures are retried with exponential backoff; a send cut off by a crash is
 * marked uncertain and never repeated on its own, so a restart never sends anything twice.
 */
export function createOutbox(options: OutboxOptions) {
  const { db } = options;
  const transports = new Map<OutboundNetwork, Transport>();
  let log: FastifyBaseLogger | null = null;
  let timer: NodeJS.Timeout | null = null;
  const deliveryListeners: ((network: OutboundNetwork, result: DeliveryResult) => void)[] = [];
  const delivered = (network: OutboundNetwork, result: DeliveryResult) => {
    for (const listener of deliveryListeners) listener(network, result);
  };

  const backoff = (attempts: number) =>
    Math.min(options.retryBaseMs * 2 ** (attempts - 1), MAX_DELAY_MS) * (0.8 + Math.random() * 0.4);

  async function deliver(message: OutboundRow) {
    const transport = transports.get(message.network);
    try {
      if (!transport) throw new PermanentFailure(`Канал ${message.network} не подключён на этом узле`);
      const { externalId } = await transport.send(message);
      await repo.finish(db, message.id, { status: 'sent', externalId });
      delivered(message.network, 'sent');
      log?.info(traced(message), 'outbound sent');
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const final = error instanceof PermanentFailure || message.attempts >= options.maxAttempts;
      log?.warn({ ...traced(message), err: reason, final }, 'outbound send failed');
      await repo.finish(db, message.id, {
        status: final ? 'failed' : 'pending',
        error: reason,
        nextAttemptAt: new Date(Date.now() + backoff(message.attempts)),
      });
      delivered(message.network, final ? 'failed' : 'retry');
    }
  }

  async function drainOnce(): Promise<number> {
    let sent = 0;
    await repo.markAbandoned(db, new Date());
    // One message claimed at a time: a node that dies leaves at most the one it was sending
    // «sending» (then uncertain), never a batch it had claimed but not yet tried.
    for (;;) {
      const [message] = await repo.claimDue(db, new Date(), 1, LEASE_MS);
      if (!message) return sent;
      await deliver(message);
      sent += 1;
    }
  }

  /** Delivers everything due now; concurrent calls share one pass and queue one more. */
  const { drain, settled } = coalescedDrain(drainOnce);

  const kick = () => {
    if (timer)
      setImmediate(() => void drain().catch((error) => log?.error({ err: error }, 'outbox drain failed')));
  };

  async function enqueue(executor: Executor, message: repo.NewOutbound) {
    const [row] = await repo.insertOutbound(executor, [message]);
    if (executor === db) kick();
    return row?.id as string;
  }

  const mailer: Mailer = {
    async send(mail, tx) {
      await enqueue(tx ?? db, {
        network: 'email',
        agencyId: mail.agencyId ?? null,
        requestId: mail.requestId ?? null,
        clientId: mail.clientId ?? null,
        recipient: mail.to,
        subject: mail.subject,
        body: mail.text,
        attachments: mail.attachments ?? [],
      });
    },
    wake: () => kick(),
  };

  return {
    mailer,
    enqueue,
    drain,
    kick,
    /** Tells `listener` the outcome of every delivery attempt on this node (the metrics count them). */
    onDelivery(listener: (network: OutboundNetwork, result: DeliveryResult) => void) {
      deliveryListeners.push(listener);
    },
    registerTransport(network: OutboundNetwork, transport: Transport) {
      transports.set(network, transport);
    },

    /** Polls for due messages (retries, rows other nodes committed); `kick` wakes it sooner. */
    start(pollMs: number, logger: FastifyBaseLogger) {
      log = logger;
      const tick = () => void drain().catch((error) => logger.error({ err: error }, 'outbox drain failed'));
      timer = setInterval(tick, pollMs);
      timer.unref();
      tick();
    },

    /** Lets the send in progress finish, so a clean shutdown leaves nothing uncertain. */
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await settled();
    },

    list: (
      agencyId: string,
      filter: { status?: OutboundStatus; requestId?: string },
      page: { limit: number; offset: number },
    ) => repo.listForAgency(db, agencyId, filter, page.limit, page.offset),

    /** Staff send a failed or uncertain message again, having checked it did not arrive. */
    async retry(agencyId: string, id: string) {
      const row = await repo.requeue(db, agencyId, id);
      if (!row) throw new NotFound('outbound_not_found', 'Сообщение не найдено или уже отправляется');
      kick();
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
