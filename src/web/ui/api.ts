// One fetch wrapper for both apps: JSON in/out, the CSRF token on writes, and the server's
// `{error, message, field}` body turned into an ApiError the forms can show next to the field.
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** The server's error body as an ApiError; a body that is not ours still gives the status. */
function apiError(response: Response, payload: { error?: string; message?: string; field?: string } | null) {
  return new ApiError(
    response.status,
    payload?.error ?? 'http_error',
    payload?.message ?? `HTTP ${response.status}`,
    payload?.field,
  );
}

let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export async function api<T>(
  method: string,
  path: string,
  body?: unknown,
  extraHeaders: Record<string, string> = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...extraHeaders };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204) return undefined as T;
  const payload = await response.json().catch(() => null);
  if (!response.ok) {
    throw apiError(response, payload);
  }
  return payload as T;
}

/** A multipart form (files): the browser sets the boundary, the CSRF token goes as for JSON. */
export async function apiForm<T>(
  path: string,
  form: FormData,
  extraHeaders: Record<string, string> = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...extraHeaders };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(path, { method: 'POST', headers, credentials: 'same-origin', body: form });
  const payload = await response.json().catch(() => null);
  if (!response.ok) {
    throw apiError(response, payload);
  }
  return payload as T;
}

/** A file from a write route (e.g. an export): the same CSRF and error handling, the body as a Blob. */
export async function apiBlob(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ blob: Blob; fileName: string | null }> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) {
    const payload = await response.json().catch(() => null);
    throw apiError(response, payload);
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  return { blob: await response.blob(), fileName: disposition.match(/filename="([^"]+)"/)?.[1] ?? null };
}

/** Hands a downloaded file to the browser as if it came from a link. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
