import { createHash } from 'node:crypto';
import type { OpenAccount } from '../accounts.service.js';
import { readOkAnswer } from './api.js';

export const OK_REST_BASE_URL = 'https://api.ok.ru';

const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');

/**
 * OK's request signature: md5 of the parameters (all but `access_token` and `sig`) sorted by
 * name and joined as `name=value` with no separator, followed by md5(access_token + secret key).
 */
export function okSignature(params: Record<string, string>, accessToken: string, secretKey: string) {
  const joined = Object.keys(params)
    .filter((name) => name !== 'access_token' && name !== 'sig')
    .sort()
    .map((name) => `${name}=${params[name]}`)
    .join('');
  return md5(joined + md5(accessToken + secretKey));
}

/** Which REST credential the account lacks (in Russian), or null when it can call `fb.do`. */
export function okRestMissing(account: Pick<OpenAccount, 'settings' | 'secrets'>): string | null {
  if (!account.settings.groupId) return 'не указан идентификатор группы (groupId)';
  if (!account.settings.applicationKey) return 'не указан публичный ключ приложения (applicationKey)';
  if (!account.secrets.applicationSecretKey) {
    return 'не задан секретный ключ приложения (applicationSecretKey)';
  }
  if (!account.secrets.accessToken) return 'не задан ключ доступа (accessToken)';
  return null;
}

/**
 * One call of OK's classic REST API (`/fb.do`), signed with the application's secret key and
 * made with the group's access token. The bot token of the Bot API serves when OK issued it with
 * the REST permissions (GROUP_CONTENT, PUBLISH_TO_STREAM); otherwise staff enter an app token.
 * Errors come as `{error_code, error_msg}` with HTTP 200.
 */
export async function okRest<T>(account: OpenAccount, method: string, params: Record<string, string> = {}) {
  const missing = okRestMissing(account);
  if (missing) throw new Error(`REST API Одноклассников недоступен: ${missing}`);
  const accessToken = account.secrets.accessToken as string;
  const signed: Record<string, string> = {
    ...params,
    method,
    format: 'json',
    application_key: account.settings.applicationKey as string,
  };
  signed.sig = okSignature(signed, accessToken, account.secrets.applicationSecretKey as string);
  signed.access_token = accessToken;
  const base = account.settings.restBaseUrl || OK_REST_BASE_URL;
  const response = await fetch(`${base}/fb.do`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' },
    body: new URLSearchParams(signed).toString(),
    signal: AbortSignal.timeout(15_000),
  });
  return readOkAnswer<T>(response);
}
