import type { OpenAccount } from '../accounts.service.js';

export const OK_API_BASE_URL = 'https://api.ok.ru/graph';

/** An error the OK Graph API answered with (`{error_code, error_msg}`). */
export class OkApiError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** OK answers errors as `{error_code, error_msg}` on any HTTP status, in both of its APIs. */
export async function readOkAnswer<T>(response: Response): Promise<T> {
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`Одноклассники ответили не JSON (HTTP ${response.status})`);
  }
  const error = parsed as { error_code?: number; error_msg?: string } | null;
  if (error && typeof error === 'object' && error.error_code !== undefined) {
    throw new OkApiError(Number(error.error_code), `${error.error_code}: ${error.error_msg ?? 'ошибка'}`);
  }
  if (!response.ok) throw new Error(`Одноклассники ответили HTTP ${response.status}`);
  return parsed as T;
}

/**
 * One call of the OK Bot API (Graph API) with the group's bot token: JSON in and out, errors as
 * `{error_code, error_msg}` on any HTTP status.
 */
export async function okGraph<T>(
  account: OpenAccount,
  path: string,
  body?: Record<string, unknown>,
): Promise<T> {
  const token = account.secrets.accessToken;
  if (!token) throw new Error('Не задан ключ доступа бота Одноклассников');
  const base = account.settings.apiBaseUrl || OK_API_BASE_URL;
  const response = await fetch(`${base}${path}?access_token=${encodeURIComponent(token)}`, {
    method: body ? 'POST' : 'GET',
    headers: body ? { 'content-type': 'application/json;charset=utf-8' } : {},
    ...(body ? { body: JSON.stringify(body) } : {}),
    signal: AbortSignal.timeout(15_000),
  });
  return readOkAnswer<T>(response);
}
