import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';

/** What one computation covers: an agency, a period of local dates and optional narrowing. */
export interface Scope {
  agency: { id: string; name: string; timezone: string };
  from: string;
  to: string;
  departmentIds: string[] | null;
  channel: string | null;
  /** «Now» for open requests and review dates: fixed per computation so every number agrees. */
  now: Date;
  today: string;
}

export const rowsOf = async <T>(db: Executor, query: SQL) =>
  ((await db.execute(query)) as unknown as { rows: T[] }).rows;

export const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);

/** The period's bounds as instants: from the start of `from` to the end of `to`, agency time. */
export function periodSql(column: SQL, scope: Scope) {
  const tz = scope.agency.timezone;
  return sql`${column} >= (${scope.from}::date::timestamp at time zone ${tz})
    and ${column} < ((${scope.to}::date + 1)::timestamp at time zone ${tz})`;
}

export const sumOf = (rows: { n: number }[]) => rows.reduce((sum, r) => sum + r.n, 0);
