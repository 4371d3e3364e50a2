import { useQuery } from '@tanstack/react-query';
import type { FileStorage } from '../../../common/types';
import { api } from '../../ui/api';
import { useInvalidatingMutation } from '../shared/useInvalidatingMutation';

export const FILE_STORAGE_KEY = ['agency', 'file-storage'] as const;

export function useFileStorage() {
  return useQuery({
    queryKey: FILE_STORAGE_KEY,
    queryFn: () => api<FileStorage>('GET', '/api/staff/agency/file-storage'),
  });
}

/** The region administrator's quota for the agency; null returns it to the installation default. */
export function useSetFileQuota(slug: string) {
  return useInvalidatingMutation(
    (quotaMb: number | null) =>
      api<FileStorage>('PUT', `/api/staff/region/agencies/${encodeURIComponent(slug)}/file-quota`, {
        quotaMb,
      }),
    [FILE_STORAGE_KEY],
  );
}
