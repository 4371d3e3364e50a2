import { Group, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CountRow, DashboardFilter } from '../../../common/dashboard';
import { REQUEST_CHANNELS } from '../../../common/requests';
import { useDepartments } from '../departments/departmentQueries';
import { DownloadButton } from '../shared/DownloadButton';
import { DateField } from '../shared/dates';
import { PageHeader } from '../shared/PageHeader';
import { PageSection } from '../shared/PageSection';
import { QueryStatus } from '../shared/QueryStatus';
import { SummaryCard } from '../shared/SummaryCard';
import { DeadlinesSection } from './DeadlinesSection';
import { FreshnessSection } from './FreshnessSection';
import { IndexSection } from './IndexSection';
import { CountsSection, percent, points } from './MonitoringCharts';
import { exportUrl, useCentricity, useDashboard } from './monitoringQueries';
import { ReportSubscription } from './ReportSubscription';
import { SatisfactionSection } from './SatisfactionSection';

/** «Мониторинг» (issue 11): deadlines, satisfaction, missed calls and freshness for heads and analysts. */
export function MonitoringPage() {
  const { t } = useTranslation('console');
  const [filter, setFilter] = useState<DashboardFilter>({});
  const set = (patch: DashboardFilter) => setFilter((current) => ({ ...current, ...patch }));
  const dashboard = useDashboard(filter);
  const index = useCentricity(filter);
  const departments = useDepartments();
  const data = dashboard.data;
  const judged = data ? data.deadlines.onTime + data.deadlines.extended + data.deadlines.overdue : 0;
  const channelLabel = (row: CountRow) => t(`common:requestChannels.${row.key}`, { defaultValue: row.label });
  const kindLabel = (row: CountRow) => t(`common:requestKinds.${row.key}`, { defaultValue: row.label });
  const topicLabel = (row: CountRow) => (row.key ? row.label : t('monitoring.requests.noTopic'));
  return (
    <>
      <PageHeader title={t('monitoring.title')} description={t('monitoring.description')} />
      <Stack gap="lg">
        <Group align="flex-end" wrap="wrap">
          <DateField
            label={t('monitoring.filters.from')}
            value={filter.from ?? data?.from ?? ''}
            max={filter.to ?? data?.to}
            onChange={(from) => set({ from: from || undefined })}
          />
          <DateField
            label={t('monitoring.filters.to')}
            value={filter.to ?? data?.to ?? ''}
            min={filter.from ?? data?.from}
            onChange={(to) => set({ to: to || undefined })}
          />
          <Select
            label={t('monitoring.filters.department')}
            clearable
            placeholder={t('monitoring.filters.defaultScope')}
            data={[
              { value: 'all', label: t('monitoring.filters.wholeAgency') },
              ...(departments.data ?? []).map((d) => ({ value: d.id, label: d.name })),
            ]}
            value={filter.department ?? null}
            onChange={(department) => set({ department: department ?? undefined })}
          />
          <Select
            label={t('monitoring.filters.channel')}
            clearable
            placeholder={t('monitoring.filters.anyChannel')}
            data={REQUEST_CHANNELS.map((c) => ({ value: c, label: t(`common:requestChannels.${c}`) }))}
            value={filter.channel ?? null}
            onChange={(channel) => set({ channel: channel ?? undefined })}
          />
        </Group>
        <Group align="flex-end">
          <DownloadButton href={exportUrl(filter, 'pdf')} label={t('monitoring.exportPdf')} />
          <DownloadButton href={exportUrl(filter, 'xlsx')} label={t('monitoring.exportXlsx')} />
          <ReportSubscription />
        </Group>
        {!data ? (
          <QueryStatus query={dashboard} />
        ) : (
          <>
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }}>
              <SummaryCard
                label={t('monitoring.summary.index')}
                value={points(index.data?.agency.value ?? null)}
              />
              <SummaryCard label={t('monitoring.summary.requests')} value={String(data.requests.total)} />
              <SummaryCard
                label={t('monitoring.summary.onTime')}
                value={percent(judged ? (data.deadlines.onTime + data.deadlines.extended) / judged : null)}
              />
              <SummaryCard label={t('monitoring.summary.csat')} value={percent(data.satisfaction.share)} />
              <SummaryCard label={t('monitoring.summary.missed')} value={percent(data.calls.missedShare)} />
            </SimpleGrid>
            <PageSection id="monitoring-index" title={t('monitoring.index.title')}>
              {index.data ? <IndexSection report={index.data} /> : <QueryStatus query={index} />}
            </PageSection>
            <PageSection id="monitoring-deadlines-section" title={t('monitoring.deadlines.section')}>
              <DeadlinesSection data={data} filter={filter} />
            </PageSection>
            <PageSection id="monitoring-requests" title={t('monitoring.requests.title')}>
              <Stack gap="lg">
                <CountsSection
                  id="monitoring-channels"
                  title={t('monitoring.requests.byChannel')}
                  column={t('monitoring.requests.channel')}
                  rows={data.requests.byChannel}
                  labelOf={channelLabel}
                />
                <CountsSection
                  id="monitoring-kinds"
                  title={t('monitoring.requests.byKind')}
                  column={t('monitoring.requests.kind')}
                  rows={data.requests.byKind}
                  labelOf={kindLabel}
                />
                <CountsSection
                  id="monitoring-statuses"
                  title={t('monitoring.requests.byStatus')}
                  column={t('monitoring.requests.status')}
                  rows={data.requests.byStatus}
                />
                <CountsSection
                  id="monitoring-topics"
                  title={t('monitoring.requests.byTopic')}
                  column={t('monitoring.requests.topic')}
                  rows={data.requests.byTopic}
                  labelOf={topicLabel}
                />
                <CountsSection
                  id="monitoring-response-time"
                  title={t('monitoring.responseTime.title', { count: data.responseTime.answered })}
                  column={t('monitoring.responseTime.days')}
                  rows={data.responseTime.answered ? data.responseTime.bins : []}
                />
              </Stack>
            </PageSection>
            <PageSection id="monitoring-calls" title={t('monitoring.calls.title')}>
              <Text>
                {data.calls.withinHours
                  ? t('monitoring.calls.summary', {
                      missed: data.calls.missed,
                      total: data.calls.withinHours,
                      share: percent(data.calls.missedShare),
                    })
                  : t('monitoring.calls.none')}
              </Text>
              <Text size="sm">{t('monitoring.agencyWide')}</Text>
            </PageSection>
            <PageSection id="monitoring-satisfaction" title={t('monitoring.satisfaction.title')}>
              <Stack gap="lg">
                <Text size="sm">{t('monitoring.agencyWide')}</Text>
                <SatisfactionSection data={data} />
              </Stack>
            </PageSection>
            <PageSection id="monitoring-freshness" title={t('monitoring.freshness.title')}>
              <FreshnessSection data={data} />
            </PageSection>
          </>
        )}
      </Stack>
    </>
  );
}
