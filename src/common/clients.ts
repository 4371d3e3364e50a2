// Shapes of the clients and history API, shared by the server and the console.
export const CLIENT_KINDS = ['person', 'organisation'] as const;
export type ClientKind = (typeof CLIENT_KINDS)[number];
export const CONTACT_KINDS = ['email', 'phone', 'telegram', 'vk', 'ok', 'postal'] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

export interface ClientContact {
  id: string;
  kind: ContactKind;
  value: string;
  verified: boolean;
  source: string;
  createdAt: string;
  /** The last delivery failure report for this e-mail address, with the receiving server's words. */
  bouncedAt: string | null;
  bounceReason: string | null;
}

export interface ClientSummary {
  id: string;
  kind: ClientKind;
  name: string;
  organisationName: string | null;
  email: string | null;
  phone: string | null;
  legalHold: boolean;
  lastInteractionAt: string;
}

export interface ClientDetail {
  id: string;
  kind: ClientKind;
  name: string;
  organisationName: string | null;
  inn: string | null;
  postalAddress: string | null;
  legalHold: boolean;
  legalHoldReason: string | null;
  createdAt: string;
  lastInteractionAt: string;
  contacts: ClientContact[];
  /** Set when the id asked for was merged into this client. */
  mergedFrom: string | null;
}

export interface MergeSuggestion {
  left: ClientSummary;
  right: ClientSummary;
  reasons: { kind: ContactKind | 'name_address'; value: string }[];
}

/** Where an interaction took place; calls, reception and surveys add theirs as they arrive. */
export type TimelineChannel = string;

export interface TimelineEntry {
  /** The source that produced it: «request», «request_event», «consent», «history_export», later «call»… */
  kind: string;
  at: string;
  channel: TimelineChannel;
  /** A request status, or «given»/«withdrawn» for consents; null when the kind says it all. */
  status: string | null;
  /** Russian, as it also appears in the exported PDF. */
  title: string;
  detail: string | null;
  requestId: string | null;
  requestNumber: string | null;
  /** Staff-only (an internal request event): shown in the console, left out of the client's export. */
  internal: boolean;
}

export interface RetentionPurge {
  id: string;
  at: string;
  cutoff: string;
  clientCount: number;
  requestCount: number;
  socialItemCount: number;
}
