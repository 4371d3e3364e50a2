// The lifecycle of a request (issue: received → registered → assigned → in progress → (extended)
// → answered | refused | redirected | left without answer → closed).
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

/** Statuses in which the legal term still runs: these count as open and can be overdue. */
export const OPEN_STATUSES: readonly RequestStatus[] = [
  'received',
  'registered',
  'assigned',
  'in_progress',
  'extended',
];
