import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import { bindRow, placeholderRow } from '../../db/prepared-rows.js';
import type { Upload } from '../../http/uploads.js';
import { type NewOutbound, outboundInsert, withIndexes } from '../channels/outbox.repo.js';
import { outboundMessages } from '../channels/schema.js';
import { CHOSEN_CLIENT_ID, clientMatchCtes, type StoredContact } from '../clients/match.repo.js';
import { consentEventInsert } from '../clients/repo.js';
import { sequenceCte, TAKEN_SEQUENCE } from './repo.js';
import { requestAttachments, requestEvents, requests } from './schema.js';

/**
 * The one statement that registers a request (issue 4, intake benchmark): the sequence number,
 * the client, the request, its events, files, acknowledgement and consent. Its text depends only
 * on its shape — which request columns are given, how many contacts, notes, files and messages;
 * every value is a placeholder, so the statement is built once per shape, parsed once per
 * connection, then only run.
 */
export interface RegistrationRows {
  /** The request's own columns; the statement writes these (the same keys every time) and the rest below. */
  request: Omit<typeof requests.$inferInsert, 'number' | 'clientId' | 'status' | 'registeredAt'> & {
    registeredAt: Date;
  };
  /** The number up to its sequence, which the statement takes; and the counter's year. */
  numberHead: string;
  year: number;
  registeredBy: string | null;
  contacts: { kind: string; value: string; index: string }[];
  /** Internal notes for staff, written as events with the registration. */
  notes: string[];
  files: Upload[];
  /** The acknowledgement; `standIn` in its subject and body becomes the sequence. */
  messages: NewOutbound[];
  standIn: string;
  /** 152-ФЗ ст. 9: the consent to processing given with the request, kept in the client's history. */
  consent: boolean;
}

type RequestColumn = keyof RegistrationRows['request'] & string;

const FILE_KEYS = ['originalName', 'storageKey', 'mimeType', 'size', 'sha256'] as const;
const MESSAGE_KEYS = [
  'network',
  'accountId',
  'recipient',
  'recipientIndex',
  'replyToIndex',
  'thread',
  'attachments',
] as const;

interface Shape {
  requestColumns: RequestColumn[];
  contacts: number;
  notes: number;
  files: number;
  messages: number;
  consent: boolean;
}

const value = (name: string) => sql`${sql.placeholder(name)}`;

function build(executor: Executor, shape: Shape) {
  const agencyId = value('request.agencyId');
  const requestId = value('request.id');
  const registeredAt = value('request.registeredAt');
  const contacts: StoredContact[] = Array.from({ length: shape.contacts }, (_, i) => ({
    kind: sql.placeholder(`contact${i}.kind`),
    value: sql.placeholder(`contact${i}.value`),
    index: sql.placeholder(`contact${i}.index`),
  }));
  const before = [
    sequenceCte(agencyId, value('year')),
    ...clientMatchCtes({
      agencyId: sql.placeholder('request.agencyId'),
      name: sql.placeholder('request.contactName'),
      // The timestamp column's encoder writes an ISO instant; the client's new contacts come from the channel.
      at: sql.placeholder('request.registeredAt'),
      source: sql.placeholder('request.channel'),
      contacts,
      lockAfter: 'numbered',
    }),
  ];
  const event = { agencyId, requestId };
  const events = [
    { ...event, at: value('request.receivedAt'), status: 'received' as const },
    { ...event, at: registeredAt, status: 'registered' as const, actorId: value('registeredBy') },
    ...Array.from({ length: shape.notes }, (_, i) => ({
      ...event,
      at: registeredAt,
      status: 'registered' as const,
      note: value(`note${i}`),
      isPublic: false,
    })),
  ];
  const files = Array.from({ length: shape.files }, (_, i) => ({
    ...placeholderRow(requestAttachments, `file${i}.`, FILE_KEYS),
    ...event,
    kind: 'incoming' as const,
  }));
  const withSequence = (name: string) => sql`replace(${value(name)}, ${value('standIn')}, ${TAKEN_SEQUENCE})`;
  const messages = Array.from({ length: shape.messages }, (_, i) => ({
    ...placeholderRow(outboundMessages, `message${i}.`, MESSAGE_KEYS),
    agencyId,
    requestId,
    clientId: CHOSEN_CLIENT_ID,
    subject: withSequence(`message${i}.subject`),
    body: withSequence(`message${i}.body`),
  }));
  const linked = [
    executor.insert(requestEvents).values(events),
    ...(files.length ? [executor.insert(requestAttachments).values(files)] : []),
    ...(messages.length ? [outboundInsert(executor, messages)] : []),
    ...(shape.consent
      ? [
          consentEventInsert(executor, {
            agencyId,
            clientId: CHOSEN_CLIENT_ID,
            purpose: 'personal_data',
            action: 'given',
            channel: value('request.channel'),
            requestId,
            at: registeredAt,
          }),
        ]
      : []),
  ];
  // Postgres checks the linked rows' foreign keys at the end of the statement, when the client
  // and the request are there.
  const ctes = [
    ...before.map((cte) => executor.$with(cte.name, {}).as(cte.query)),
    ...linked.map((insert, i) => executor.$with(`linked_${i}`, {}).as(insert.getSQL())),
  ];
  return executor
    .with(...ctes)
    .insert(requests)
    .values({
      ...placeholderRow(requests, 'request.', shape.requestColumns),
      number: sql`${value('numberHead')} || ${TAKEN_SEQUENCE}`,
      status: 'registered',
      clientId: CHOSEN_CLIENT_ID,
    })
    .returning();
}

