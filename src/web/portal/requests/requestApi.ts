import { ApiError, api } from '../../ui/api';
import type { CreatedRequest, NewRequestBody, RequestStatusView } from './requestTypes';

const base = (slug: string) => `/api/public/${encodeURIComponent(slug)}/requests`;

/**
 * POST a new request with an `Idempotency-Key`, which the shared `api()` wrapper cannot send:
 * the same key again answers with the request already created instead of a second one.
 * Errors are thrown as the same ApiError, so the form treats them like any other.
 */
export async function submitRequest(
  slug: string,
  body: NewRequestBody,
  idempotencyKey: string,
): Promise<CreatedRequest> {
  const response = await fetch(base(slug), {
    method: 'POST',
    headers: {
      accept: 'application/json',
      'content-type': 'application/json',
      'idempotency-key': idempotencyKey,
    },
    credentials: 'same-origin',
    body: JSON.stringify(body),
  });
  const payload = await response.json().catch(() => null);
  if (!response.ok) {
    throw new ApiError(
      response.status,
      payload?.error ?? 'http_error',
      payload?.message ?? `HTTP ${response.status}`,
      payload?.field,
    );
  }
  return payload as CreatedRequest;
}

/** A wrong or missing code answers 404, exactly like an unknown number. */
export function fetchRequestStatus(slug: string, number: string, code: string): Promise<RequestStatusView> {
  const query = new URLSearchParams({ code });
  return api<RequestStatusView>('GET', `${base(slug)}/${encodeURIComponent(number)}?${query}`);
}
