import { getTableColumns, type SQL, sql, type Table } from 'drizzle-orm';

/**
 * Rows of a statement that is prepared once per shape and run with new values: in the
 * statement each value is a placeholder named `<prefix><key>`, and `bindRow` encodes a row's
 * values for it as its column would (sealing, JSON, timestamps). Drizzle's own placeholders
 * would encode a null too (a JSON column would store the JSON `null`), so the encoding is done
 * here, where a null stays NULL.
 */
export function placeholderRow<T extends Table, K extends keyof T['$inferInsert'] & string>(
  _table: T,
  prefix: string,
  keys: readonly K[],
): Record<K, SQL> {
  return Object.fromEntries(keys.map((key) => [key, sql`${sql.placeholder(`${prefix}${key}`)}`])) as Record<
    K,
    SQL
  >;
}

/** Puts a row's values, encoded for their columns, into `values` under the names `placeholderRow` gave them. */
export function bindRow<T extends Table>(
  table: T,
  prefix: string,
  row: Partial<Record<keyof T['$inferInsert'] & string, unknown>>,
  values: Record<string, unknown>,
) {
  const columns = getTableColumns(table);
  for (const [key, value] of Object.entries(row)) {
    const column = columns[key];
    if (!column) throw new Error(`${key} is not a column`);
    values[`${prefix}${key}`] = value === null || value === undefined ? null : column.mapToDriverValue(value);
  }
}
