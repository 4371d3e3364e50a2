// The shapes of /api/staff/requests and the lifecycle rules, mirrored from the server
// (src/server/modules/requests/lifecycle.ts) so the card offers only the actions it would accept.
// The server still checks every transition and answers 409 with its own Russian message.

import type { RequestType } from '../../../common/classification';
import {
  type ExternalCategory,
  type ExternalSource,
  REQUEST_KINDS,
  REQUEST_STATUSES,
  type RequestKind,
  type RequestStatus,
} from '../../../common/requests';

export { REQUEST_KINDS, REQUEST_STATUSES, type RequestKind, type RequestStatus };

export const ANSWER_FORMS = ['oral', 'written', 'electronic'] as const;
export type AnswerForm = (typeof ANSWER_FORMS)[number];

export type SortColumn = 'dueAt' | 'receivedAt' | 'number';

export interface RequestSummary {
  id: string;
  number: string;
  kind: RequestKind;
  channel: string;
  status: RequestStatus;
  contactName: string;
  receivedAt: string;
  dueAt: string;
  overdue: boolean;
  departmentId: string | null;
  assigneeId: string | null;
  topicId: string | null;
  urgent: boolean;
}

export interface RequestEvent {
  at: string;
  status: RequestStatus;
  note: string | null;
  isPublic: boolean;
  actorId: string | null;
}

export interface RequestDetail extends RequestSummary {
  text: string;
  contactEmail: string | null;
  contactPhone: string | null;
  notifyByEmail: boolean;
  clientId: string | null;
  registeredAt: string | null;
  dueSource: string;
  law: string;
  extendedAt: string | null;
  answerText: string | null;
  answerForm: AnswerForm | null;
  resolvedAt: string | null;
  groundCode: string | null;
  redirectAddressee: string | null;
  typicalNeedId: string | null;
  requestType: RequestType | null;
  classifiedAt: string | null;
  classifiedBy: string | null;
  externalCategory: ExternalCategory | null;
  externalSource: ExternalSource | null;
  attachments: RequestAttachment[];
  events: RequestEvent[];
}

/** A file the client sent ('incoming') or staff attached to the answer ('answer'). */
export interface RequestAttachment {
  id: string;
  kind: 'incoming' | 'answer';
  name: string;
  mimeType: string;
  size: number;
  uploadedBy: string | null;
  createdAt: string;
}

export const attachmentUrl = (requestId: string, attachmentId: string) =>
  `/api/staff/requests/${encodeURIComponent(requestId)}/attachments/${encodeURIComponent(attachmentId)}`;

export interface LegalGround {
  code: string;
  title: string;
  citation: string;
  text: string;
  unverified?: boolean;
}

export interface RequestGrounds {
  appeal: LegalGround[];
  info_request: LegalGround[];
}

export type RequestAction =
  | 'assign'
  | 'start'
  | 'extend'
  | 'answer'
  | 'refuse'
  | 'leaveWithoutAnswer'
  | 'redirect'
  | 'close';

/** The URL segment of each action under /api/staff/requests/:id/. */
export const ACTION_PATHS: Record<RequestAction, string> = {
  assign: 'assign',
  start: 'start',
  extend: 'extend',
  answer: 'answer',
  refuse: 'refuse',
  leaveWithoutAnswer: 'leave-without-answer',
  redirect: 'redirect',
  close: 'close',
};

const WORKING: readonly RequestStatus[] = ['registered', 'assigned', 'in_progress', 'extended'];
const FINISHED: readonly RequestStatus[] = ['answered', 'refused', 'redirected', 'left_without_answer'];

/** From which statuses each action may be taken (the server's TRANSITIONS). */
const ALLOWED_FROM: Record<RequestAction, readonly RequestStatus[]> = {
  assign: WORKING,
  start: ['assigned'],
  extend: ['registered', 'assigned', 'in_progress'],
  answer: WORKING,
  refuse: WORKING,
  leaveWithoutAnswer: WORKING,
  redirect: WORKING,
  close: FINISHED,
};

/** Grounds of 8-ФЗ apply to information requests, those of 59-ФЗ ст. 11 to appeals. */
const KINDS_FOR: Partial<Record<RequestAction, readonly RequestKind[]>> = {
  refuse: ['info_request'],
  leaveWithoutAnswer: ['appeal', 'reception_appeal'],
};

export const ACTION_ORDER: readonly RequestAction[] = [
  'assign',
  'start',
  'extend',
  'answer',
  'refuse',
  'leaveWithoutAnswer',
  'redirect',
  'close',
];

export function allowedActions(request: Pick<RequestDetail, 'status' | 'kind'>): RequestAction[] {
  return ACTION_ORDER.filter(
    (action) =>
      ALLOWED_FROM[action].includes(request.status) && (KINDS_FOR[action]?.includes(request.kind) ?? true),
  );
}

/** The part of the register's filter that quick views set; the rest (search, kind) stays. */
export interface ViewFilter {
  statuses: RequestStatus[];
  overdue: boolean;
  mine: boolean;
  myDepartments: boolean;
  dueWithin: number | null;
}

const NO_VIEW: ViewFilter = {
  statuses: [],
  overdue: false,
  mine: false,
  myDepartments: false,
  dueWithin: null,
};

/** The quick views of the register and the filters each one stands for (issue 4 p. 4). */
export const QUICK_VIEWS = {
  all: NO_VIEW,
  work: { ...NO_VIEW, statuses: [...WORKING] },
  mine: { ...NO_VIEW, statuses: [...WORKING], mine: true },
  myDepartments: { ...NO_VIEW, statuses: [...WORKING], myDepartments: true },
  dueSoon: { ...NO_VIEW, dueWithin: 3 },
  overdue: { ...NO_VIEW, overdue: true },
  done: { ...NO_VIEW, statuses: [...FINISHED, 'closed'] as RequestStatus[] },
} satisfies Record<string, ViewFilter>;
export type QuickView = keyof typeof QUICK_VIEWS;

export const STATUS_COLORS: Record<RequestStatus, string> = {
  received: 'gray',
  registered: 'blue',
  assigned: 'indigo',
  in_progress: 'cyan',
  extended: 'orange',
  answered: 'green',
  refused: 'red',
  redirected: 'grape',
  left_without_answer: 'yellow',
  closed: 'dark',
};
