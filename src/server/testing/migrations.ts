import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { rootDir } from '../config.js';
import type { Database } from '../db/client.js';

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
