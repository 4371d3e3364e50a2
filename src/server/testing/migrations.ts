import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type SQL, sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { afterAll, beforeAll } from 'vitest';
import { rootDir } from '../config.js';
import { type Database, openDatabase } from '../db/client.js';

export interface EmptyDatabase {
  database: Database;
  /** The rows a query returns. */
  rows<T>(query: SQL): Promise<T[]>;
}

/**
 * For a migration test file: an empty embedded database (each test then builds the schema as it
 * was, with `migrateUpTo`), opened before the file's tests and closed after. `database` is set
 * when the tests begin.
 */
export function emptyDatabaseForFile(): EmptyDatabase {
  const empty = {} as EmptyDatabase;
  empty.rows = async <T>(query: SQL) =>
    ((await empty.database.db.execute(query)) as unknown as { rows: T[] }).rows;
  beforeAll(async () => {
    empty.database = await openDatabase({ url: null, dataDir: null });
  });
  afterAll(() => empty.database.close());
  return empty;
}

/**
 * Applies, to an empty database, every migration before the one whose tag ends in `tagSuffix`
 * (found in the journal, so renumbering at a merge does not move it) and records them as applied:
 * a test then writes rows as they were and runs `migrate` to see that migration handle them.
 */
export async function migrateUpTo(database: Database, tagSuffix: string) {
  const folder = join(rootDir, 'migrations');
  const journal = JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8')) as {
    entries: { tag: string }[];
  };
  const at = journal.entries.findIndex((entry) => entry.tag.endsWith(tagSuffix));
  if (at < 0) throw new Error(`no migration ${tagSuffix}`);
  await database.db.execute(
    sql`create table otklik_migrations (hash text primary key, applied_at timestamptz not null default now())`,
  );
  for (const migration of readMigrationFiles({ migrationsFolder: folder }).slice(0, at)) {
    for (const statement of migration.sql)
      if (statement.trim()) await database.db.execute(sql.raw(statement));
    await database.db.execute(sql`insert into otklik_migrations (hash) values (${migration.hash})`);
  }
}
