import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CalendarDayKind, CalendarOverride, CalendarYearView } from '../../../common/types';
import { api } from '../../ui/api';

export const CALENDAR_KEY = ['calendar'] as const;

export function useCalendar(year: number) {
  return useQuery({
    queryKey: [...CALENDAR_KEY, year],
    queryFn: () => api<CalendarYearView>('GET', `/api/staff/calendar?year=${year}`),
  });
}

export function useSetOverride() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ date, kind, note }: { date: string; kind: CalendarDayKind; note: string | null }) =>
      api<CalendarOverride>('PUT', `/api/staff/calendar/${date}`, note ? { kind, note } : { kind }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: CALENDAR_KEY }),
  });
}

export function useRemoveOverride() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (date: string) => api<void>('DELETE', `/api/staff/calendar/${date}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: CALENDAR_KEY }),
  });
}
