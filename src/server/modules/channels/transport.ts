import type { outboundMessages } from './schema.js';

export type OutboundRow = typeof outboundMessages.$inferSelect;

/** A failure retrying cannot fix (the address does not exist, the bot was blocked by the user). */
export class PermanentFailure extends Error {}

/** Delivers one outbox row on its network; returns the network's id of what it sent. */
export interface Transport {
  send(message: OutboundRow): Promise<{ externalId: string | null }>;
}
