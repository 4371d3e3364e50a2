/**
 * One pass at a time over a queue: a call made while a pass runs joins it and asks for one more
 * pass after it, so work that arrived meanwhile is never left waiting for the next poll.
 */
export function coalescedDrain(drainOnce: () => Promise<number>) {
  let running: Promise<number> | null = null;
  let again = false;
  return {
    drain(): Promise<number> {
      if (running) {
        again = true;
        return running;
      }
      running = (async () => {
        let total = 0;
        do {
          again = false;
          total += await drainOnce();
        } while (again);
        return total;
      })().finally(() => {
        running = null;
      });
      return running;
    },
    /** Resolves when the pass in progress, if any, has ended, whether or not it failed. */
    async settled(): Promise<void> {
      await running?.catch(() => undefined);
    },
  };
}
