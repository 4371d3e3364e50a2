import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { CallOutcome, CallQuality, CallSource } from '../../../common/calls';
import { api } from '../../ui/api';
import type { Article, ArticleSummary } from '../kb/kbQueries';
import type { KbFound } from '../kb/search/kbSearchQueries';
import { useInvalidatingMutation } from '../shared/useInvalidatingMutation';

export interface Call {
  id: string;
  source: CallSource;
  externalId: string | null;
  callerPhone: string;
  clientId: string | null;
  startedAt: string;
  answered: boolean;
  durationSec: number;
  withinHours: boolean;
  operatorId: string | null;
  topicId: string | null;
  question: string | null;
  answer: string | null;
  outcome: CallOutcome | null;
  requestId: string | null;
  redirectNote: string | null;
  surveyAnswerReceived: boolean | null;
  surveyQuality: CallQuality | null;
  callbackDueAt: string | null;
  callbackDoneAt: string | null;
  callbackDoneBy: string | null;
}

/** A row of the calls list carries the operator's name, which operators may not look up themselves. */
export interface CallListItem extends Call {
  operatorName: string | null;
}

export interface CallFilter {
  answered: boolean | null;
  withinHours: boolean | null;
  source: CallSource | null;
  page: number;
}

export interface CardPatch {
  topicId: string | null;
  question: string | null;
  answer: string | null;
  outcome: CallOutcome | null;
  redirectNote: string | null;
  surveyAnswerReceived: boolean | null;
  surveyQuality: CallQuality | null;
}

export interface MissedCounts {
  withinHours: number;
  outsideHours: number;
}

export interface MissedReport extends MissedCounts {
  from: string;
  to: string;
  total: number;
  callbacksDone: number;
  callbacksOpen: number;
  byDay: (MissedCounts & { date: string })[];
  byHour: (MissedCounts & { hour: number })[];
}

export const CALLS_KEY = ['calls'] as const;
export const CALLS_PAGE_SIZE = 25;
const callPath = (id: string) => `/api/staff/calls/${encodeURIComponent(id)}`;

export function useCalls(filter: CallFilter) {
  const params = new URLSearchParams({ page: String(filter.page), pageSize: String(CALLS_PAGE_SIZE) });
  if (filter.answered !== null) params.set('answered', String(filter.answered));
  if (filter.withinHours !== null) params.set('withinHours', String(filter.withinHours));
  if (filter.source) params.set('source', filter.source);
  return useQuery({
    queryKey: [...CALLS_KEY, 'list', filter],
    queryFn: () =>
      api<{ total: number; pages: number; page: number; items: CallListItem[] }>(
        'GET',
        `/api/staff/calls?${params}`,
      ),
    placeholderData: keepPreviousData,
  });
}

export function useCall(id: string) {
  return useQuery({ queryKey: [...CALLS_KEY, 'one', id], queryFn: () => api<Call>('GET', callPath(id)) });
}

export function useMissedReport(from: string, to: string) {
  return useQuery({
    queryKey: [...CALLS_KEY, 'missed', from, to],
    queryFn: () =>
      api<MissedReport>('GET', `/api/staff/calls/missed-report?${new URLSearchParams({ from, to })}`),
  });
}

export interface ManualCall {
  caller: string;
  startedAt: string;
  answered: boolean;
  durationSec: number;
}

export const useLogCall = () =>
  useInvalidatingMutation((call: ManualCall) => api<Call>('POST', '/api/staff/calls', call), [CALLS_KEY]);

export const useSaveCard = (id: string) =>
  useInvalidatingMutation((patch: CardPatch) => api<Call>('PATCH', callPath(id), patch), [CALLS_KEY]);

export const useCallbackDone = (id: string) =>
  useInvalidatingMutation(() => api<Call>('POST', `${callPath(id)}/callback-done`), [CALLS_KEY]);

export interface CallRequestInput {
  name: string;
  email: string | null;
  text: string | null;
}

export const useCallToRequest = (id: string) =>
  useInvalidatingMutation(
    (input: CallRequestInput) =>
      api<{ call: Call; requestId: string; number: string }>('POST', `${callPath(id)}/request`, input),
    [CALLS_KEY],
  );

/** The agency's greeting or farewell articles (KB kind `call_script`, issue 7 p. 2); there may be several. */
export function useCallScript(stage: 'greeting' | 'farewell') {
  return useQuery({
    queryKey: ['kb', 'call-script', stage],
    queryFn: async () => {
      const page = await api<{ items: ArticleSummary[] }>(
        'GET',
        '/api/staff/kb/articles?kind=call_script&pageSize=100',
      );
      const ofStage = page.items.filter((article) => article.active && article.scriptStage === stage);
      return Promise.all(
        ofStage.map((summary) =>
          api<Article>('GET', `/api/staff/kb/articles/${encodeURIComponent(summary.id)}`),
        ),
      );
    },
  });
}

/** Articles answering what the caller asks, found as the operator types (POST /kb/suggestions). */
export function useTextKbSuggestions(text: string) {
  return useQuery({
    queryKey: ['kb-suggestions', 'text', text],
    queryFn: () => api<KbFound[]>('POST', '/api/staff/kb/suggestions', { text }),
    enabled: text.trim().length >= 3,
    placeholderData: keepPreviousData,
  });
}
