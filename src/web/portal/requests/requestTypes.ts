// The portal's side of the contract in docs/api.md, «Requests from the portal».

export const REQUEST_KINDS = ['appeal', 'info_request'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

import type { RequestStatus } from '../../../common/requests';

export { REQUEST_STATUSES, type RequestStatus } from '../../../common/requests';

export const TEXT_MAX = 10_000;
export const NAME_MAX = 200;

export interface NewRequestBody {
  kind: RequestKind;
  text: string;
  name: string;
  email?: string;
  phone?: string;
  notifyByEmail?: boolean;
  consent: true;
  /** The honeypot: people never see it, so it stays empty; sent as is. */
  website: string;
}

export interface CreatedRequest {
  number: string;
  trackingCode: string;
  /** ISO instant: the end of the last day of the term in the agency's time zone. */
  dueAt: string;
}

export interface RequestEvent {
  at: string;
  status: RequestStatus;
  note: string | null;
}

export interface RequestStatusView {
  number: string;
  /** The portal sends only appeals and info requests, but staff may register other kinds. */
  kind: string;
  status: RequestStatus;
  receivedAt: string;
  dueAt: string;
  events: RequestEvent[];
}
