import { type Placeholder, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { fieldCrypto } from '../../lib/field-crypto.js';
import { contactIndex } from './repo.js';
import type { ContactKind } from './schema.js';

export interface GivenContact {
  kind: ContactKind;
  value: string;
  normalized: string;
}

/** A common table expression of the client match: its name and its statement. */
export interface ClientMatchCte {
  name: string;
  query: SQL;
}

/** A value of the match's SQL: the value itself, or a placeholder of a prepared statement. */
type Value = string | Placeholder;

/** A contact as the match writes it: sealed, with its blind index (see `storedContacts`). */
export interface StoredContact {
  kind: Value;
  value: Value;
  index: Value;
}

/** The client's id once the match has run: usable in the rest of the same statement. */
export const CHOSEN_CLIENT_ID = sql`(select id from chosen)`;

/** Raw SQL bypasses the sealed column type: contacts are sealed and indexed here, as the repository does. */
export function storedContacts(given: GivenContact[]) {
  return given.map((c) => ({
    kind: c.kind,
    value: fieldCrypto().seal(c.value),
    index: contactIndex(c.normalized),
  }));
}

/**
 * The client matching a request's contacts, or a new one, and the contacts it did not have yet —
 * as CTEs that a caller runs at the top of one statement, since every intake runs them (issue 4,
 * intake benchmark); `chosen` holds the client's id. The first contact that matches wins (e-mail
 * before phone), then the oldest client; a matched client's last interaction moves forward,
 * never back. A contact seen for the first time joins the client unverified until staff confirm
 * it. `at` is an ISO instant.
 */
export function clientMatchCtes(values: {
  agencyId: Value;
  name: Value;
  at: Value;
  source: Value;
  contacts: StoredContact[];
  /**
   * A CTE of the same statement whose row lock must come first: a matched client's row is locked
   * only after it, so two statements never take the two locks in opposite orders.
   */
  lockAfter?: string;
}): ClientMatchCte[] {
  const { agencyId, name, source, contacts, lockAfter } = values;
  const at = sql`${values.at}::timestamptz`;
  const gate = lockAfter ? sql` and exists (select 1 from ${sql.identifier(lockAfter)})` : sql``;
  const match = contacts.length
    ? sql.join(
        contacts.map((c) => sql`(cc.kind = ${c.kind} and cc.value_index = ${c.index})`),
        sql` or `,
      )
    : sql`false`;
  const rank = contacts.length
    ? sql`case ${sql.join(
        contacts.map((c, i) => sql`when cc.kind = ${c.kind} then ${sql.raw(String(i))}`),
        sql` `,
      )} end,`
    : sql``;
  const ctes = [
    {
      name: 'found',
      query: sql`select c.id from client_contacts cc join clients c on c.id = cc.client_id
        where cc.agency_id = ${agencyId} and (${match})
        order by ${rank} c.created_at asc limit 1`,
    },
    {
      name: 'touched',
      query: sql`update clients set last_interaction_at = greatest(last_interaction_at, ${at})
        where agency_id = ${agencyId} and id in (select id from found)${gate} returning id`,
    },
    {
      name: 'created',
      query: sql`insert into clients (agency_id, name, created_at, last_interaction_at)
        select ${agencyId}, ${name}, ${at}, ${at} where not exists (select 1 from found) returning id`,
    },
    { name: 'chosen', query: sql`select id from touched union all select id from created` },
  ];
  if (!contacts.length) return ctes;
  return [
    ...ctes,
    {
      name: 'added',
      query: sql`insert into client_contacts (agency_id, client_id, kind, value, value_index, source, created_at)
        select ${agencyId}, chosen.id, v.kind, v.value, v.value_index, ${source}, ${at}
        from chosen cross join (values ${sql.join(
          contacts.map((c) => sql`(${c.kind}::text, ${c.value}::text, ${c.index}::text)`),
          sql`, `,
        )}) as v (kind, value, value_index)
        on conflict do nothing`,
    },
  ];
}

/** Runs the client match by itself (a reception card without an appeal). */
export async function findOrInsertClient(db: Executor, ctes: ClientMatchCte[]): Promise<string> {
  const withClause = sql.join(
    ctes.map((cte) => sql`${sql.identifier(cte.name)} as (${cte.query})`),
    sql`, `,
  );
  const result = await db.execute(sql`with ${withClause} select id from chosen`);
  const [row] = (result as unknown as { rows: { id: string }[] }).rows;
  if (!row) throw new Error('client match returned nothing');
  return row.id;
}
