import { Api, GrammyError, HttpError } from 'grammy';
import type { OpenAccount } from '../accounts.service.js';

export const TELEGRAM_SETTINGS = ['mode', 'apiRoot', 'channelId', 'discussionChatId', 'purpose'] as const;
export const TELEGRAM_SECRETS = ['botToken', 'webhookSecret'] as const;

export const DEFAULT_API_ROOT = 'https://api.telegram.org';

/** How a bot account works, read from its plain settings with the defaults filled in. */
export interface BotSettings {
  mode: 'polling' | 'webhook';
  apiRoot: string;
  /** The discussion group linked to the agency's channel: its comments go to the social inbox. */
  discussionChatId: string | null;
  /** «requests»: a private message is registered as an appeal; «consultations»: it goes to the social inbox. */
  purpose: 'requests' | 'consultations';
}

export function botSettings(account: OpenAccount): BotSettings {
  const { mode, apiRoot, discussionChatId, purpose } = account.settings;
  return {
    mode: mode === 'webhook' ? 'webhook' : 'polling',
    apiRoot: (apiRoot || DEFAULT_API_ROOT).replace(/\/+$/, ''),
    discussionChatId: discussionChatId?.trim() || null,
    purpose: purpose === 'consultations' ? 'consultations' : 'requests',
  };
}

/** The Bot API client of an account (grammY), aimed at its `apiRoot`, so tests can use a fake. */
export function botApi(account: OpenAccount): Api {
  const token = account.secrets.botToken;
  if (!token) throw new Error('Не задан токен бота (botToken)');
  return new Api(token, { apiRoot: botSettings(account).apiRoot });
}

/** Telegram's own error code, when the failure is Telegram's answer and not the network. */
export const telegramCode = (error: unknown) => (error instanceof GrammyError ? error.error_code : null);

/** A failure as staff read it on the connection's health line. */
export function describeFailure(error: unknown): string {
  if (error instanceof GrammyError) {
    if (error.error_code === 401) return 'Telegram не принял токен бота (401 Unauthorized)';
    if (error.error_code === 404) return 'Telegram не нашёл бота: проверьте токен (404 Not Found)';
    return `Telegram ответил ошибкой ${error.error_code}: ${error.description}`;
  }
  if (error instanceof HttpError) return `Не удалось связаться с Telegram: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

/** «Проверить подключение»: the settings make sense and Telegram knows the bot (getMe). */
export async function checkBot(account: OpenAccount): Promise<void> {
  const { mode, purpose } = account.settings;
  if (mode && mode !== 'polling' && mode !== 'webhook') {
    throw new Error('Режим (mode) должен быть polling или webhook');
  }
  if (purpose && purpose !== 'requests' && purpose !== 'consultations') {
    throw new Error('Назначение (purpose) должно быть requests или consultations');
  }
  if (botSettings(account).mode === 'webhook' && !account.secrets.webhookSecret) {
    throw new Error('Для режима webhook задайте секрет (webhookSecret)');
  }
  let me: Awaited<ReturnType<Api['getMe']>>;
  try {
    me = await botApi(account).getMe();
  } catch (error) {
    throw new Error(describeFailure(error));
  }
  if (!me.is_bot) throw new Error('Токен принадлежит не боту');
}

export const fullName = (person: { first_name: string; last_name?: string; username?: string; id: number }) =>
  [person.first_name, person.last_name].filter(Boolean).join(' ').trim() ||
  (person.username ? `@${person.username}` : `Пользователь Telegram ${person.id}`);
