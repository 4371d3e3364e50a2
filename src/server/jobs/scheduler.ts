import { and, eq, lte, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/client.js';
import { jobRuns } from './schema.js';

export interface PeriodicJob {
  name: string;
  everyMinutes: number;
  run(now: Date): Promise<unknown>;
}

/**
 * Runs periodic jobs on every app node without running one twice at once: a run is claimed by an
 * UPDATE that moves the job's next time forward, which only one node's statement can win. The
 * jobs themselves are idempotent (reminders are claimed per request), so a run cut short by a
 * crash is simply repeated next time. pg-boss (ARCHITECTURE §1) needs Node 22 from v11 on; this
 * keeps the sweeps on Postgres without another dependency until a real queue is needed.
 */
export function startScheduler(db: Db, jobs: PeriodicJob[], log: FastifyBaseLogger, tickMs = 60_000) {
  let running = false;
  let stopped = false;

  async function claim(job: PeriodicJob, now: Date): Promise<boolean> {
    await db.insert(jobRuns).values({ name: job.name, nextRunAt: now }).onConflictDoNothing();
    const claimed = await db
      .update(jobRuns)
      .set({
        nextRunAt: sql`${now.toISOString()}::timestamptz + make_interval(mins => ${job.everyMinutes})`,
        lastStartedAt: now,
      })
      .where(and(eq(jobRuns.name, job.name), lte(jobRuns.nextRunAt, now)))
      .returning({ name: jobRuns.name });
    return claimed.length > 0;
  }

  async function tick() {
    if (running || stopped) return;
    running = true;
    try {
      for (const job of jobs) {
        const now = new Date();
        if (!(await claim(job, now))) continue;
        let error: string | null = null;
        try {
          const result = await job.run(now);
          log.info({ job: job.name, result }, 'job finished');
        } catch (failure) {
          error = failure instanceof Error ? failure.message : String(failure);
          log.error({ job: job.name, err: failure }, 'job failed');
        }
        await db
          .update(jobRuns)
          .set({ lastFinishedAt: new Date(), lastError: error })
          .where(eq(jobRuns.name, job.name));
      }
    } catch (failure) {
      log.error({ err: failure }, 'scheduler tick failed');
    } finally {
      running = false;
    }
  }

  const timer = setInterval(() => void tick(), tickMs);
  timer.unref();
  void tick();
  return {
    /** Resolves once a tick in progress has finished, so shutdown does not cut a job's writes. */
    async stop() {
      stopped = true;
      clearInterval(timer);
      while (running) await new Promise((resolve) => setTimeout(resolve, 50));
    },
    tick,
  };
}
