// Request kinds and statuses shared by the server (lifecycle rules) and the web apps (labels, filters).
// The lifecycle: received → registered → assigned → in progress → (extended)
// → answered | refused | redirected | left without answer → closed.
export const REQUEST_STATUSES = [
  'received',
  'registered',
  'assigned',
  'in_progress',
  'extended',
  'answered',
  'refused',
  'redirected',
  'left_without_answer',
  'closed',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const REQUEST_KINDS = [
  'appeal',
  'info_request',
  'pos_message',
  'reception_appeal',
  'social_comment',
  'consult_call',
] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

// Where a request came from (seed 003 p. 3.1, seed 004 p. 7); answers go back the same way.
export const REQUEST_CHANNELS = [
  'portal',
  'email',
  'post',
  'phone',
  'reception',
  'pos',
  'medo',
  'governor_reception',
  'telegram',
  'vk',
  'ok',
  'consult_line',
  'ekc',
] as const;
export type RequestChannel = (typeof REQUEST_CHANNELS)[number];

/** The platform's own categorisation of a ПОС message (seed 003 p. 10.1), kept beside ours. */
export interface ExternalCategory {
  category: string;
  subcategory: string | null;
}

/** What a channel's own document says about where a request came from (МЭДО, the Governor's reception, ПОС). */
export interface ExternalSource {
  /** The sender organisation of a МЭДО document. */
  organisation?: string;
  /** The sender's (or the reception's) own number and date of the document. */
  documentNumber?: string;
  documentDate?: string;
  /** Links to files on the platform that sent the message; they are not fetched. */
  links?: string[];
}
