import { useQuery } from '@tanstack/react-query';
import type {
  Campaign,
  ConsentRecord,
  MailingTopic,
  MailingTracking,
  Subscriber,
  SubscriberStatus,
} from '../../../common/mailings';
import type { Page } from '../../../common/types';
import { api } from '../../ui/api';
import { pollHeaders } from '../shared/polling';
import { useInvalidatingMutation } from '../shared/useInvalidatingMutation';

const BASE = '/api/staff/mailings';
const TOPICS_KEY = ['mailings', 'topics'] as const;
const SUBSCRIBERS_KEY = ['mailings', 'subscribers'] as const;
const CAMPAIGNS_KEY = ['mailings', 'campaigns'] as const;
/** How often a campaign being sent refreshes its progress. */
const PROGRESS_POLL_MS = 3000;

export const LEDGER_EXPORT_URL = `${BASE}/consents/export.xlsx`;

export const useMailingTopics = () =>
  useQuery({ queryKey: TOPICS_KEY, queryFn: () => api<MailingTopic[]>('GET', `${BASE}/topics`) });

export const useSaveTopic = () =>
  useInvalidatingMutation(
    ({ id, ...body }: { id?: string; title: string; description: string; archived?: boolean }) =>
      id
        ? api<MailingTopic>('PATCH', `${BASE}/topics/${id}`, body)
        : api<MailingTopic>('POST', `${BASE}/topics`, { title: body.title, description: body.description }),
    [TOPICS_KEY],
  );

export const useSubscribers = (filter: { q: string; status: SubscriberStatus | ''; page: number }) =>
  useQuery({
    queryKey: [...SUBSCRIBERS_KEY, filter],
    queryFn: () => {
      const params = new URLSearchParams({ page: String(filter.page) });
      if (filter.q.trim()) params.set('q', filter.q.trim());
      if (filter.status) params.set('status', filter.status);
      return api<Page<Subscriber>>('GET', `${BASE}/subscribers?${params}`);
    },
  });

export const useConsentHistory = (id: string) =>
  useQuery({
    queryKey: [...SUBSCRIBERS_KEY, id, 'consents'],
    queryFn: () => api<ConsentRecord[]>('GET', `${BASE}/subscribers/${id}/consents`),
  });

export const useRevokeSubscriber = () =>
  useInvalidatingMutation(
    (id: string) => api<Subscriber>('POST', `${BASE}/subscribers/${id}/revoke`),
    [SUBSCRIBERS_KEY],
  );

const isMoving = (campaign: Campaign) => campaign.status === 'sending' || campaign.status === 'scheduled';

export const useCampaigns = (page: number) =>
  useQuery({
    queryKey: [...CAMPAIGNS_KEY, page],
    queryFn: (context) =>
      api<Page<Campaign>>('GET', `${BASE}/campaigns?page=${page}`, undefined, pollHeaders(context)),
    refetchInterval: (query) => (query.state.data?.items.some(isMoving) ? PROGRESS_POLL_MS : false),
  });

export const useCampaign = (id: string | undefined) =>
  useQuery({
    queryKey: [...CAMPAIGNS_KEY, 'one', id],
    queryFn: () => api<Campaign>('GET', `${BASE}/campaigns/${id}`),
    enabled: Boolean(id),
  });

export interface CampaignInput {
  id?: string;
  subject: string;
  fromName: string;
  html: string;
  text: string;
  topicIds: string[];
}

export const useSaveCampaign = () =>
  useInvalidatingMutation(
    ({ id, ...body }: CampaignInput) =>
      id
        ? api<Campaign>('PUT', `${BASE}/campaigns/${id}`, body)
        : api<Campaign>('POST', `${BASE}/campaigns`, body),
    [CAMPAIGNS_KEY],
  );

export type CampaignAction = 'send' | 'pause' | 'resume' | 'cancel' | 'unschedule';

export const useCampaignAction = () =>
  useInvalidatingMutation(
    ({ id, action, at }: { id: string; action: CampaignAction; at?: string }) =>
      api<Campaign>(
        'POST',
        `${BASE}/campaigns/${id}/${action}`,
        action === 'send' ? { at: at ?? null } : undefined,
      ),
    [CAMPAIGNS_KEY],
  );

export const useTestSend = () =>
  useInvalidatingMutation((id: string) => api<{ to: string }>('POST', `${BASE}/campaigns/${id}/test`), []);

const SETTINGS_KEY = ['mailings', 'settings'] as const;

export const useMailingTracking = () =>
  useQuery({ queryKey: SETTINGS_KEY, queryFn: () => api<MailingTracking>('GET', `${BASE}/settings`) });

export const useSaveMailingTracking = () =>
  useInvalidatingMutation(
    (body: MailingTracking) => api<MailingTracking>('PUT', `${BASE}/settings`, body),
    [SETTINGS_KEY, CAMPAIGNS_KEY],
  );
