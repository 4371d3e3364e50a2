import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { rootDir } from '../config.js';
import type { Database } from './client.js';

const MIGRATION_LOCK = 7_214_001; // any constant shared by every Otklik node

/**
 * Applies migrations/ in order, once. An advisory lock serialises nodes (and parallel test
 * workers) starting against the same Postgres, so two of them never apply a file twice.
 */
export async function migrate(database: Database): Promise<void> {
  const migrations = readMigrationFiles({ migrationsFolder: join(rootDir, 'migrations') });
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${MIGRATION_LOCK})`);
    await tx.execute(sql`create table if not exists otklik_migrations (
      hash text primary key, applied_at timestamptz not null default now())`);
    const applied = (await tx.execute(sql`select hash from otklik_migrations`)) as unknown as {
      rows: { hash: string }[];
    };
    const done = new Set(applied.rows.map((row) => row.hash));
    for (const migration of migrations) {
      if (done.has(migration.hash)) continue;
      for (const statement of migration.sql) {
        if (statement.trim()) await tx.execute(sql.raw(statement));
      }
      await tx.execute(sql`insert into otklik_migrations (hash) values (${migration.hash})`);
    }
  });
}
