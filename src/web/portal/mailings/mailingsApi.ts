import { useQuery } from '@tanstack/react-query';
import { api } from '../../ui/api';

export interface SubscriptionForm {
  agencyName: string;
  consentText: string;
  topics: { id: string; title: string; description: string }[];
}

const base = (slug: string) => `/api/public/${encodeURIComponent(slug)}`;

export function useSubscriptionForm(slug: string) {
  return useQuery({
    queryKey: ['public', 'subscriptions', slug],
    queryFn: () => api<SubscriptionForm>('GET', `${base(slug)}/subscriptions/form`),
  });
}

export function subscribe(slug: string, input: { email: string; topics: string[]; consent: boolean }) {
  return api<{ message: string }>('POST', `${base(slug)}/subscriptions`, {
    ...input,
    sourcePage: window.location.pathname,
  });
}

export function confirmSubscription(slug: string, token: string) {
  return api<{ email: string; topics: string[] }>('POST', `${base(slug)}/subscriptions/confirm`, { token });
}

export function describeUnsubscribe(slug: string, token: string) {
  return api<{ agencyName: string; email: string; subscribed: boolean }>(
    'GET',
    `${base(slug)}/unsubscribe/${encodeURIComponent(token)}`,
  );
}

export function unsubscribe(slug: string, token: string) {
  return api<{ message: string }>('POST', `${base(slug)}/unsubscribe/${encodeURIComponent(token)}`, {});
}
