import { useQuery } from '@tanstack/react-query';
import type { CalendarDayKind, CalendarOverride, CalendarYearView } from '../../../common/types';
import { api } from '../../ui/api';
import { useInvalidatingMutation } from '../shared/useInvalidatingMutation';

export const CALENDAR_KEY = ['calendar'] as const;

export function useCalendar(year: number) {
  return useQuery({
    queryKey: [...CALENDAR_KEY, year],
    queryFn: () => api<CalendarYearView>('GET', `/api/staff/calendar?year=${year}`),
  });
}

export function useSetOverride() {
  return useInvalidatingMutation(
    ({ date, kind, note }: { date: string; kind: CalendarDayKind; note: string | null }) =>
      api<CalendarOverride>('PUT', `/api/staff/calendar/${date}`, note ? { kind, note } : { kind }),
    [CALENDAR_KEY],
  );
}

export function useRemoveOverride() {
  return useInvalidatingMutation(
    (date: string) => api<void>('DELETE', `/api/staff/calendar/${date}`),
    [CALENDAR_KEY],
  );
}
