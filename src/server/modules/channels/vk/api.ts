import { Agent as HttpAgent } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import { API, APIError } from 'vk-io';
import type { OpenAccount } from '../accounts.service.js';

export const VK_API_BASE_URL = 'https://api.vk.ru/method';

const clients = new Map<string, API>();
// vk-io sends through an HTTPS agent by default; a plain-HTTP base (a proxy, a local stand-in)
// needs an HTTP one, which node-fetch accepts although vk-io's type names only the HTTPS kind.
const plainHttp = new HttpAgent({ keepAlive: true }) as unknown as HttpsAgent;

/**
 * The VK API as the account's community token sees it. One client per account and token, so
 * vk-io's per-client rate limit holds; vk-io does not retry, the outbox and the poller do.
 */
export function vkApiOf(account: OpenAccount): API {
  const token = account.secrets.accessToken;
  if (!token) throw new Error('Не задан ключ доступа сообщества ВКонтакте');
  const apiBaseUrl = account.settings.apiBaseUrl || VK_API_BASE_URL;
  const key = `${account.id}\n${token}\n${apiBaseUrl}`;
  let api = clients.get(key);
  if (!api) {
    for (const stale of clients.keys()) if (stale.startsWith(`${account.id}\n`)) clients.delete(stale);
    api = new API({
      token,
      apiBaseUrl,
      apiRetryLimit: 0,
      apiTimeout: 15_000,
      language: 'ru',
      ...(apiBaseUrl.startsWith('http:') ? { agent: plainHttp } : {}),
    });
    clients.set(key, api);
  }
  return api;
}

/** The community's id as a positive number (settings keep it as typed: «club123», «-123», «123»). */
export function vkGroupIdOf(account: OpenAccount): number {
  const id = Number((account.settings.groupId ?? '').replace(/^(club|public|-)/, ''));
  if (!Number.isSafeInteger(id) || id <= 0) throw new Error('Не указан номер сообщества ВКонтакте');
  return id;
}

export const vkErrorCode = (error: unknown) => (error instanceof APIError ? Number(error.code) : null);

/** A VK user's display name; the id itself when VK cannot tell (the message is never held up by it). */
export async function vkUserName(account: OpenAccount, userId: number): Promise<string> {
  try {
    const [user] = await vkApiOf(account).users.get({ user_ids: [String(userId)] });
    if (user) return `${user.first_name} ${user.last_name}`.trim();
  } catch {
    // The name is a courtesy: the id below still identifies the sender.
  }
  return `Пользователь ВКонтакте id${userId}`;
}
