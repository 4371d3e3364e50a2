import { useQuery } from '@tanstack/react-query';
import type { BookingSource } from '../../../common/reception';
import { api } from '../../ui/api';
import { useInvalidatingMutation } from '../shared/useInvalidatingMutation';

export interface Official {
  id: string;
  name: string;
  position: string;
  userId: string | null;
  active: boolean;
}
export interface Room {
  id: string;
  name: string;
  videoRecording: boolean;
}
export interface Booking {
  id: string;
  slotId: string;
  name: string;
  phone: string | null;
  email: string | null;
  topic: string;
  channel: string;
  source: string;
  status: string;
  createdAt: string;
}
export interface Slot {
  id: string;
  startsAt: string;
  endsAt: string;
  official: Official;
  room: Room | null;
  booking: Booking | null;
}

const BASE = '/api/staff/reception';
const OFFICIALS_KEY = ['reception', 'officials'] as const;
const ROOMS_KEY = ['reception', 'rooms'] as const;
const SLOTS_KEY = ['reception', 'slots'] as const;
const path = (kind: string, id: string) => `${BASE}/${kind}/${encodeURIComponent(id)}`;

export const useOfficials = () =>
  useQuery({ queryKey: OFFICIALS_KEY, queryFn: () => api<Official[]>('GET', `${BASE}/officials`) });

export const useRooms = () =>
  useQuery({ queryKey: ROOMS_KEY, queryFn: () => api<Room[]>('GET', `${BASE}/rooms`) });

/** Slots of the agency-local days from `from` to `to` inclusive, with their bookings. */
export const useSlots = (from: string, to: string) =>
  useQuery({
    queryKey: [...SLOTS_KEY, from, to],
    queryFn: () =>
      api<Slot[]>('GET', `${BASE}/slots?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`),
  });

export interface OfficialInput {
  id?: string;
  name: string;
  position: string;
  active: boolean;
}

// Slots show their official's name, so a renamed official reloads the schedule too.
export const useSaveOfficial = () =>
  useInvalidatingMutation(
    ({ id, ...body }: OfficialInput) =>
      id
        ? api<Official>('PATCH', path('officials', id), body)
        : api<Official>('POST', `${BASE}/officials`, { name: body.name, position: body.position }),
    [OFFICIALS_KEY, SLOTS_KEY],
  );

export const useSaveRoom = () =>
  useInvalidatingMutation(
    ({ id, ...body }: { id?: string; name: string; videoRecording: boolean }) =>
      id ? api<Room>('PATCH', path('rooms', id), body) : api<Room>('POST', `${BASE}/rooms`, body),
    [ROOMS_KEY, SLOTS_KEY],
  );

export interface GenerateInput {
  officialId: string;
  roomId: string | null;
  from: string;
  to: string;
  pattern: { weekdays: number[]; start: string; end: string; minutes: number };
}

export const useGenerateSlots = () =>
  useInvalidatingMutation(
    (input: GenerateInput) =>
      api<{ created: number; skipped: number }>('POST', `${BASE}/slots/generate`, input),
    [SLOTS_KEY],
  );

export interface BookingInput {
  slotId: string;
  source: Extract<BookingSource, 'written' | 'oral'>;
  name: string;
  phone: string;
  email: string;
  topic: string;
}

export const useBookSlot = () =>
  useInvalidatingMutation(
    (input: BookingInput) => api<Booking>('POST', `${BASE}/bookings`, input),
    [SLOTS_KEY],
  );

export const useCancelBooking = () =>
  useInvalidatingMutation(
    (id: string) => api<Booking>('POST', `${path('bookings', id)}/cancel`),
    [SLOTS_KEY],
  );
