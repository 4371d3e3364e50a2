import { useQuery } from '@tanstack/react-query';
import type { RequestKind } from '../../../common/requests';
import { api } from '../../ui/api';
import { useInvalidatingMutation } from '../shared/useInvalidatingMutation';

export const TERMS = ['register', 'answer', 'urgentAnswer', 'extension', 'redirect'] as const;
export type TermName = (typeof TERMS)[number];

export interface TermValue {
  days: number;
  dayType: 'calendar' | 'working';
  source: string;
}

export interface DeadlinePolicy {
  kind: RequestKind;
  title: string;
  law: string;
  terms: { term: TermName; current: TermValue | null; preset: TermValue | null; overridden: boolean }[];
}

const KEY = ['deadline-policies'] as const;
const path = (kind: RequestKind, term: TermName) => `/api/staff/deadline-policies/${kind}/${term}`;

export function useDeadlinePolicies() {
  return useQuery({
    queryKey: KEY,
    queryFn: () => api<DeadlinePolicy[]>('GET', '/api/staff/deadline-policies'),
  });
}

export function useSaveTerm() {
  return useInvalidatingMutation(
    ({ kind, term, value }: { kind: RequestKind; term: TermName; value: TermValue }) =>
      api<void>('PUT', path(kind, term), value),
    [KEY],
  );
}

export function useRestoreTerm() {
  return useInvalidatingMutation(
    ({ kind, term }: { kind: RequestKind; term: TermName }) => api<void>('DELETE', path(kind, term)),
    [KEY],
  );
}
