import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { usePostgres } from '../testing/harness.js';
import { type Database, openDatabase } from './client.js';

// A lost connection is a Postgres server matter; the embedded database has no sockets to lose.
describe.skipIf(!usePostgres)('the Postgres pool', () => {
  let database: Database | null = null;
  afterAll(() => database?.close());

  it('survives a connection killed in the middle of a transaction and serves the next query', async () => {
    database = await openDatabase({ url: process.env.TEST_DATABASE_URL as string, dataDir: null });
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    try {
      const transaction = database.db.transaction(async (tx) => {
        const { rows } = (await tx.execute(sql`select pg_backend_pid() as pid`)) as unknown as {
          rows: { pid: number }[];
        };
        const [row] = rows;
        // As a Postgres restart does to every session: the server ends this one under the transaction.
        await admin.query('select pg_terminate_backend($1)', [row?.pid]);
        await tx.execute(sql`select pg_sleep(5)`);
      });
      await expect(transaction).rejects.toThrow();
      // Before the fix the checked-out client emitted an unhandled 'error' here and killed the process.
      await new Promise((resolve) => setTimeout(resolve, 100));
      const { rows } = (await database.db.execute(sql`select 1 as ok`)) as unknown as {
        rows: { ok: number }[];
      };
      const [alive] = rows;
      expect(alive?.ok).toBe(1);
    } finally {
      await admin.end();
    }
  });
});
