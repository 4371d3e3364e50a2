import { useQuery } from '@tanstack/react-query';
import type { ProposalStatus } from '../../../common/kb';
import { api } from '../../ui/api';
import { useInvalidatingMutation } from '../shared/useInvalidatingMutation';

/** A question asked often without an article to answer it (seed 003 p. 41). */
export interface KbProposal {
  id: string;
  title: string;
  terms: string[];
  sampleText: string;
  requestIds: string[];
  callIds: string[];
  size: number;
  status: ProposalStatus;
  departmentId: string | null;
  departmentName: string | null;
  articleId: string | null;
  createdAt: string;
  decidedAt: string | null;
}

const PROPOSALS_KEY = ['kb-proposals'] as const;

export function useKbProposals(status: ProposalStatus | 'all') {
  const query = status === 'all' ? '' : `?status=${status}`;
  return useQuery({
    queryKey: [...PROPOSALS_KEY, status],
    queryFn: () => api<KbProposal[]>('GET', `/api/staff/kb/proposals${query}`),
  });
}

export function useDecideProposal() {
  return useInvalidatingMutation(
    ({ id, decision }: { id: string; decision: 'accept' | 'dismiss' }) =>
      api<KbProposal>('POST', `/api/staff/kb/proposals/${encodeURIComponent(id)}/${decision}`),
    [PROPOSALS_KEY],
  );
}
