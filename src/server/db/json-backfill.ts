import { type SQL, sql } from 'drizzle-orm';
import type { FieldCrypto } from '../lib/field-crypto.js';
import {
  AUDIT_CONTACT_KEYS,
  mapAuditContacts,
  mapRouteRecipient,
  mapThreadIds,
  resealer,
  THREAD_ID_KEYS,
} from '../lib/sealed-json.js';
import { jsonBackfillMarks } from './backfill.schema.js';
import type { Db } from './client.js';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** A table whose jsonb columns carry contact strings, sealed one by one inside the document. */
export interface SealedJsonTable {
  name: string;
  idType: 'uuid' | 'bigint';
  columns: string[];
  /** Where the contact strings are (SQL/JSON paths): the rows to seal are found in the database. */
  paths: string[];
  /** Rewrites every contact string of a document; the same walk the column type does. */
  map: (document: unknown, change: (text: string) => string) => unknown;
  /** An indexed column that grows with new rows: a pass's mark is its largest value. */
  mark: { column: string; type: 'bigint' | 'timestamptz' };
}

export const JSON_TABLES: SealedJsonTable[] = [
  {
    name: 'audit_log',
    idType: 'bigint',
    columns: ['before', 'after'],
    paths: [...AUDIT_CONTACT_KEYS.map((key) => `$.**.${key}`), '$.**.contacts[*].value'],
    map: mapAuditContacts,
    mark: { column: 'id', type: 'bigint' },
  },
  {
    name: 'requests',
    idType: 'uuid',
    columns: ['reply_route'],
    paths: ['$.recipient', ...THREAD_ID_KEYS.map((key) => `$.thread.${key}`)],
    map: (route, change) =>
      route && typeof route === 'object' ? mapRouteRecipient(route as { recipient: string }, change) : route,
    mark: { column: 'created_at', type: 'timestamptz' },
  },
  {
    name: 'outbound_messages',
    idType: 'uuid',
    columns: ['thread'],
    paths: THREAD_ID_KEYS.map((key) => `$.${key}`),
    map: (thread, change) => mapThreadIds(thread as Record<string, string>, change),
    mark: { column: 'created_at', type: 'timestamptz' },
  },
];

/** A contact string in the column not sealed under the current key: clear, or a previous key's. */
function staleIn(column: string, paths: string[], crypto: FieldCrypto): SQL {
  const vars = JSON.stringify({ current: `f1:${crypto.keyId}:` });
  const checks = paths.map(
    (path) => sql`jsonb_path_exists(${sql.identifier(column)},
      ${`${path} ? (@.type() == "string" && !(@ starts with $current))`}::jsonpath, ${vars}::jsonb)`,
  );
  return sql`(${sql.identifier(column)} is not null and (${sql.join(checks, sql` or `)}))`;
}

/**
 * Where a pass of this table may start: the mark of the last finished pass under the same key,
 * or null (every row) when there is none or the key has changed since. Rows before the mark were
 * checked under this key, and new rows are written sealed, so only a rotation needs them again.
 */
export async function passStart(db: Db, table: SealedJsonTable, crypto: FieldCrypto): Promise<string | null> {
  const [mark] = await db
    .select()
    .from(jsonBackfillMarks)
    .where(sql`${jsonBackfillMarks.tableName} = ${table.name}`);
  return mark?.keyId === crypto.keyId ? mark.checkedFrom : null;
}

/** The largest mark value now, read before a pass: what the pass will have checked once it ends. */
export async function currentMark(db: Db, table: SealedJsonTable): Promise<string | null> {
  const result = await db.execute(
    sql`select max(${sql.identifier(table.mark.column)})::text as mark from ${sql.identifier(table.name)}`,
  );
  return (result as unknown as { rows: { mark: string | null }[] }).rows[0]?.mark ?? null;
}

/** Called once a pass has ended: the next start under this key begins at `checkedFrom`. */
export async function recordMark(db: Db, table: SealedJsonTable, crypto: FieldCrypto, checkedFrom: string) {
  const values = { tableName: table.name, keyId: crypto.keyId, checkedFrom, updatedAt: new Date() };
  await db
    .insert(jsonBackfillMarks)
    .values(values)
    .onConflictDoUpdate({ target: jsonBackfillMarks.tableName, set: values });
}

/**
 * One batch of rows with a stale contact string after the cursor `after` (an id), from the mark
 * `from` on (inclusive: rows sharing the mark's value are checked again, none is missed); the
 * whole documents are rewritten. The cursor makes a run visit each row once, so a document shape
 * the walk does not reach (the SQL/JSON paths are lax) cannot keep a node starting forever.
 */
export async function sealJsonBatch(
  tx: Tx,
  table: SealedJsonTable,
  crypto: FieldCrypto,
  limit: number,
  after: string | null,
  from: string | null = null,
): Promise<{ sealed: number; last: string | null }> {
  const stale = sql.join(
    table.columns.map((c) => staleIn(c, table.paths, crypto)),
    sql` or `,
  );
  const sinceMark =
    from === null
      ? sql`true`
      : sql`${sql.identifier(table.mark.column)} >= ${from}::${sql.raw(table.mark.type)}`;
  const idType = sql.raw(table.idType);
  const result = await tx.execute(sql`
    select id::text as id, ${sql.join(
      table.columns.map((c) => sql.identifier(c)),
      sql`, `,
    )} from ${sql.identifier(table.name)}
    where ${sinceMark} and (${stale}) and (${after}::${idType} is null or id > ${after}::${idType})
    order by id limit ${limit} for update skip locked`);
  const rows = (result as unknown as { rows: Record<string, unknown>[] }).rows;
  if (rows.length === 0) return { sealed: 0, last: null };
  const reseal = resealer(crypto);
  const values = rows.map((row) => {
    const cells = table.columns.map((c) => {
      const document = typeof row[c] === 'string' ? JSON.parse(row[c] as string) : row[c];
      return sql`${document == null ? null : JSON.stringify(table.map(document, reseal))}::jsonb`;
    });
    return sql`(${row.id}::${idType}, ${sql.join(cells, sql`, `)})`;
  });
  await tx.execute(sql`
    update ${sql.identifier(table.name)} t
    set ${sql.join(
      table.columns.map((c) => sql`${sql.identifier(c)} = v.${sql.identifier(c)}`),
      sql`, `,
    )}
    from (values ${sql.join(values, sql`, `)}) as v (id, ${sql.join(
      table.columns.map((c) => sql.identifier(c)),
      sql`, `,
    )})
    where t.id = v.id`);
  return { sealed: rows.length, last: rows[rows.length - 1]?.id as string };
}
