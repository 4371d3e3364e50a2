import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Page } from '../../../common/types';
import { api } from '../../ui/api';
import { pollHeaders } from '../shared/polling';
import { useInvalidatingMutation } from '../shared/useInvalidatingMutation';
import type {
  ChannelAccount,
  ChannelPost,
  NetworkFields,
  OutboundMessage,
  OutboundStatus,
} from './channelTypes';

export const CHANNELS_KEY = ['channels'] as const;
export const OUTBOX_KEY = ['outbox'] as const;
export const POSTS_KEY = ['channel-posts'] as const;
export const PAGE_SIZE = 25;

export const useChannelAccounts = () =>
  useQuery({ queryKey: CHANNELS_KEY, queryFn: () => api<ChannelAccount[]>('GET', '/api/staff/channels') });

export const useNetworkFields = () =>
  useQuery({
    queryKey: [...CHANNELS_KEY, 'networks'],
    queryFn: () => api<NetworkFields[]>('GET', '/api/staff/channels/networks'),
  });

export interface AccountInput {
  id?: string;
  network: ChannelAccount['network'];
  title: string;
  enabled: boolean;
  settings: Record<string, string>;
  secrets: Record<string, string>;
}

export function useSaveAccount() {
  return useInvalidatingMutation(
    ({ id, network, ...patch }: AccountInput) =>
      id
        ? api<ChannelAccount>('PATCH', `/api/staff/channels/${id}`, patch)
        : api<ChannelAccount>('POST', '/api/staff/channels', { network, ...patch }),
    [CHANNELS_KEY],
  );
}

export const useToggleAccount = () =>
  useInvalidatingMutation(
    ({ id, enabled }: { id: string; enabled: boolean }) =>
      api<ChannelAccount>('PATCH', `/api/staff/channels/${id}`, { enabled }),
    [CHANNELS_KEY],
  );

export const useDeleteAccount = () =>
  useInvalidatingMutation((id: string) => api<void>('DELETE', `/api/staff/channels/${id}`), [CHANNELS_KEY]);

export const useTestAccount = () =>
  useInvalidatingMutation(
    (id: string) => api<{ ok: boolean; error: string | null }>('POST', `/api/staff/channels/${id}/test`),
    [CHANNELS_KEY],
  );

export function useOutbox(filter: { status: OutboundStatus | null; page: number }) {
  const params = new URLSearchParams({ page: String(filter.page), pageSize: String(PAGE_SIZE) });
  if (filter.status) params.set('status', filter.status);
  return useQuery({
    queryKey: [...OUTBOX_KEY, filter],
    queryFn: () => api<Page<OutboundMessage>>('GET', `/api/staff/outbox?${params}`),
    placeholderData: keepPreviousData,
  });
}

export const useRetryOutbound = () =>
  useInvalidatingMutation((id: string) => api<void>('POST', `/api/staff/outbox/${id}/retry`), [OUTBOX_KEY]);

export function usePosts(page: number) {
  return useQuery({
    queryKey: [...POSTS_KEY, page],
    queryFn: (context) =>
      api<Page<ChannelPost>>(
        'GET',
        `/api/staff/channel-posts?page=${page}&pageSize=${PAGE_SIZE}`,
        undefined,
        pollHeaders(context),
      ),
    placeholderData: keepPreviousData,
    // A fresh post is delivered in the background: look again while any network is still on its way.
    refetchInterval: (query) =>
      query.state.data?.items.some((post) =>
        post.deliveries.some((d) => d.status === 'pending' || d.status === 'sending'),
      )
        ? 3000
        : false,
  });
}

export const usePostTargets = () =>
  useQuery({
    queryKey: [...POSTS_KEY, 'targets'],
    queryFn: () =>
      api<{ id: string; network: ChannelAccount['network']; title: string }[]>(
        'GET',
        '/api/staff/channel-posts/targets',
      ),
  });

export const usePublish = () =>
  useInvalidatingMutation(
    (input: { text: string; accountIds: string[] }) =>
      api<{ id: string }>('POST', '/api/staff/channel-posts', input),
    [POSTS_KEY, OUTBOX_KEY],
  );

export const useRetryDelivery = () =>
  useInvalidatingMutation(
    ({ postId, deliveryId }: { postId: string; deliveryId: string }) =>
      api<void>('POST', `/api/staff/channel-posts/${postId}/deliveries/${deliveryId}/retry`),
    [POSTS_KEY, OUTBOX_KEY],
  );
