import { useQuery } from '@tanstack/react-query';
import type { TemplateVariant } from '../../../common/kb';
import { api } from '../../ui/api';
import { useInvalidatingMutation } from '../shared/useInvalidatingMutation';

/** An active answer template as the pickers list it. */
export interface TemplateOption {
  id: string;
  title: string;
  departmentId: string | null;
  hasShortBody: boolean;
  starter: boolean;
}

export interface Rendered {
  text: string;
  unknown: string[];
}

export const TEMPLATES_KEY = ['kb', 'templates'] as const;
export const PLACEHOLDERS = ['клиент', 'номер', 'дата_поступления', 'срок', 'исполнитель'] as const;

export function useTemplates() {
  return useQuery({
    queryKey: TEMPLATES_KEY,
    queryFn: () => api<TemplateOption[]>('GET', '/api/staff/kb/templates'),
  });
}

/** The server picks the variant for the request's channel unless one is forced. */
export const renderTemplate = (requestId: string, templateId: string, variant?: TemplateVariant) =>
  api<Rendered & { variant: TemplateVariant }>(
    'GET',
    `/api/staff/requests/${encodeURIComponent(requestId)}/templates/${encodeURIComponent(templateId)}/render${
      variant ? `?variant=${variant}` : ''
    }`,
  );

export interface TemplatePreview {
  request: { id: string; number: string; channel: string };
  chosen: TemplateVariant;
  formal: Rendered;
  short: Rendered;
}

export const previewTemplate = (input: { requestNumber: string; body: string; shortBody: string | null }) =>
  api<TemplatePreview>('POST', '/api/staff/kb/templates/preview', input);

const SIGNATURE_KEY = ['profile', 'signature'] as const;

export function useSignature() {
  return useQuery({
    queryKey: SIGNATURE_KEY,
    queryFn: () => api<{ signature: string | null }>('GET', '/api/staff/profile/signature'),
  });
}

export function useSaveSignature() {
  return useInvalidatingMutation(
    (input: { signature: string }) =>
      api<{ signature: string | null }>('PUT', '/api/staff/profile/signature', input),
    [SIGNATURE_KEY],
  );
}
