import { useQuery } from '@tanstack/react-query';
import { api } from '../../ui/api';

export interface PublicSlot {
  id: string;
  startsAt: string;
  official: string;
  available: boolean;
}

const base = (slug: string) => `/api/public/${encodeURIComponent(slug)}`;

export function useReceptionSlots(slug: string) {
  return useQuery({
    queryKey: ['public', 'reception', slug],
    queryFn: () => api<PublicSlot[]>('GET', `${base(slug)}/reception/slots`),
  });
}

export interface BookingInput {
  slotId: string;
  name: string;
  phone: string;
  email: string;
  topic: string;
  consent: boolean;
}

export function bookSlot(slug: string, input: BookingInput) {
  return api<{ id: string; startsAt: string }>('POST', `${base(slug)}/bookings`, input);
}

export function describeBooking(slug: string, token: string) {
  return api<{ startsAt: string; topic: string }>(
    'GET',
    `${base(slug)}/bookings/cancel?${new URLSearchParams({ token })}`,
  );
}

export function cancelBooking(slug: string, token: string) {
  return api<{ message: string }>('POST', `${base(slug)}/bookings/cancel`, { token });
}
