import type { Executor } from '../../db/client.js';
import { socialItems } from './schema.js';

export type SocialItemRow = typeof socialItems.$inferSelect;
export type NewSocialItem = typeof socialItems.$inferInsert;

/** Inserts an item unless the network already delivered it; `null` for a redelivery. */
export async function insertSocialItem(executor: Executor, item: NewSocialItem) {
  const [row] = await executor
    .insert(socialItems)
    .values(item)
    .onConflictDoNothing({ target: [socialItems.agencyId, socialItems.network, socialItems.externalId] })
    .returning();
  return row ?? null;
}
