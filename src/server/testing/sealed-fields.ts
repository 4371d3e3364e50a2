import type { SQL } from 'drizzle-orm';
import { afterAll, beforeAll } from 'vitest';
import type { BackfillProgress } from '../db/field-backfill.js';
import { createHarness, type Harness } from './harness.js';

/** A value as `sealedText` stores it: the format version, the key id, then IV, tag and body. */
export const SEALED = /^f1:[0-9a-f]{8}:[\w-]+$/;

/** How many rows of `table` a run of the startup backfill sealed. */
export const sealedCount = (done: BackfillProgress[], table: string) =>
  done.find((p) => p.table === table)?.sealed;

export interface OwnHarness {
  harness: Harness;
  /** Runs a statement on its database: legacy rows are written as the migrations left them, in SQL. */
  exec(query: SQL): Promise<unknown>;
}

/**
 * A harness of its own for a block of tests that run the startup backfill, whose counts cover the
 * whole database: created before the block's tests and closed after (`harness` is set by then).
 */
export function backfillHarness(): OwnHarness {
  const own = {} as OwnHarness;
  own.exec = (query) => own.harness.services.database.db.execute(query);
  beforeAll(async () => {
    own.harness = await createHarness();
  });
  afterAll(() => own.harness.close());
  return own;
}
