import type { Executor } from '../db/client.js';

/** A file to attach, read from the agency's attachment store when the message is sent. */
export interface MailAttachment {
  filename: string;
  contentType: string;
  storageKey: string;
}

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** Whose message this is: attachments are read from this agency's store; the console lists it. */
  agencyId?: string;
  requestId?: string;
  clientId?: string;
  attachments?: MailAttachment[];
}

/**
 * Sends e-mail through the outbox: the message is stored (in `tx` when given, so it commits with
 * the change it reports) and delivered by the dispatcher with retries.
 */
export interface Mailer {
  send(mail: OutgoingMail, tx?: Executor): Promise<void>;
  /** Delivers what was sent within a transaction, once the caller has committed it. */
  wake(): void;
}
