import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PublicAgency } from '../../../common/types';
import { api } from '../../ui/api';
import { SESSION_KEY } from '../session/sessionQuery';

export const REGION_AGENCIES_KEY = ['region', 'agencies'] as const;

export function useRegionAgencies() {
  return useQuery({
    queryKey: REGION_AGENCIES_KEY,
    queryFn: () => api<PublicAgency[]>('GET', '/api/staff/region/agencies'),
  });
}

export function useCreateAgency() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (agency: PublicAgency) => api<PublicAgency>('POST', '/api/staff/region/agencies', agency),
    onSuccess: async () => {
      // The creator becomes the new agency's admin, so the session's agency list changes too.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: REGION_AGENCIES_KEY }),
        queryClient.invalidateQueries({ queryKey: SESSION_KEY }),
      ]);
    },
  });
}
