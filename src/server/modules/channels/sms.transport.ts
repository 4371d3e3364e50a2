import type { Db, Executor } from '../../db/client.js';
import { type SmsGateway, SmsRejected } from '../../lib/sms/gateway.js';
import { isRussianMobile, toE164 } from '../../lib/sms/phone.js';
import { MAX_SMS_SEGMENTS, measureSms } from '../../lib/sms/segments.js';
import type { Outbox } from './outbox.js';
import { PermanentFailure, type Transport } from './transport.js';

/** Delivers outbox rows of the `sms` network through the configured gateway. */
export function createSmsTransport(gateway: SmsGateway): Transport {
  return {
    async send(message) {
      try {
        // The outbox row id goes to the gateway: a retry after a timeout carries the same one.
        return await gateway.send({ id: message.id, to: message.recipient, text: message.body });
      } catch (error) {
        if (error instanceof SmsRejected) throw new PermanentFailure(error.message);
        throw error;
      }
    },
  };
}

export interface Sms {
  /** Any form a person typed; only Russian mobile numbers are sent to. */
  to: string;
  text: string;
  agencyId: string;
  clientId?: string | null;
}

/**
 * Queues SMS in the outbox, in the caller's transaction when given: the message leaves only if the
 * change it reports commits, and the outbox's claim sends it once whichever node drains it.
 */
export function createSmsSender(outbox: Outbox, db: Db) {
  return {
    /** Whether a stored phone can take an SMS at all (a landline, a foreign number cannot). */
    canReceive(phone: string | null): phone is string {
      const number = phone ? toE164(phone) : null;
      return number !== null && isRussianMobile(number);
    },

    async send(sms: Sms, tx?: Executor) {
      const to = toE164(sms.to);
      if (!to || !isRussianMobile(to)) throw new Error(`SMS: not a Russian mobile number: ${sms.to}`);
      const length = measureSms(sms.text);
      if (length.segments > MAX_SMS_SEGMENTS)
        throw new Error(`SMS: ${length.segments} segments, at most ${MAX_SMS_SEGMENTS} allowed`);
      return outbox.enqueue(tx ?? db, {
        network: 'sms',
        agencyId: sms.agencyId,
        clientId: sms.clientId ?? null,
        recipient: to,
        body: sms.text,
      });
    },

    wake: () => outbox.kick(),
  };
}

export type SmsSender = ReturnType<typeof createSmsSender>;
