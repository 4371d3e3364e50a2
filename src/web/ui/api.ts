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

/**
 * What the console does when the server says the session is gone (`session_idle` or
 * `unauthenticated`) and when a dangerous action needs the password again. The portal sets
 * neither: it has no sessions.
 */
interface SessionHandlers {
  signedOut?: (code: string, path: string) => void;
  /** Resolves once the password is confirmed; rejects (with the error to show) on cancel. */
  reauthenticate?: () => Promise<void>;
}
const handlers: SessionHandlers = {};

export function setSessionHandlers(next: SessionHandlers): void {
  Object.assign(handlers, next);
}

// A 401 from these means wrong credentials, not a lost session.
const CREDENTIAL_PATHS = ['/api/auth/login', '/api/auth/reauthenticate'];

/**
 * Sends the request; on 403 `reauthentication_required` asks for the password and sends it once
 * more, so the action the person started completes without a second click.
 */
async function send(path: string, init: () => RequestInit): Promise<Response> {
  const response = await fetch(path, init());
  if (response.status === 401 && !CREDENTIAL_PATHS.includes(path)) {
    const payload = await response
      .clone()
      .json()
      .catch(() => null);
    handlers.signedOut?.(payload?.error ?? 'unauthenticated', path);
  }
  if (response.status !== 403 || !handlers.reauthenticate) return response;
  const payload = await response
    .clone()
    .json()
    .catch(() => null);
  if (payload?.error !== 'reauthentication_required') return response;
  await handlers.reauthenticate();
  return fetch(path, init());
}

function headersFor(method: string, json: boolean, extra: Record<string, string>): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json', ...extra };
  if (json) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  return headers;
}

export async function api<T>(
  method: string,
  path: string,
  body?: unknown,
  extraHeaders: Record<string, string> = {},
): Promise<T> {
  // Built per attempt: a retry after re-authentication carries the current CSRF token.
  const response = await send(path, () => ({
    method,
    headers: headersFor(method, body !== undefined, extraHeaders),
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  }));
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
  const response = await send(path, () => ({
    method: 'POST',
    headers: headersFor('POST', false, extraHeaders),
    credentials: 'same-origin',
    body: form,
  }));
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
  const response = await send(path, () => ({
    method,
    headers: headersFor(method, body !== undefined, {}),
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  }));
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
