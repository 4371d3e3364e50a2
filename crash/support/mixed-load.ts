import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';

/** The preset agency every fresh installation has, and its e-mail touchpoint. */
export const AGENCY = 'giookn-nso';
export const AGENCY_MAILBOX = 'giookn@nso.ru';

export type LoadKind = 'request' | 'email' | 'survey';

/** One thing a citizen sent; `acked` once the server said it was taken (201/200, SMTP 250). */
export interface Attempt {
  kind: LoadKind;
  /** Idempotency-Key of a portal request, Message-ID of a letter; '' for a survey answer. */
  key: string;
  acked: boolean;
  /** The request number or the stored answer's id, from the acknowledgement. */
  id: string | null;
  at: number;
  /** HTTP status, SMTP reply or the error, for a failure message. */
  outcome: string;
}

export interface Target {
  origin: string;
  smtpPort: number;
}

const timeout = () => AbortSignal.timeout(15_000);

export async function submitRequest(target: Target, key: string): Promise<Attempt> {
  const attempt: Attempt = { kind: 'request', key, acked: false, id: null, at: Date.now(), outcome: '' };
  try {
    const response = await fetch(`${target.origin}/api/public/${AGENCY}/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify({
        kind: 'appeal',
        text: `Прошу сообщить, когда начнутся работы по сохранению объекта (проверка ${key}).`,
        name: 'Проверка Устойчивости',
        email: `${key.toLowerCase()}@citizens.example`,
        notifyByEmail: true,
        consent: true,
      }),
      signal: timeout(),
    });
    const body = (await response.json().catch(() => ({}))) as { number?: string };
    attempt.outcome = String(response.status);
    if ((response.status === 201 || response.status === 200) && body.number) {
      attempt.acked = true;
      attempt.id = body.number;
    }
  } catch (error) {
    // refused or cut off: not acknowledged
    attempt.outcome = String(error);
  }
  return attempt;
}

export async function sendLetter(target: Target, messageId: string): Promise<Attempt> {
  const attempt: Attempt = {
    kind: 'email',
    key: messageId,
    acked: false,
    id: null,
    at: Date.now(),
    outcome: '',
  };
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: target.smtpPort,
    secure: false,
    ignoreTLS: true,
    connectionTimeout: 5000,
    greetingTimeout: 5000,
    socketTimeout: 15_000,
  });
  try {
    const info = await transport.sendMail({
      from: `Житель <${randomUUID().slice(0, 8)}@citizens.example>`,
      to: AGENCY_MAILBOX,
      subject: 'Разрушается фасад',
      text: 'У дома на углу осыпается лепнина, прошу принять меры.',
      messageId,
    });
    attempt.acked = info.accepted.length > 0;
    attempt.outcome = info.response;
  } catch (error) {
    // no 250: a real MTA would send it again later
    attempt.outcome = String(error);
  } finally {
    transport.close();
  }
  return attempt;
}

export async function answerSurvey(target: Target, score: number): Promise<Attempt> {
  const attempt: Attempt = { kind: 'survey', key: '', acked: false, id: null, at: Date.now(), outcome: '' };
  try {
    const response = await fetch(`${target.origin}/api/public/${AGENCY}/surveys/rate/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ answers: { score, comment: 'Спасибо за ответ' } }),
      signal: timeout(),
    });
    const body = (await response.json().catch(() => ({}))) as { id?: string };
    attempt.outcome = String(response.status);
    if (response.status === 201 && body.id) {
      attempt.acked = true;
      attempt.id = body.id;
    }
  } catch (error) {
    // not acknowledged
    attempt.outcome = String(error);
  }
  return attempt;
}

export const newRequestKey = () => `crash-${randomUUID()}`;
export const newMessageId = () => `<crash-${randomUUID()}@citizens.example>`;

/**
 * Citizens sending portal requests, letters and survey answers in turn, `workers` at a time,
 * until `stop()`. Failed attempts are kept too: the test re-sends requests and letters the way a
 * browser (same Idempotency-Key) or an MTA (same Message-ID) would.
 */
export function startMixedLoad(target: () => Target, workers: number) {
  const attempts: Attempt[] = [];
  let running = true;
  let sequence = 0;
  async function worker() {
    while (running) {
      const n = sequence++;
      const kind = (['request', 'email', 'survey'] as const)[n % 3];
      const attempt =
        kind === 'request'
          ? await submitRequest(target(), newRequestKey())
          : kind === 'email'
            ? await sendLetter(target(), newMessageId())
            : await answerSurvey(target(), (n % 5) + 1);
      attempts.push(attempt);
      // A refused connection returns at once; do not spin on a server that is down.
      if (!attempt.acked) await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  const done = Promise.all(Array.from({ length: workers }, worker));
  return {
    attempts,
    acked: (kind?: LoadKind) => attempts.filter((a) => a.acked && (!kind || a.kind === kind)).length,
    async stop() {
      running = false;
      await done;
    },
  };
}
