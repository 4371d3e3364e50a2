import { useQuery } from '@tanstack/react-query';
import type { Answers, PublicSurvey } from '../../../common/surveys';
import { api } from '../../ui/api';

const base = (agency: string, survey: string) =>
  `/api/public/${encodeURIComponent(agency)}/surveys/${encodeURIComponent(survey)}`;

export function usePublicSurvey(agency: string, survey: string) {
  return useQuery({
    queryKey: ['public', 'surveys', agency, survey],
    queryFn: () => api<PublicSurvey>('GET', base(agency, survey)),
    retry: false,
  });
}

export interface SurveySubmission {
  answers: Answers;
  channel: 'link' | 'qr' | 'site';
  token?: string;
}

export function submitSurvey(agency: string, survey: string, submission: SurveySubmission) {
  return api<{ id: string }>('POST', `${base(agency, survey)}/responses`, submission);
}
