// Mailings (seed 004 p. 12–15): shared by the server and the console.

export const SUBSCRIBER_STATUSES = ['pending', 'active', 'revoked'] as const;
export type SubscriberStatus = (typeof SUBSCRIBER_STATUSES)[number];

export const CONSENT_EVENTS = ['given', 'confirmed', 'revoked'] as const;
export type ConsentEvent = (typeof CONSENT_EVENTS)[number];

/** How a consent event came about; the ledger keeps it beside the event. */
export const CONSENT_METHODS = [
  'portal_form',
  'confirmation_link',
  'unsubscribe_link',
  'list_unsubscribe_post',
  'staff_request',
  'bounce',
  'complaint',
] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

export const CAMPAIGN_STATUSES = ['draft', 'scheduled', 'sending', 'paused', 'sent', 'cancelled'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** What came back about a sent e-mail: the address bounced, or the reader marked it as spam. */
export type MailFeedback = 'bounce' | 'complaint';

/**
 * `claimed`: a node took the row but has not handed it to SMTP (back to the queue if the node
 * dies); `sending`: handed to SMTP, so after a crash it turns `uncertain` and is never repeated.
 */
export const RECIPIENT_STATUSES = [
  'pending',
  'claimed',
  'sending',
  'sent',
  'failed',
  'skipped',
  'uncertain',
  'cancelled',
] as const;
export type RecipientStatus = (typeof RECIPIENT_STATUSES)[number];

export interface MailingTopic {
  id: string;
  title: string;
  description: string;
  archived: boolean;
}

export interface ConsentRecord {
  id: string;
  email: string;
  event: ConsentEvent;
  method: ConsentMethod;
  at: string;
  sourcePage: string | null;
  consentText: string | null;
  topics: string[];
  actorName: string | null;
}

export interface Subscriber {
  id: string;
  email: string;
  status: SubscriberStatus;
  topicIds: string[];
  confirmedAt: string | null;
  revokedAt: string | null;
  bouncedAt: string | null;
  createdAt: string;
}

export interface CampaignProgress {
  total: number;
  sent: number;
  failed: number;
  skipped: number;
  remaining: number;
  /** E-mails that bounced or drew a spam complaint; recipients who unsubscribed since the start. */
  bounced: number;
  complaints: number;
  unsubscribed: number;
  /** Opened and clicked e-mails; null while the agency has that tracking off (the default). */
  opened: number | null;
  clicked: number | null;
  /** Messages sent over the last minute. */
  ratePerMinute: number;
  /** When the rest will have left at the current throttle; null when nothing remains. */
  etaAt: string | null;
}

export interface Campaign {
  id: string;
  subject: string;
  fromName: string | null;
  html: string;
  text: string;
  topicIds: string[];
  status: CampaignStatus;
  scheduledAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  createdAt: string;
  progress: CampaignProgress;
}

/** Issue 9 p. 6: tracking is off unless the agency turns it on. */
export interface MailingTracking {
  trackOpens: boolean;
  trackClicks: boolean;
}
