import { useQuery } from '@tanstack/react-query';
import type { SurveyDefinition, SurveyQuestion } from '../../../common/surveys';
import { api } from '../../ui/api';
import { useInvalidatingMutation } from '../shared/useInvalidatingMutation';

export interface SurveySummary {
  id: string;
  slug: string;
  title: string;
  published: boolean;
  anonymous: boolean;
  requireToken: boolean;
  version: number;
  responses: number;
}
export interface SurveyVersion {
  id: string;
  number: number;
  createdAt: string;
  definition: SurveyDefinition;
  questions: SurveyQuestion[];
}
export interface SurveyDetail extends SurveySummary {
  current: SurveyVersion;
  versions: { id: string; number: number; createdAt: string; responses: number }[];
}

const BASE = '/api/staff/surveys';
const LIST_KEY = ['surveys'] as const;
const path = (id: string, rest = '') => `${BASE}/${encodeURIComponent(id)}${rest}`;

export const useSurveys = () =>
  useQuery({ queryKey: LIST_KEY, queryFn: () => api<SurveySummary[]>('GET', BASE) });

export const useSurvey = (id: string) =>
  useQuery({ queryKey: [...LIST_KEY, id], queryFn: () => api<SurveyDetail>('GET', path(id)) });

export const useSurveySettings = (id: string) =>
  useInvalidatingMutation(
    (patch: Partial<Pick<SurveySummary, 'published' | 'requireToken'>>) =>
      api<SurveySummary>('PATCH', path(id), patch),
    [LIST_KEY],
  );

export const useSaveResources = (id: string) =>
  useInvalidatingMutation(
    (resources: { id?: string; label: string }[]) =>
      api<SurveyVersion>('PUT', path(id, '/resources'), { resources }),
    [LIST_KEY],
  );

export const useEnterResponse = (id: string) =>
  useInvalidatingMutation(
    (input: { channel: 'paper' | 'phone'; codes: Record<string, string> }) =>
      api<{ id: string }>('POST', path(id, '/responses'), input),
    [LIST_KEY],
  );

export const useSurveyTemplates = (enabled: boolean) =>
  useQuery({
    queryKey: [...LIST_KEY, 'templates'],
    queryFn: () => api<{ key: string; title: string }[]>('GET', `${BASE}/templates`),
    enabled,
  });

export const useCreateFromTemplate = () =>
  useInvalidatingMutation(
    (input: { template: string; slug: string }) => api<SurveyDetail>('POST', BASE, input),
    [LIST_KEY],
  );

export const useIssueTokens = (id: string) =>
  useInvalidatingMutation(
    (count: number) => api<{ tokens: string[] }>('POST', path(id, '/tokens'), { count }),
    [],
  );
