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
  'reception_appeal',
  'social_comment',
  'consult_call',
] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];
