import { type SQL, sql } from 'drizzle-orm';
import type { ContactKind } from '../../common/clients.js';
import type { FieldCrypto } from '../lib/field-crypto.js';
import { replyToIndexOf } from '../modules/channels/reply-index.js';
import { normalizeContact } from '../modules/clients/contacts.js';
import { channelKeyIndex } from '../modules/requests/channel-keys.js';
import type { Db } from './client.js';
import { currentMark, JSON_TABLES, passStart, recordMark, sealJsonBatch } from './json-backfill.js';

/** A blind index column, the further columns it reads, and its value computed from the opened row. */
interface BlindIndex {
  column: string;
  reads: string[];
  of: (row: Record<string, string | null>, crypto: FieldCrypto) => string | null;
}

/** The blind index of a value as it is stored (a network id is matched exactly as the network names it). */
const indexOf = (column: string, source: string): BlindIndex => ({
  column,
  reads: [],
  of: (row, crypto) => crypto.blindIndex(row[source] ?? ''),
});

/** The message an outbound reply answers, from its thread read as JSON text (sealed or, before 0042's backfill, clear). */
function replyToOf(thread: string | null): string | null {
  const parsed: unknown = thread === null ? null : JSON.parse(thread);
  if (parsed === null || typeof parsed !== 'object') return null;
  const { replyTo } = parsed as { replyTo?: unknown };
  return typeof replyTo === 'string' ? replyTo : null;
}

/** A table whose contact columns are sealed; `kind` tells a contact row's normalisation. */
interface SealedTable {
  name: string;
  /** The primary key's type when it is not a uuid. */
  idType?: 'bigint';
  columns: string[];
  indexes?: BlindIndex[];
  /**
   * An append-only table whose trigger refuses every UPDATE but a re-seal of these columns in a
   * transaction that set `otklik.reseal` (migration 0038): only this backfill sets it.
   */
  appendOnly?: true;
  /**
   * Rows written before one of the blind index columns existed, whose sealed columns may all be
   * under the current key already: visited too, so the index is filled. Once written the row no
   * longer matches, or the backfill would never end.
   */
  unindexed?: SQL;
}

const TABLES: SealedTable[] = [
  {
    name: 'client_contacts',
    // The bounce diagnosis quotes the address.
    columns: ['value', 'bounce_reason'],
    indexes: [
      {
        column: 'value_index',
        reads: ['kind'],
        of: (row, crypto) => crypto.blindIndex(normalizeContact(row.kind as ContactKind, row.value ?? '')),
      },
    ],
  },
  { name: 'clients', columns: ['postal_address'] },
  {
    name: 'requests',
    columns: ['contact_email', 'contact_phone', 'channel_message_key'],
    indexes: [
      {
        // A network message's key is its blind index; a portal or ПОС key is kept as it is.
        column: 'idempotency_key',
        reads: ['idempotency_key'],
        of: (row, crypto) =>
          row.channel_message_key === null
            ? (row.idempotency_key ?? null)
            : channelKeyIndex(crypto, row.channel_message_key ?? ''),
      },
    ],
  },
  { name: 'calls', columns: ['caller_phone'] },
  { name: 'reception_bookings', columns: ['phone', 'email'] },
  { name: 'reception_cards', columns: ['phone', 'email', 'postal_address'] },
  {
    name: 'mailing_subscribers',
    columns: ['email'],
    indexes: [indexOf('email_index', 'email')],
  },
  // A copy of the subscriber's sealed address, and a relay's refusal that quotes it.
  { name: 'mailing_recipients', idType: 'bigint', columns: ['email', 'last_error'] },
  { name: 'mailing_consent_events', idType: 'bigint', columns: ['email'], appendOnly: true },
  {
    name: 'outbound_messages',
    // A network's diagnosis quotes the address, number or chat id it was given.
    columns: ['recipient', 'last_error'],
    indexes: [
      indexOf('recipient_index', 'recipient'),
      {
        column: 'reply_to_index',
        reads: ['thread'],
        of: (row, crypto) => {
          const replyTo = replyToOf(row.thread ?? null);
          return replyTo === null ? null : replyToIndexOf(crypto, row.recipient ?? '', crypto.open(replyTo));
        },
      },
    ],
    // Migration outbound_reply_to_index added the column empty; `of` fills it for exactly these rows.
    unindexed: sql`reply_to_index is null and jsonb_typeof(thread -> 'replyTo') = 'string'`,
  },
  {
    name: 'social_items',
    columns: ['external_id', 'thread_id', 'author_id'],
    indexes: [
      indexOf('external_index', 'external_id'),
      indexOf('thread_index', 'thread_id'),
      indexOf('author_index', 'author_id'),
    ],
  },
];

