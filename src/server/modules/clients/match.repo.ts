import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { fieldCrypto } from '../../lib/field-crypto.js';
import { contactIndex } from './repo.js';
import type { ContactKind } from './schema.js';

export interface GivenContact {
  kind: ContactKind;
  value: string;
  normalized: string;
}

/**
 * The client matching a request's contacts, or a new one, and the contacts it did not have yet —
 * in one statement, since every intake runs it (issue 4, intake benchmark). The first contact in
 * `given` that matches wins (e-mail before phone), then the oldest client; a matched client's
 * last interaction moves forward, never back. A contact seen for the first time joins the client
 * unverified until staff confirm it.
 */
export async function findOrInsertClient(
  db: Executor,
  values: { agencyId: string; name: string; at: Date; source: string; given: GivenContact[] },
): Promise<string> {
  const { agencyId, name, source, given } = values;
  const at = sql`${values.at.toISOString()}::timestamptz`;
  // Raw SQL bypasses the sealed column type: seal and index here, as the repository does.
  const stored = given.map((c) => ({
    ...c,
    value: fieldCrypto().seal(c.value),
    index: contactIndex(c.normalized),
  }));
  const match = given.length
    ? sql.join(
        stored.map((c) => sql`(cc.kind = ${c.kind} and cc.value_index = ${c.index})`),
        sql` or `,
      )
    : sql`false`;
  const rank = given.length
    ? sql`case ${sql.join(
        given.map((c, i) => sql`when cc.kind = ${c.kind} then ${sql.raw(String(i))}`),
        sql` `,
      )} end,`
    : sql``;
  const contacts = given.length
    ? sql`, added as (
        insert into client_contacts (agency_id, client_id, kind, value, value_index, source, created_at)
        select ${agencyId}, chosen.id, v.kind, v.value, v.value_index, ${source}, ${at}
        from chosen cross join (values ${sql.join(
          stored.map((c) => sql`(${c.kind}, ${c.value}, ${c.index})`),
          sql`, `,
        )}) as v (kind, value, value_index)
        on conflict do nothing)`
    : sql``;
  const result = await db.execute(sql`
    with found as (
      select c.id from client_contacts cc join clients c on c.id = cc.client_id
      where cc.agency_id = ${agencyId} and (${match})
      order by ${rank} c.created_at asc limit 1
    ), touched as (
      update clients set last_interaction_at = greatest(last_interaction_at, ${at})
      where agency_id = ${agencyId} and id in (select id from found) returning id
    ), created as (
      insert into clients (agency_id, name, created_at, last_interaction_at)
      select ${agencyId}, ${name}, ${at}, ${at} where not exists (select 1 from found) returning id
    ), chosen as (select id from touched union all select id from created)${contacts}
    select id from chosen`);
  const [row] = (result as unknown as { rows: { id: string }[] }).rows;
  if (!row) throw new Error('client match returned nothing');
  return row.id;
}
