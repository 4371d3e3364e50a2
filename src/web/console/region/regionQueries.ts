import { useQuery } from '@tanstack/react-query';
import type { PublicAgency } from '../../../common/types';
import { api } from '../../ui/api';
import { SESSION_KEY } from '../session/sessionQuery';
import { useInvalidatingMutation } from '../shared/useInvalidatingMutation';

export const REGION_AGENCIES_KEY = ['region', 'agencies'] as const;

export function useRegionAgencies() {
  return useQuery({
    queryKey: REGION_AGENCIES_KEY,
    queryFn: () => api<PublicAgency[]>('GET', '/api/staff/region/agencies'),
  });
}

export function useCreateAgency() {
  return useInvalidatingMutation(
    (agency: PublicAgency) => api<PublicAgency>('POST', '/api/staff/region/agencies', agency),
    // The creator becomes the new agency's admin, so the session's agency list changes too.
    [REGION_AGENCIES_KEY, SESSION_KEY],
  );
}