export interface BackfillProgress {
  table: string;
  sealed: number;
}

/**
 * Seals contact fields still in the clear (rows from before encryption) or under a previous key
 * (a rotation), in batches, at startup after the migrations: a migration cannot, the key lives
 * outside the database. Rows already under the current key are left alone, so a second run does
 * nothing; `for update skip locked` lets several nodes starting together share the work.
 */
export async function sealContactFields(
  db: Db,
  crypto: FieldCrypto,
  onProgress: (progress: BackfillProgress) => void = () => {},
  batchSize = 500,
): Promise<BackfillProgress[]> {
  const done: BackfillProgress[] = [];
  for (const table of TABLES) {
    let sealed = 0;
    for (;;) {
      const batch = await db.transaction((tx) => sealBatch(tx, table, crypto, batchSize));
      if (batch === 0) break;
      sealed += batch;
      onProgress({ table: table.name, sealed });
    }
    done.push({ table: table.name, sealed });
  }
  // The JSON filter cannot use an index: each table is scanned only from its last pass's mark.
  for (const table of JSON_TABLES) {
    const from = await passStart(db, table, crypto);
    const reached = await currentMark(db, table);
    let sealed = 0;
    let after: string | null = null;
    for (;;) {
      const cursor = after;
      const batch: { sealed: number; last: string | null } = await db.transaction((tx) =>
        sealJsonBatch(tx, table, crypto, batchSize, cursor, from),
      );
      if (batch.sealed === 0) break;
      sealed += batch.sealed;
      after = batch.last;
      onProgress({ table: `${table.name} (json)`, sealed });
    }
    if (reached !== null) await recordMark(db, table, crypto, reached);
    done.push({ table: `${table.name} (json)`, sealed });
  }
  return done;
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

async function sealBatch(tx: Tx, table: SealedTable, crypto: FieldCrypto, limit: number) {
  const current = `f1:${crypto.keyId}:%`;
  const stale = sql.join(
    table.columns.map(
      (c) => sql`(${sql.identifier(c)} is not null and ${sql.identifier(c)} not like ${current})`,
    ),
    sql` or `,
  );
  const selected = [
    sql`id`,
    // As text, a jsonb column too: an index reads strings.
    ...(table.indexes ?? []).flatMap((index) =>
      index.reads.map((c) => sql`${sql.identifier(c)}::text as ${sql.identifier(c)}`),
    ),
    ...table.columns.map((c) => sql.identifier(c)),
  ];
  const result = await tx.execute(sql`
    select ${sql.join(selected, sql`, `)} from ${sql.identifier(table.name)}
    where ${stale}${table.unindexed ? sql` or (${table.unindexed})` : sql``}
    order by id limit ${limit} for update skip locked`);
  const rows = (result as unknown as { rows: Record<string, string | null>[] }).rows;
  if (rows.length === 0) return 0;
  if (table.appendOnly) await tx.execute(sql`select set_config('otklik.reseal', 'on', true)`);
  const indexes = table.indexes ?? [];
  const written = [...table.columns, ...indexes.map((index) => index.column)];
  const values = rows.map((row) => {
    const opened: Record<string, string | null> = Object.fromEntries(
      table.columns.map((c) => [c, typeof row[c] === 'string' ? crypto.open(row[c]) : null]),
    );
    const cells: SQL[] = table.columns.map((c) => {
      const plain = opened[c];
      return sql`${typeof plain === 'string' ? crypto.seal(plain) : null}::text`;
    });
    for (const index of indexes) cells.push(sql`${index.of({ ...row, ...opened }, crypto)}::text`);
    return sql`(${row.id}::${sql.raw(table.idType ?? 'uuid')}, ${sql.join(cells, sql`, `)})`;
  });
  await tx.execute(sql`
    update ${sql.identifier(table.name)} t
    set ${sql.join(
      written.map((c) => sql`${sql.identifier(c)} = v.${sql.identifier(c)}`),
      sql`, `,
    )}
    from (values ${sql.join(values, sql`, `)}) as v (id, ${sql.join(
      written.map((c) => sql.identifier(c)),
      sql`, `,
    )})
    where t.id = v.id`);
  return rows.length;
}
