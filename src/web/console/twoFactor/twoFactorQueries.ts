import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../ui/api';

const STATUS_KEY = ['two-factor'] as const;

export interface TwoFactorSetup {
  secret: string;
  uri: string;
  qr: string;
}

export function useTwoFactorStatus() {
  return useQuery({
    queryKey: STATUS_KEY,
    queryFn: () => api<{ enabled: boolean; recoveryCodesLeft: number }>('GET', '/api/auth/two-factor'),
  });
}

/** A fresh secret each time the dialog opens; nothing changes until a code confirms it. */
export function useTwoFactorSetup() {
  return useQuery({
    queryKey: [...STATUS_KEY, 'setup'],
    queryFn: () => api<TwoFactorSetup>('POST', '/api/auth/two-factor/setup'),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
    retry: false,
  });
}

export function useConfirmTwoFactor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { code: string }) =>
      api<{ recoveryCodes: string[] }>('POST', '/api/auth/two-factor/confirm', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: STATUS_KEY, exact: true }),
  });
}

export function useDisableTwoFactor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { password: string; code: string }) =>
      api<void>('POST', '/api/auth/two-factor/disable', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: STATUS_KEY, exact: true }),
  });
}
