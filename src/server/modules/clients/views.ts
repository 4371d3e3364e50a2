import type { ClientContact, ClientDetail, ClientSummary } from '../../../common/clients.js';
import type { ClientRow, ContactRow } from './repo.js';

export const toContact = (row: ContactRow): ClientContact => ({
  id: row.id,
  kind: row.kind,
  value: row.value,
  verified: row.verified,
  source: row.source,
  createdAt: row.createdAt.toISOString(),
  bouncedAt: row.bouncedAt?.toISOString() ?? null,
  bounceReason: row.bounceReason,
});

export function toSummary(row: ClientRow, contacts: ContactRow[]): ClientSummary {
  const first = (kind: ContactRow['kind']) => contacts.find((c) => c.clientId === row.id && c.kind === kind);
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    organisationName: row.organisationName,
    email: first('email')?.value ?? null,
    phone: first('phone')?.value ?? null,
    legalHold: row.legalHold,
    lastInteractionAt: row.lastInteractionAt.toISOString(),
  };
}

export const toDetail = (
  row: ClientRow,
  contacts: ContactRow[],
  mergedFrom: string | null,
): ClientDetail => ({
  id: row.id,
  kind: row.kind,
  name: row.name,
  organisationName: row.organisationName,
  inn: row.inn,
  postalAddress: row.postalAddress,
  legalHold: row.legalHold,
  legalHoldReason: row.legalHoldReason,
  createdAt: row.createdAt.toISOString(),
  lastInteractionAt: row.lastInteractionAt.toISOString(),
  contacts: contacts.map(toContact),
  mergedFrom,
});

/** What the audit keeps of a client: the record and its contacts, enough to see what changed. */
export const auditView = (row: ClientRow, contacts: ContactRow[]) => ({
  kind: row.kind,
  name: row.name,
  organisationName: row.organisationName,
  inn: row.inn,
  postalAddress: row.postalAddress,
  legalHold: row.legalHold,
  legalHoldReason: row.legalHoldReason,
  contacts: contacts.map((c) => ({ kind: c.kind, value: c.value, verified: c.verified })),
});
