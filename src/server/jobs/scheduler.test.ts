import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../testing/harness.js';
import { startScheduler } from './scheduler.js';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness.close());

describe('periodic jobs', () => {
  it('runs a job once per interval however many nodes tick at once, and records failures', async () => {
    const { db } = harness.services.database;
    const runs: string[] = [];
    const name = `job-${Math.random().toString(36).slice(2)}`;
    const job = (node: string) => ({
      name,
      everyMinutes: 60,
      run: async () => {
        runs.push(node);
        throw new Error('SMTP недоступен');
      },
    });
    const log = harness.app.log;
    // A long tick interval: only the explicit ticks below run.
    const nodes = ['a', 'b', 'c'].map((node) => startScheduler(db, [job(node)], log, 3_600_000));
    await Promise.all(nodes.map((node) => node.tick()));
    await Promise.all(nodes.map((node) => node.tick()));
    await Promise.all(nodes.map((node) => node.stop()));
    expect(runs).toHaveLength(1);

    const { rows } = (await db.execute(
      `select last_error from job_runs where name = '${name}'`,
    )) as unknown as { rows: { last_error: string }[] };
    expect(rows[0]?.last_error).toBe('SMTP недоступен');
  });
});
