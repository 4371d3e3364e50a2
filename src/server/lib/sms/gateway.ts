import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface SmsMessage {
  /** Ours, stable across retries: a gateway that keeps it drops a repeated send. */
  id: string;
  /** E.164. */
  to: string;
  text: string;
}

/** Sends one SMS; resolves once the gateway accepted it, with the gateway's id when it gives one. */
export interface SmsGateway {
  send(message: SmsMessage): Promise<{ externalId: string | null }>;
}

/** The gateway refused the message for good (bad number, no balance): retrying would not help. */
export class SmsRejected extends Error {}

export interface HttpGatewayOptions {
  url: string;
  token: string | null;
  timeoutMs: number;
}

// A gateway that is overloaded or timed out may take the message on the next try; other 4xx refuse it.
const RETRYABLE_STATUSES = new Set([408, 425, 429]);

/**
 * POSTs `{to, text, id}` as JSON with a bearer token. Any 2xx is acceptance; 5xx, timeouts and
 * network errors throw a plain Error (the outbox retries), other 4xx throw SmsRejected.
 */
export function createHttpSmsGateway(options: HttpGatewayOptions): SmsGateway {
  return {
    async send(message) {
      let response: Response;
      try {
        response = await fetch(options.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          },
          body: JSON.stringify({ to: message.to, text: message.text, id: message.id }),
          signal: AbortSignal.timeout(options.timeoutMs),
        });
      } catch (error) {
        const reason =
          error instanceof Error && error.name === 'TimeoutError' ? 'не ответил вовремя' : 'недоступен';
        throw new Error(`SMS-шлюз ${reason}: ${error instanceof Error ? error.message : String(error)}`);
      }
      const body = await response.text().catch(() => '');
      if (response.ok) return { externalId: gatewayId(body) };
      const detail = `SMS-шлюз ответил ${response.status}: ${body.slice(0, 200)}`;
      if (response.status >= 500 || RETRYABLE_STATUSES.has(response.status)) throw new Error(detail);
      throw new SmsRejected(detail);
    },
  };
}

/** The gateway's own id of the message when its answer names one (`{"id": …}`). */
function gatewayId(body: string): string | null {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === 'object' && 'id' in parsed) {
      const id = (parsed as { id: unknown }).id;
      if (typeof id === 'string' || typeof id === 'number') return String(id);
    }
  } catch {
    // A plain-text or empty 2xx is still acceptance.
  }
  return null;
}

/** Development: each message is a JSON line in a file instead of a real SMS. */
export function createLogSmsGateway(file: string): SmsGateway {
  return {
    async send(message) {
      await mkdir(dirname(file), { recursive: true });
      await appendFile(file, `${JSON.stringify({ at: new Date().toISOString(), ...message })}\n`);
      return { externalId: message.id };
    },
  };
}
