import { NotFound } from '../../lib/errors.js';
import type { ChannelAccounts } from './accounts.service.js';
import type { Network } from './schema.js';

/**
 * The account a webhook names in its URL, if it is an enabled account of that network. Anything
 * else answers as absent, so a caller learns nothing about other agencies' accounts.
 */
export async function webhookAccount(accounts: ChannelAccounts, id: string, network: Network) {
  const account = await accounts.openById(id);
  if (!account || account.network !== network || !account.enabled) {
    throw new NotFound('channel_account_not_found', 'Подключение канала не найдено');
  }
  return account;
}
