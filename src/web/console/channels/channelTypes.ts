// The shapes the channels, outbox, social and posts APIs answer with (src/server/modules/channels).
export type Network = 'email' | 'telegram' | 'vk' | 'ok';
export const NETWORKS: Network[] = ['telegram', 'vk', 'ok', 'email'];
/** The outbox also sends SMS (booking notices), a network with no account of its own. */
export type OutboundNetwork = Network | 'sms';
export type OutboundStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'uncertain';

export interface ChannelAccount {
  id: string;
  network: Network;
  title: string;
  enabled: boolean;
  settings: Record<string, string>;
  secretsSet: string[];
  health: { checkedAt: string | null; okAt: string | null; error: string | null };
}

export interface NetworkFields {
  network: Network;
  settings: string[];
  secrets: string[];
}

export interface OutboundMessage {
  id: string;
  network: OutboundNetwork;
  recipient: string;
  subject: string | null;
  status: OutboundStatus;
  attempts: number;
  lastError: string | null;
  requestId: string | null;
  createdAt: string;
  sentAt: string | null;
  nextAttemptAt: string;
}

export interface PostDelivery {
  id: string;
  accountId: string | null;
  network: Network;
  accountTitle: string;
  status: OutboundStatus | null;
  lastError: string | null;
  sentAt: string | null;
}

export interface ChannelPost {
  id: string;
  text: string;
  createdAt: string;
  deliveries: PostDelivery[];
}
