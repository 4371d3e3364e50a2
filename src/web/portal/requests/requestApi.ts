import { api } from '../../ui/api';
import type { CreatedRequest, NewRequestBody, RequestStatusView } from './requestTypes';

const base = (slug: string) => `/api/public/${encodeURIComponent(slug)}/requests`;

/** The same `Idempotency-Key` again answers with the request already created instead of a second one. */
export function submitRequest(
  slug: string,
  body: NewRequestBody,
  idempotencyKey: string,
): Promise<CreatedRequest> {
  return api<CreatedRequest>('POST', base(slug), body, { 'idempotency-key': idempotencyKey });
}

/** A wrong or missing code answers 404, exactly like an unknown number. */
export function fetchRequestStatus(slug: string, number: string, code: string): Promise<RequestStatusView> {
  const query = new URLSearchParams({ code });
  return api<RequestStatusView>('GET', `${base(slug)}/${encodeURIComponent(number)}?${query}`);
}
