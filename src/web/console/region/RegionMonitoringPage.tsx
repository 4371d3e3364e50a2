import { Group, Table } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegionRow } from '../../../common/dashboard';
import { percent, points } from '../monitoring/MonitoringCharts';
import { useRegionDashboard } from '../monitoring/monitoringQueries';
import { DataTable } from '../shared/DataTable';
import { DateField } from '../shared/dates';
import { EmptyMessage } from '../shared/EmptyMessage';
import { PageHeader } from '../shared/PageHeader';
import { QueryStatus } from '../shared/QueryStatus';
import { SortableTh } from '../shared/SortableTh';
import { useSort } from '../shared/useSort';

const COLUMNS = {
  name: (row: RegionRow) => row.name,
  index: (row: RegionRow) => row.index,
  requests: (row: RegionRow) => row.requests,
  onTimeShare: (row: RegionRow) => row.onTimeShare,
  overdue: (row: RegionRow) => row.overdue,
  satisfaction: (row: RegionRow) => row.satisfaction,
  missedShare: (row: RegionRow) => row.missedShare,
  kbPastReview: (row: RegionRow) => row.kbPastReview,
  siteStale: (row: RegionRow) => row.siteStale,
};
type Column = keyof typeof COLUMNS;

function RegionTable({ rows }: { rows: RegionRow[] }) {
  const { t } = useTranslation('console');
  const columns = useMemo(() => COLUMNS, []);
  const { sorted, sort, toggle } = useSort(rows, columns, { key: 'index', direction: 'desc' });
  const th = (column: Column) => (
    <SortableTh key={column} column={column} sort={sort} onSort={toggle}>
      {t(`regionMonitoring.columns.${column}`)}
    </SortableTh>
  );
  return (
    <DataTable minWidth={960} head={(Object.keys(COLUMNS) as Column[]).map(th)}>
      {sorted.map((row) => (
        <Table.Tr key={row.agencyId}>
          <Table.Th scope="row">{row.name}</Table.Th>
          <Table.Td>{points(row.index)}</Table.Td>
          <Table.Td>{row.requests}</Table.Td>
          <Table.Td>{percent(row.onTimeShare)}</Table.Td>
          <Table.Td>{row.overdue}</Table.Td>
          <Table.Td>{percent(row.satisfaction)}</Table.Td>
          <Table.Td>{percent(row.missedShare)}</Table.Td>
          <Table.Td>{row.kbPastReview}</Table.Td>
          <Table.Td>{row.siteStale}</Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}

/** Issue 11 p. 3: the region's agencies side by side on the measures of «Мониторинг». */
export function RegionMonitoringPage() {
  const { t } = useTranslation('console');
  const [period, setPeriod] = useState<{ from?: string; to?: string }>({});
  const region = useRegionDashboard(period);
  return (
    <>
      <PageHeader title={t('regionMonitoring.title')} description={t('regionMonitoring.description')} />
      <Group align="flex-end" mb="md">
        <DateField
          label={t('monitoring.filters.from')}
          value={period.from ?? ''}
          max={period.to}
          onChange={(from) => setPeriod((p) => ({ ...p, from: from || undefined }))}
        />
        <DateField
          label={t('monitoring.filters.to')}
          value={period.to ?? ''}
          min={period.from}
          onChange={(to) => setPeriod((p) => ({ ...p, to: to || undefined }))}
        />
      </Group>
      {!region.data ? (
        <QueryStatus query={region} />
      ) : region.data.length === 0 ? (
        <EmptyMessage title={t('regionMonitoring.empty')} />
      ) : (
        <RegionTable rows={region.data} />
      )}
    </>
  );
}
