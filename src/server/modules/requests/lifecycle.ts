import { REQUEST_STATUSES, type RequestStatus } from '../../../common/requests.js';

export { REQUEST_STATUSES, type RequestStatus };

/** Statuses in which the legal term still runs: these count as open and can be overdue. */
export const OPEN_STATUSES: readonly RequestStatus[] = [
  'received',
  'registered',
  'assigned',
  'in_progress',
  'extended',
];

export type RequestAction =
  | 'assign'
  | 'start'
  | 'extend'
  | 'answer'
  | 'refuse'
  | 'leave_without_answer'
  | 'redirect'
  | 'close';

const WORKING: readonly RequestStatus[] = ['registered', 'assigned', 'in_progress', 'extended'];
const FINISHED: readonly RequestStatus[] = ['answered', 'refused', 'redirected', 'left_without_answer'];

/** From which statuses each action may be taken, and the status it leads to (null: unchanged). */
export const TRANSITIONS: Record<
  RequestAction,
  { from: readonly RequestStatus[]; to: RequestStatus | null }
> = {
  assign: { from: WORKING, to: null },
  start: { from: ['assigned'], to: 'in_progress' },
  extend: { from: ['registered', 'assigned', 'in_progress'], to: 'extended' },
  answer: { from: WORKING, to: 'answered' },
  refuse: { from: WORKING, to: 'refused' },
  leave_without_answer: { from: WORKING, to: 'left_without_answer' },
  redirect: { from: WORKING, to: 'redirected' },
  close: { from: FINISHED, to: 'closed' },
};

export const STATUS_TITLES: Record<RequestStatus, string> = {
  received: 'получено',
  registered: 'зарегистрировано',
  assigned: 'назначен исполнитель',
  in_progress: 'на рассмотрении',
  extended: 'срок рассмотрения продлён',
  answered: 'дан ответ',
  refused: 'отказано в предоставлении информации',
  redirected: 'перенаправлено',
  left_without_answer: 'оставлено без ответа',
  closed: 'закрыто',
};

const ACTION_TITLES: Record<RequestAction, string> = {
  assign: 'назначить исполнителя',
  start: 'взять в работу',
  extend: 'продлить срок',
  answer: 'дать ответ',
  refuse: 'отказать',
  leave_without_answer: 'оставить без ответа',
  redirect: 'перенаправить',
  close: 'закрыть',
};

/** null when allowed; otherwise the Russian reason shown to the operator. */
export function transitionError(action: RequestAction, status: RequestStatus): string | null {
  if (TRANSITIONS[action].from.includes(status)) return null;
  return `Нельзя ${ACTION_TITLES[action]}: обращение в статусе «${STATUS_TITLES[status]}»`;
}

/** The status after `action`, for an allowed transition. */
export function nextStatus(action: RequestAction, status: RequestStatus): RequestStatus {
  const to = TRANSITIONS[action].to;
  // Assigning a registered request moves it on; reassigning later keeps where it is.
  if (action === 'assign') return status === 'registered' ? 'assigned' : status;
  return to ?? status;
}
