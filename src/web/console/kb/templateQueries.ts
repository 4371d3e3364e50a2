import { useQuery } from '@tanstack/react-query';
import { api } from '../../ui/api';
import { useInvalidatingMutation } from '../shared/useInvalidatingMutation';

export type AnswerVariant = 'letter' | 'short';

export interface AnswerTemplate {
  id: string;
  title: string;
  body: string;
  variant: AnswerVariant;
  departmentId: string | null;
  active: boolean;
  starter: boolean;
  updatedAt: string;
}

export interface TemplateInput {
  title: string;
  body: string;
  variant: AnswerVariant;
  departmentId: string | null;
}

export const TEMPLATES_KEY = ['answer-templates'] as const;
export const PLACEHOLDERS = ['клиент', 'номер', 'дата_поступления', 'срок', 'исполнитель'] as const;

export function useAnswerTemplates(filter: { q: string; archived: boolean }) {
  const params = new URLSearchParams();
  if (filter.q.trim()) params.set('q', filter.q.trim());
  if (filter.archived) params.set('archived', 'true');
  return useQuery({
    queryKey: [...TEMPLATES_KEY, filter],
    queryFn: () => api<AnswerTemplate[]>('GET', `/api/staff/answer-templates?${params}`),
  });
}

export function useSaveTemplate() {
  return useInvalidatingMutation(
    (input: Partial<TemplateInput> & { id?: string; active?: boolean }) => {
      const { id, ...body } = input;
      return id
        ? api<AnswerTemplate>('PATCH', `/api/staff/answer-templates/${encodeURIComponent(id)}`, body)
        : api<AnswerTemplate>('POST', '/api/staff/answer-templates', body);
    },
    [TEMPLATES_KEY],
  );
}

export const renderTemplate = (requestId: string, templateId: string) =>
  api<{ text: string; unknown: string[] }>(
    'GET',
    `/api/staff/requests/${encodeURIComponent(requestId)}/templates/${encodeURIComponent(templateId)}/render`,
  );

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
