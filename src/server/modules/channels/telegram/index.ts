import type { Db } from '../../../db/client.js';
import type { AttachmentStore } from '../../../lib/attachment-store.js';
import type { FileQuota } from '../../agencies/file-quota.js';
import type { RequestService } from '../../requests/service.js';
import type { ChannelAccounts } from '../accounts.service.js';
import type { Outbox } from '../outbox.js';
import type { SocialInbox } from '../social.service.js';
import { checkBot, TELEGRAM_SECRETS, TELEGRAM_SETTINGS } from './client.js';
import { createInbound } from './inbound.js';
import { createPoller } from './poller.js';
import { createTelegramTransport } from './transport.js';

/**
 * The Telegram channel (issue 5 p. 2): bot accounts with a connection check, inbound updates by
 * long polling or webhook, and bot replies out of the outbox.
 */
export function createTelegramChannel(deps: {
  db: Db;
  channelAccounts: ChannelAccounts;
  outbox: Outbox;
  requests: RequestService;
  socialInbox: SocialInbox;
  attachmentStore: AttachmentStore;
  fileQuota: FileQuota;
  attachmentMaxBytes: number;
  pollTimeoutSeconds: number;
  refreshMs: number;
  publicUrl: string;
}) {
  deps.channelAccounts.registerAdapter('telegram', {
    settings: TELEGRAM_SETTINGS,
    endpoints: ['apiRoot'],
    secrets: TELEGRAM_SECRETS,
    check: checkBot,
  });
  deps.outbox.registerTransport('telegram', createTelegramTransport(deps.channelAccounts));
  const inbound = createInbound({
    db: deps.db,
    requests: deps.requests,
    socialInbox: deps.socialInbox,
    outbox: deps.outbox,
    store: deps.attachmentStore,
    fileQuota: deps.fileQuota,
    attachmentMaxBytes: deps.attachmentMaxBytes,
  });
  const poller = createPoller({
    accounts: deps.channelAccounts,
    inbound,
    pollTimeoutSeconds: deps.pollTimeoutSeconds,
    refreshMs: deps.refreshMs,
    publicUrl: deps.publicUrl,
  });
  return { inbound, poller };
}

export type TelegramChannel = ReturnType<typeof createTelegramChannel>;
