import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { StaffAgency, WorkingHours } from '../../../common/types';
import { api } from '../../ui/api';
import { SESSION_KEY } from '../session/sessionQuery';

export const AGENCY_KEY = ['agency'] as const;

export interface AgencyPatch {
  name?: string;
  shortName?: string;
  timezone?: string;
  workingHours?: WorkingHours;
  requestNumberPrefix?: string;
  reminderLeadDays?: number[];
  retentionYears?: number;
  requireTwoFactorForAdmins?: boolean;
}

export function useAgency() {
  return useQuery({ queryKey: AGENCY_KEY, queryFn: () => api<StaffAgency>('GET', '/api/staff/agency') });
}

export function useUpdateAgency() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: AgencyPatch) => api<StaffAgency>('PATCH', '/api/staff/agency', patch),
    onSuccess: async (agency) => {
      queryClient.setQueryData(AGENCY_KEY, agency);
      // The header shows the agency's short name from the session.
      await queryClient.invalidateQueries({ queryKey: SESSION_KEY });
    },
  });
}
