/**
 * How long a node trusts what it read about an agency's settings (its row by slug, its calendar
 * overrides, its deadline overrides) before reading them again. Nodes are stateless and share
 * only the database: a change made through another node reaches this one within this time. A
 * change made through this node is seen at once, since the service that writes it drops the
 * entry after its transaction commits. Five seconds is shorter than anyone takes to switch from
 * the settings page to the portal, and still spares the portal's intake three reads per request
 * (issue 4, intake benchmark).
 */
export const LOOKUP_TTL_MS = 5_000;

/**
 * A small per-process cache of read-mostly lookups. It keeps the pending promise, so a burst of
 * requests for the same key reads once; a failed read is not kept.
 */
export function createLookupCache<K, V>(ttlMs: number = LOOKUP_TTL_MS) {
  const entries = new Map<K, { value: Promise<V>; expires: number }>();

  return {
    get(key: K, load: () => Promise<V>): Promise<V> {
      const now = Date.now();
      const hit = entries.get(key);
      if (hit && hit.expires > now) return hit.value;
      // Promise.resolve: a Drizzle query is a thenable that runs again on every await.
      const value = Promise.resolve(load());
      const entry = { value, expires: now + ttlMs };
      entries.set(key, entry);
      value.catch(() => {
        if (entries.get(key) === entry) entries.delete(key);
      });
      return value;
    },

    /** Drops one key; a read already under way for it is not kept either. */
    invalidate(key: K): void {
      entries.delete(key);
    },

    clear(): void {
      entries.clear();
    },
  };
}

export type LookupCache<K, V> = ReturnType<typeof createLookupCache<K, V>>;
