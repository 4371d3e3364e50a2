import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Page } from '../../../common/types';
import { api } from '../../ui/api';
import { OUTBOX_KEY } from '../channels/channelQueries';
import type { Network, OutboundStatus } from '../channels/channelTypes';
import { useInvalidatingMutation } from '../shared/useInvalidatingMutation';

export const SOCIAL_STATUSES = ['new', 'answered', 'invited', 'converted', 'dismissed'] as const;
export type SocialStatus = (typeof SOCIAL_STATUSES)[number];
export const MAX_REPLY_LENGTH = 4000;

export interface SocialItem {
  id: string;
  network: Network;
  kind: 'comment' | 'message';
  threadId: string;
  threadTitle: string | null;
  threadSize: number;
  authorName: string;
  text: string;
  receivedAt: string;
  status: SocialStatus;
  requestId: string | null;
  requestNumber: string | null;
  dismissReason: string | null;
  replyStatus: OutboundStatus | null;
}

export interface SocialFilter {
  status: SocialStatus | null;
  network: Network | null;
  page: number;
}

export const SOCIAL_KEY = ['social'] as const;

export function useSocialQueue(filter: SocialFilter) {
  const params = new URLSearchParams({ page: String(filter.page), pageSize: '25' });
  if (filter.status) params.set('status', filter.status);
  if (filter.network) params.set('network', filter.network);
  return useQuery({
    queryKey: [...SOCIAL_KEY, filter],
    queryFn: () =>
      api<Page<SocialItem> & { counts: Record<SocialStatus, number> }>('GET', `/api/staff/social?${params}`),
    placeholderData: keepPreviousData,
  });
}

const after = [SOCIAL_KEY, OUTBOX_KEY];

export const useAnswer = () =>
  useInvalidatingMutation(
    ({ id, text }: { id: string; text: string }) =>
      api<void>('POST', `/api/staff/social/${id}/answer`, { text }),
    after,
  );

export const useInvite = () =>
  useInvalidatingMutation((id: string) => api<void>('POST', `/api/staff/social/${id}/invite`), after);

export const useConvert = () =>
  useInvalidatingMutation(
    (id: string) => api<{ requestId: string; number: string }>('POST', `/api/staff/social/${id}/convert`),
    after,
  );

export const useDismiss = () =>
  useInvalidatingMutation(
    ({ id, reason }: { id: string; reason: string }) =>
      api<void>('POST', `/api/staff/social/${id}/dismiss`, { reason }),
    after,
  );

export const renderTemplateFor = (itemId: string, templateId: string) =>
  api<{ text: string; unknown: string[] }>('GET', `/api/staff/social/${itemId}/templates/${templateId}`);

export interface InviteSettings {
  inviteText: string | null;
  preview: string | null;
  problem: string | null;
}

export const useInviteSettings = () =>
  useQuery({
    queryKey: [...SOCIAL_KEY, 'settings'],
    queryFn: () => api<InviteSettings>('GET', '/api/staff/social/settings'),
  });

export const useSaveInviteSettings = () =>
  useInvalidatingMutation(
    (input: { inviteText: string | null }) => api<InviteSettings>('PUT', '/api/staff/social/settings', input),
    [SOCIAL_KEY],
  );