type Prepared = ReturnType<ReturnType<typeof build>['prepare']>;

function shapeOf(rows: RegistrationRows): Shape {
  return {
    requestColumns: Object.keys(rows.request) as RequestColumn[],
    contacts: rows.contacts.length,
    notes: rows.notes.length,
    files: rows.files.length,
    messages: rows.messages.length,
    consent: rows.consent,
  };
}

function valuesOf(rows: RegistrationRows) {
  const values: Record<string, unknown> = {
    numberHead: rows.numberHead,
    year: rows.year,
    registeredBy: rows.registeredBy,
    standIn: rows.standIn,
  };
  bindRow(requests, 'request.', rows.request, values);
  rows.contacts.forEach((contact, i) => {
    for (const [key, part] of Object.entries(contact)) values[`contact${i}.${key}`] = part;
  });
  rows.notes.forEach((note, i) => {
    values[`note${i}`] = note;
  });
  rows.files.forEach((file, i) => {
    const row = {
      originalName: file.name,
      storageKey: file.key,
      mimeType: file.mimeType,
      size: file.size,
      sha256: file.sha256,
    };
    bindRow(requestAttachments, `file${i}.`, row, values);
  });
  rows.messages.forEach((message, i) => {
    const indexed = withIndexes(message);
    const row = {
      network: indexed.network,
      accountId: indexed.accountId ?? null,
      recipient: indexed.recipient,
      recipientIndex: indexed.recipientIndex,
      replyToIndex: indexed.replyToIndex,
      thread: indexed.thread ?? null,
      attachments: indexed.attachments ?? [],
    };
    bindRow(outboundMessages, `message${i}.`, row, values);
    values[`message${i}.subject`] = message.subject ?? null;
    values[`message${i}.body`] = message.body;
  });
  return values;
}

/** The shape in words: the key of the statement's cache and, hashed, its name. */
const keyOf = (shape: Shape) =>
  `${shape.requestColumns.join(',')}|${shape.contacts}|${shape.notes}|${shape.files}|${shape.messages}|${shape.consent}`;

/** Statement names are per connection; the same shape always builds the same text. */
const nameOf = (key: string) => `register_${createHash('sha256').update(key).digest('hex').slice(0, 24)}`;

/**
 * Runs the registration statement on `db` or in a transaction. On `db` the prepared statement
 * is kept per shape (a bounded number: contacts, notes, files and messages are each few).
 */
export function createRegistrationStatement(db: Db) {
  const preparedOnDb = new Map<string, Prepared>();
  return async function register(executor: Executor, rows: RegistrationRows) {
    const shape = shapeOf(rows);
    const key = keyOf(shape);
    let prepared = executor === db ? preparedOnDb.get(key) : undefined;
    if (!prepared) {
      prepared = build(executor, shape).prepare(nameOf(key));
      if (executor === db) preparedOnDb.set(key, prepared);
    }
    const [row] = await prepared.execute(valuesOf(rows));
    if (!row) throw new Error('request insert returned nothing');
    return row;
  };
}

export type RegistrationStatement = ReturnType<typeof createRegistrationStatement>;
