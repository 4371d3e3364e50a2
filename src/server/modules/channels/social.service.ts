import type { Db } from '../../db/client.js';
import * as repo from './social.repo.js';

/**
 * The social inbox (seed 001 p. 6.2): comments and messages from every network in one queue.
 * Adapters `ingest` what arrives; a redelivered item (same network id) is recognised and kept once.
 */
export function createSocialInbox(deps: { db: Db }) {
  const { db } = deps;
  return {
    async ingest(item: Omit<repo.NewSocialItem, 'id' | 'status' | 'createdAt'>) {
      const row = await repo.insertSocialItem(db, item);
      return { created: row !== null, id: row?.id ?? null };
    },
  };
}

export type SocialInbox = ReturnType<typeof createSocialInbox>;
