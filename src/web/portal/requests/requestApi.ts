import { api, apiForm } from '../../ui/api';
import type { CreatedRequest, NewRequestBody, RequestStatusView } from './requestTypes';

const base = (slug: string) => `/api/public/${encodeURIComponent(slug)}/requests`;

/** The same `Idempotency-Key` again answers with the request already created instead of a second one. */
export function submitRequest(
  slug: string,
  body: NewRequestBody,
  idempotencyKey: string,
  files: readonly File[] = [],
): Promise<CreatedRequest> {
  const headers = { 'idempotency-key': idempotencyKey };
  if (files.length === 0) return api<CreatedRequest>('POST', base(slug), body, headers);
  // With files the same fields go as a multipart form; the server validates them with the same schema.
  const form = new FormData();
  for (const [name, value] of Object.entries(body)) {
    if (value !== undefined) form.append(name, String(value));
  }
  for (const file of files) form.append('files', file, file.name);
  return apiForm<CreatedRequest>(base(slug), form, headers);
}

/** A wrong or missing code answers 404, exactly like an unknown number. */
export function fetchRequestStatus(slug: string, number: string, code: string): Promise<RequestStatusView> {
  const query = new URLSearchParams({ code });
  return api<RequestStatusView>('GET', `${base(slug)}/${encodeURIComponent(number)}?${query}`);
}
