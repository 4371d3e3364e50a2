import { sql } from 'drizzle-orm';
import type { Harness } from './harness.js';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

const rowsOf = async <T>(harness: Harness, query: ReturnType<typeof sql>) =>
  ((await harness.services.database.db.execute(query)) as unknown as { rows: T[] }).rows;

/** Every table carrying `agency_id` (ARCHITECTURE §3): found in the catalogue, so a new table is included. */
export async function agencyTables(harness: Harness): Promise<string[]> {
  const rows = await rowsOf<{ table_name: string }>(
    harness,
    sql`select c.table_name from information_schema.columns c
        join information_schema.tables t on t.table_name = c.table_name and t.table_schema = c.table_schema
        where c.table_schema = 'public' and c.column_name = 'agency_id' and t.table_type = 'BASE TABLE'
        order by c.table_name`,
  );
  return rows.map((row) => row.table_name);
}

/** Every row of one agency, table by table, each as its JSON text, sorted: a comparable picture. */
export async function agencySnapshot(harness: Harness, agencyId: string): Promise<Map<string, string[]>> {
  const snapshot = new Map<string, string[]>();
  for (const table of await agencyTables(harness)) {
    const rows = await rowsOf<{ row: string }>(
      harness,
      sql`select to_jsonb(t)::text as row from ${sql.identifier(table)} t where t.agency_id = ${agencyId}`,
    );
    snapshot.set(table, rows.map((r) => r.row).sort());
  }
  return snapshot;
}

/** The uuids a snapshot mentions, with the table whose `id` each is (when it is one). */
export function idsOf(snapshot: Map<string, string[]>) {
  const all = new Set<string>();
  const byTable = new Map<string, string[]>();
  for (const [table, rows] of snapshot) {
    const own: string[] = [];
    for (const row of rows) {
      for (const match of row.matchAll(UUID)) all.add(match[0]);
      const id = (JSON.parse(row) as { id?: unknown }).id;
      if (typeof id === 'string' || typeof id === 'number') own.push(String(id));
    }
    byTable.set(table, own);
  }
  return { all, byTable };
}

export const uuidsIn = (text: string) => new Set(text.match(UUID) ?? []);
