import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  CentricityReport,
  Dashboard,
  DashboardFilter,
  DeadlineBucket,
  RegionRow,
  ReportFrequency,
} from '../../../common/dashboard';
import { api } from '../../ui/api';
import { useInvalidatingMutation } from '../shared/useInvalidatingMutation';

export interface DrillDownItem {
  id: string;
  number: string;
  kind: string;
  channel: string;
  status: string;
  receivedAt: string;
  dueAt: string;
  resolvedAt: string | null;
  departmentId: string | null;
}

const query = (filter: DashboardFilter, extra: Record<string, string> = {}) => {
  const params = new URLSearchParams(extra);
  for (const [key, value] of Object.entries(filter)) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
};

export const useDashboard = (filter: DashboardFilter) =>
  useQuery({
    queryKey: ['dashboard', filter],
    queryFn: () => api<Dashboard>('GET', `/api/staff/dashboard${query(filter)}`),
    placeholderData: keepPreviousData,
  });

export const useCentricity = (filter: DashboardFilter) =>
  useQuery({
    queryKey: ['dashboard', 'index', filter],
    queryFn: () => api<CentricityReport>('GET', `/api/staff/dashboard/index${query(filter)}`),
    placeholderData: keepPreviousData,
  });

export const DRILL_DOWN_PAGE = 20;

export const useDrillDown = (filter: DashboardFilter, bucket: DeadlineBucket | null, page: number) =>
  useQuery({
    queryKey: ['dashboard', 'requests', filter, bucket, page],
    queryFn: () =>
      api<{ total: number; items: DrillDownItem[] }>(
        'GET',
        `/api/staff/dashboard/requests${query(filter, {
          bucket: bucket ?? '',
          limit: String(DRILL_DOWN_PAGE),
          offset: String((page - 1) * DRILL_DOWN_PAGE),
        })}`,
      ),
    enabled: bucket !== null,
    placeholderData: keepPreviousData,
  });

export const useRegionDashboard = (filter: { from?: string; to?: string }) =>
  useQuery({
    queryKey: ['region', 'dashboard', filter],
    queryFn: () => api<RegionRow[]>('GET', `/api/staff/region/dashboard${query(filter)}`),
    placeholderData: keepPreviousData,
  });

/** Where the browser downloads the dashboard from (a plain link, cookies sent). */
export const exportUrl = (filter: DashboardFilter, format: 'pdf' | 'xlsx') =>
  `/api/staff/dashboard/export${query(filter, { format })}`;

const SUBSCRIPTION_KEY = ['dashboard', 'subscription'] as const;
type Subscription = { frequency: ReportFrequency | null };

export const useReportSubscription = () =>
  useQuery({
    queryKey: SUBSCRIPTION_KEY,
    queryFn: () => api<Subscription>('GET', '/api/staff/dashboard/subscription'),
  });

export const useSetReportSubscription = () =>
  useInvalidatingMutation(
    (frequency: ReportFrequency | null) =>
      api<Subscription>('PUT', '/api/staff/dashboard/subscription', { frequency }),
    [SUBSCRIPTION_KEY],
  );
