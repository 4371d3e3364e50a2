import { useQuery } from '@tanstack/react-query';
import type { CardOutcome } from '../../../common/reception';
import { api } from '../../ui/api';
import { useInvalidatingMutation } from '../shared/useInvalidatingMutation';
import type { Room } from './receptionQueries';

export interface ReceptionCard {
  id: string;
  closed: boolean;
  closedAt: string | null;
  slot: { id: string; startsAt: string; endsAt: string };
  official: { id: string; name: string; position: string };
  booking: { id: string; status: string; source: string };
  slotRoom: Room | null;
  /** Where the reception takes place: the card's choice, else the slot's room. */
  room: Room | null;
  rooms: Room[];
  clientId: string | null;
  name: string;
  phone: string | null;
  email: string | null;
  postalAddress: string | null;
  topic: string;
  identityCheckedAt: string | null;
  recordingConsent: boolean | null;
  officialIntroduced: boolean;
  appliedBefore: boolean | null;
  appliedBeforeDetails: string | null;
  outcome: CardOutcome | null;
  oralAnswerConsent: boolean | null;
  answerText: string | null;
  redirectNote: string | null;
  request: { id: string; number: string; dueAt: string } | null;
  canPrepare: boolean;
  canConduct: boolean;
}

export interface Preparation {
  name: string;
  phone: string;
  email: string;
  postalAddress: string;
  topic: string;
  identityChecked: boolean;
  recordingConsent: boolean | null;
  roomId: string | null;
}

export interface Closing {
  officialIntroduced: boolean;
  appliedBefore: boolean;
  appliedBeforeDetails: string;
  outcome: CardOutcome;
  oralAnswerConsent: boolean;
  answerText: string;
  redirectNote: string;
}

const BASE = '/api/staff/reception/cards';
const cardKey = (id: string) => ['reception', 'cards', id] as const;
const SLOTS_KEY = ['reception', 'slots'] as const;

export const useReceptionCard = (id: string) =>
  useQuery({
    queryKey: cardKey(id),
    queryFn: () => api<ReceptionCard>('GET', `${BASE}/${encodeURIComponent(id)}`),
  });

/** Opens (or finds) the card of a booking; the schedule then shows the visit in progress. */
export const useOpenCard = () =>
  useInvalidatingMutation(
    (bookingId: string) => api<ReceptionCard>('POST', BASE, { bookingId }),
    [SLOTS_KEY],
  );

/** A walk-in on a free slot: the booking (an oral request in person) and the card in one step. */
export const useOpenWalkIn = () =>
  useInvalidatingMutation(
    (input: { slotId: string; name: string; phone: string; email: string; topic: string }) =>
      api<ReceptionCard>('POST', BASE, input),
    [SLOTS_KEY],
  );

export const usePrepareCard = (id: string) =>
  useInvalidatingMutation(
    (input: Preparation) => api<ReceptionCard>('PATCH', `${BASE}/${encodeURIComponent(id)}`, input),
    [cardKey(id)],
  );

export const useCloseCard = (id: string) =>
  useInvalidatingMutation(
    (input: Closing) => api<ReceptionCard>('POST', `${BASE}/${encodeURIComponent(id)}/close`, input),
    [cardKey(id), SLOTS_KEY],
  );

export const useMarkNoShow = () =>
  useInvalidatingMutation(
    (bookingId: string) =>
      api('POST', `/api/staff/reception/bookings/${encodeURIComponent(bookingId)}/no-show`),
    [SLOTS_KEY],
  );
