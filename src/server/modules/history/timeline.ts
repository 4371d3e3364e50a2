import type { TimelineEntry } from '../../../common/clients.js';

/**
 * One capability's contribution to a client's timeline. Requests, consents and history exports
 * register now; calls, reception visits and non-anonymous survey answers register theirs when they
 * arrive (seed 004 p. 4: «все случаи взаимодействия … во всех точках взаимодействия»).
 */
export type TimelineSource = (agencyId: string, clientId: string) => Promise<TimelineEntry[]>;

export function createTimeline() {
  const sources = new Map<string, TimelineSource>();
  return {
    registerTimelineSource(kind: string, source: TimelineSource) {
      if (sources.has(kind)) throw new Error(`timeline source «${kind}» is already registered`);
      sources.set(kind, source);
    },

    /** Every source's entries for the client, newest first. */
    async forClient(agencyId: string, clientId: string): Promise<TimelineEntry[]> {
      const parts = await Promise.all([...sources.values()].map((source) => source(agencyId, clientId)));
      // Each source lists its entries oldest first; at equal times the later-listed one is newer.
      return parts
        .flat()
        .map((entry, index) => ({ entry, index }))
        .sort((a, b) => (a.entry.at < b.entry.at ? 1 : a.entry.at > b.entry.at ? -1 : b.index - a.index))
        .map(({ entry }) => entry);
    },
  };
}

export type Timeline = ReturnType<typeof createTimeline>;
