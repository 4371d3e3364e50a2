import { useQuery } from '@tanstack/react-query';
import type { AnalyticsFilter, SurveyAnalytics } from '../../../common/survey-analytics';
import { api } from '../../ui/api';
import { pollHeaders } from '../shared/polling';
import { useInvalidatingMutation } from '../shared/useInvalidatingMutation';

const path = (id: string, rest: string) => `/api/staff/surveys/${encodeURIComponent(id)}${rest}`;

const query = (filter: AnalyticsFilter, extra: Record<string, string> = {}) => {
  const params = new URLSearchParams(extra);
  for (const [key, value] of Object.entries(filter)) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
};

export const useSurveyAnalytics = (id: string, filter: AnalyticsFilter) =>
  useQuery({
    queryKey: ['surveys', id, 'analytics', filter],
    queryFn: () => api<SurveyAnalytics>('GET', path(id, `/analytics${query(filter)}`)),
  });

/** Where the browser downloads the annual report or the raw answers from (a plain link, cookies sent). */
export const reportUrl = (id: string, filter: AnalyticsFilter, format: 'pdf' | 'xlsx') =>
  path(id, `/report${query(filter, { format })}`);
export const exportUrl = (id: string, filter: AnalyticsFilter, format: 'csv' | 'xlsx') =>
  path(id, `/export${query(filter, { format })}`);

export type PollChannel = 'email' | 'sms';
export interface PollProgress {
  id: string;
  channel: PollChannel;
  audience: number;
  sent: number;
  failed: number;
  createdAt: string;
}

export const usePollAudience = (id: string, channel: PollChannel, enabled: boolean) =>
  useQuery({
    queryKey: ['surveys', id, 'polls', 'audience', channel],
    queryFn: () => api<{ count: number }>('GET', path(id, `/polls/audience?channel=${channel}`)),
    enabled,
  });

export const usePolls = (id: string, enabled: boolean) =>
  useQuery({
    queryKey: ['surveys', id, 'polls'],
    queryFn: (context) => api<PollProgress[]>('GET', path(id, '/polls'), undefined, pollHeaders(context)),
    enabled,
    // Progress moves as the outbox sends; a poll of thousands takes a while.
    refetchInterval: 5000,
  });

export const useSendPoll = (id: string) =>
  useInvalidatingMutation(
    (channel: PollChannel) => api<PollProgress>('POST', path(id, '/polls'), { channel }),
    [['surveys', id, 'polls']],
  );
