import { Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, useAgencyTimezone } from '../shared/agencyTime';
import { DataTable } from '../shared/DataTable';
import { DateField } from '../shared/dates';
import { EmptyMessage } from '../shared/EmptyMessage';
import { QueryStatus } from '../shared/QueryStatus';
import { TableSkeleton } from '../shared/TableSkeleton';
import { agencyDay } from './agencyTime';
import { type MissedCounts, useMissedReport } from './callQueries';

// ECharts is large; only this tab loads it.
const StackedBarChart = lazy(() =>
  import('../shared/StackedBarChart').then((module) => ({ default: module.StackedBarChart })),
);

const WITHIN_FILL = '#1c7ed6';
const OUTSIDE_FILL = '#e8590c';

interface Row extends MissedCounts {
  key: string;
  label: string;
}

function Breakdown({
  title,
  chartLabel,
  categoryLabel,
  rows,
}: {
  title: string;
  chartLabel: string;
  categoryLabel: string;
  rows: Row[];
}) {
  const { t } = useTranslation('console');
  return (
    <Stack gap="xs" component="section" aria-label={title}>
      <Title order={2} size="h5">
        {title}
      </Title>
      <Suspense fallback={<TableSkeleton rows={3} />}>
        <StackedBarChart
          label={chartLabel}
          categoryLabel={categoryLabel}
          categories={rows.map((row) => row.label)}
          series={[
            { name: t('calls.withinHours'), color: WITHIN_FILL, values: rows.map((row) => row.withinHours) },
            {
              name: t('calls.outsideHours'),
              color: OUTSIDE_FILL,
              values: rows.map((row) => row.outsideHours),
            },
          ]}
        />
      </Suspense>
      <DataTable
        minWidth={360}
        head={
          <>
            <Table.Th>{categoryLabel}</Table.Th>
            <Table.Th ta="right">{t('calls.withinHours')}</Table.Th>
            <Table.Th ta="right">{t('calls.outsideHours')}</Table.Th>
          </>
        }
      >
        {rows.map((row) => (
          <Table.Tr key={row.key}>
            <Table.Td>{row.label}</Table.Td>
            <Table.Td ta="right">{row.withinHours}</Table.Td>
            <Table.Td ta="right">{row.outsideHours}</Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
    </Stack>
  );
}

/** Missed calls of a period by day and by hour, within the working hours and outside (issue 7 p. 3). */
export function MissedReportPanel() {
  const { t, i18n } = useTranslation('console');
  const timezone = useAgencyTimezone();
  const [from, setFrom] = useState(() => agencyDay(timezone, -29));
  const [to, setTo] = useState(() => agencyDay(timezone));
  const report = useMissedReport(from, to);
  const data = report.data;
  return (
    <Stack>
      <Group align="flex-end">
        <DateField
          label={t('calls.report.from')}
          value={from}
          max={to}
          onChange={(value) => value && setFrom(value)}
        />
        <DateField
          label={t('calls.report.to')}
          value={to}
          min={from}
          onChange={(value) => value && setTo(value)}
        />
      </Group>
      <QueryStatus query={report} />
      {data && (
        <Group gap="xl" aria-live="polite">
          <Text>
            {t('calls.report.total')}: <b>{data.total}</b>
          </Text>
          <Text>
            {t('calls.withinHours')}: <b>{data.withinHours}</b>
          </Text>
          <Text>
            {t('calls.outsideHours')}: <b>{data.outsideHours}</b>
          </Text>
          <Text>
            {t('calls.report.callbacksDone')}: <b>{data.callbacksDone}</b>
          </Text>
          <Text>
            {t('calls.report.callbacksOpen')}: <b>{data.callbacksOpen}</b>
          </Text>
        </Group>
      )}
      {data?.total === 0 && <EmptyMessage title={t('calls.report.empty')} />}
      {data && data.total > 0 && (
        <SimpleGrid cols={{ base: 1, lg: 2 }}>
          <Breakdown
            title={t('calls.report.byDay')}
            chartLabel={t('calls.report.chartDay')}
            categoryLabel={t('calls.report.day')}
            rows={data.byDay.map((day) => ({
              ...day,
              key: day.date,
              label: formatDate(`${day.date}T12:00:00Z`, i18n.language, 'UTC'),
            }))}
          />
          <Breakdown
            title={t('calls.report.byHour')}
            chartLabel={t('calls.report.chartHour')}
            categoryLabel={t('calls.report.hour')}
            rows={data.byHour.map((hour) => ({
              ...hour,
              key: String(hour.hour),
              label: `${String(hour.hour).padStart(2, '0')}:00`,
            }))}
          />
        </SimpleGrid>
      )}
    </Stack>
  );
}
