import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ImportRowResult } from '../../../common/imports';
import { api, apiForm } from '../../ui/api';
import { REQUESTS_KEY } from '../requests/requestQueries';

export const IMPORT_KINDS = ['pos', 'medo', 'governor-reception'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export interface ImportInput {
  file: File;
  dryRun: boolean;
  /** The Governor's reception number for a forwarded e-mail that does not carry it. */
  number?: string;
}

/** Uploads the file for a preview (`dryRun`) or the import itself. */
export function useImport(kind: ImportKind) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, dryRun, number }: ImportInput) => {
      const form = new FormData();
      form.append('file', file);
      const query = new URLSearchParams();
      if (dryRun) query.set('dryRun', 'true');
      if (number?.trim()) query.set('number', number.trim());
      const search = query.size ? `?${query}` : '';
      return apiForm<{ rows: ImportRowResult[] }>(`/api/staff/imports/${kind}${search}`, form);
    },
    onSuccess: (_result, input) =>
      input.dryRun ? undefined : queryClient.invalidateQueries({ queryKey: [...REQUESTS_KEY, 'list'] }),
  });
}

const SECRET_KEY = ['imports', 'pos-secret'] as const;

export function usePosSecretStatus(enabled: boolean) {
  return useQuery({
    queryKey: SECRET_KEY,
    queryFn: () =>
      api<{ configured: boolean; rotatedAt: string | null }>('GET', '/api/staff/imports/pos/secret'),
    enabled,
  });
}

export function useRotatePosSecret() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<{ secret: string; rotatedAt: string }>('POST', '/api/staff/imports/pos/secret'),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: SECRET_KEY }),
  });
}

export const posAnswersUrl = (from: string, to: string) =>
  `/api/staff/imports/pos/answers.xlsx?${new URLSearchParams({ from, to })}`;
