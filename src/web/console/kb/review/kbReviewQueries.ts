import { useQuery } from '@tanstack/react-query';
import type { ReviewOutcome } from '../../../../common/kb';
import type { KbFreshness, KbReview } from '../../../../common/kb-review';
import { api } from '../../../ui/api';
import { useInvalidatingMutation } from '../../shared/useInvalidatingMutation';

const FRESHNESS_KEY = ['kb', 'freshness'] as const;
const reviewsKey = (sectionId: string) => ['kb', 'sections', sectionId, 'reviews'] as const;

/** The dashboard; the per-department numbers stay whole, `departmentId` narrows the sections. */
export function useKbFreshness(departmentId: string | null) {
  const query = departmentId ? `?departmentId=${encodeURIComponent(departmentId)}` : '';
  return useQuery({
    queryKey: [...FRESHNESS_KEY, departmentId],
    queryFn: () => api<KbFreshness>('GET', `/api/staff/kb/freshness${query}`),
  });
}

export function useSectionReviews(sectionId: string) {
  return useQuery({
    queryKey: reviewsKey(sectionId),
    queryFn: () => api<KbReview[]>('GET', `/api/staff/kb/sections/${encodeURIComponent(sectionId)}/reviews`),
  });
}

export function useReviewSection(sectionId: string) {
  return useInvalidatingMutation(
    (input: { outcome: ReviewOutcome; note?: string }) =>
      api<KbReview>('POST', `/api/staff/kb/sections/${encodeURIComponent(sectionId)}/reviews`, input),
    [FRESHNESS_KEY, reviewsKey(sectionId)],
  );
}
