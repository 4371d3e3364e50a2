import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../ui/api';
import { pollHeaders } from '../shared/polling';

export interface StaffNotification {
  id: number;
  kind:
    | 'deadline_reminder'
    | 'deadline_overdue'
    | 'kb_review_reminder'
    | 'kb_review_overdue'
    | 'site_review_reminder'
    | 'site_review_overdue';
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

const KEY = ['notifications'] as const;

/** Polled every minute: reminders are written by the server's deadline sweep, not by this user. */
export function useNotifications() {
  return useQuery({
    queryKey: KEY,
    queryFn: (context) =>
      api<{ unread: number; items: StaffNotification[] }>(
        'GET',
        '/api/staff/notifications',
        undefined,
        pollHeaders(context),
      ),
    refetchInterval: 60_000,
  });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number | 'all') =>
      api<void>(
        'POST',
        id === 'all' ? '/api/staff/notifications/read-all' : `/api/staff/notifications/${id}/read`,
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}
