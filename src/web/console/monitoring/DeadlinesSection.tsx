import { Anchor, Button, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  type Dashboard,
  type DashboardFilter,
  DEADLINE_BUCKETS,
  type DeadlineBucket,
} from '../../../common/dashboard';
import { formatDate, useAgencyTimezone } from '../shared/agencyTime';
import { PageFooter } from '../shared/PageFooter';
import { QueryStatus } from '../shared/QueryStatus';
import { StackedBarChart } from '../shared/StackedBarChart';
import { ChartWithTable } from './MonitoringCharts';
import { DRILL_DOWN_PAGE, useDrillDown } from './monitoringQueries';

const BUCKET_COLORS: Record<DeadlineBucket, string> = {
  onTime: '#2f9e44',
  extended: '#f08c00',
  overdue: '#e03131',
  open: '#1c7ed6',
};

/** The requests of one bucket, each linked to its card in the register. */
function DrillDown({ filter, bucket }: { filter: DashboardFilter; bucket: DeadlineBucket }) {
  const { t, i18n } = useTranslation('console');
  const timezone = useAgencyTimezone();
  const date = (iso: string) => formatDate(iso, i18n.language, timezone);
  const [page, setPage] = useState(1);
  const list = useDrillDown(filter, bucket, page);
  if (!list.data) return <QueryStatus query={list} />;
  const pages = Math.ceil(list.data.total / DRILL_DOWN_PAGE);
  return (
    <Stack gap="xs">
      <Text fw={700}>
        {t('monitoring.drillDown.title', {
          bucket: t(`monitoring.buckets.${bucket}`),
          count: list.data.total,
        })}
      </Text>
      {list.data.items.length === 0 ? (
        <Text c="dimmed">{t('monitoring.drillDown.empty')}</Text>
      ) : (
        <Table striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('monitoring.drillDown.number')}</Table.Th>
              <Table.Th scope="col">{t('monitoring.drillDown.channel')}</Table.Th>
              <Table.Th scope="col">{t('monitoring.drillDown.received')}</Table.Th>
              <Table.Th scope="col">{t('monitoring.drillDown.due')}</Table.Th>
              <Table.Th scope="col">{t('monitoring.drillDown.resolved')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.items.map((item) => (
              <Table.Tr key={item.id}>
                <Table.Th scope="row">
                  <Anchor component={Link} to={`/requests/${item.id}`}>
                    {item.number}
                  </Anchor>
                </Table.Th>
                <Table.Td>
                  {t(`common:requestChannels.${item.channel}`, { defaultValue: item.channel })}
                </Table.Td>
                <Table.Td>{date(item.receivedAt)}</Table.Td>
                <Table.Td>{date(item.dueAt)}</Table.Td>
                <Table.Td>{item.resolvedAt ? date(item.resolvedAt) : '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <PageFooter total={list.data.total} pages={pages} page={page} onPage={setPage} />
    </Stack>
  );
}

/** Deadline compliance (seed 001 p. 10): how many requests met their term, with the requests behind each number. */
export function DeadlinesSection({ data, filter }: { data: Dashboard; filter: DashboardFilter }) {
  const { t } = useTranslation('console');
  const [bucket, setBucket] = useState<DeadlineBucket | null>(null);
  const title = t('monitoring.deadlines.title');
  return (
    <Stack gap="sm">
      <ChartWithTable
        id="monitoring-deadlines"
        title={title}
        chart={
          <StackedBarChart
            label={title}
            categoryLabel={t('monitoring.deadlines.requests')}
            categories={[t('monitoring.deadlines.requests')]}
            series={DEADLINE_BUCKETS.map((b) => ({
              name: t(`monitoring.buckets.${b}`),
              color: BUCKET_COLORS[b],
              values: [data.deadlines[b]],
            }))}
          />
        }
        table={
          <Table striped withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('monitoring.deadlines.standing')}</Table.Th>
                <Table.Th scope="col">{t('monitoring.count')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {DEADLINE_BUCKETS.map((b) => (
                <Table.Tr key={b}>
                  <Table.Th scope="row">{t(`monitoring.buckets.${b}`)}</Table.Th>
                  <Table.Td>
                    <Button
                      variant="subtle"
                      size="compact-sm"
                      disabled={data.deadlines[b] === 0}
                      aria-pressed={bucket === b}
                      aria-label={t('monitoring.deadlines.show', {
                        bucket: t(`monitoring.buckets.${b}`),
                        count: data.deadlines[b],
                      })}
                      onClick={() => setBucket(bucket === b ? null : b)}
                    >
                      {data.deadlines[b]}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
              <Table.Tr>
                <Table.Th scope="row">{t('monitoring.deadlines.total')}</Table.Th>
                <Table.Td>{data.deadlines.total}</Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        }
      />
      {bucket && <DrillDown key={bucket} filter={filter} bucket={bucket} />}
    </Stack>
  );
}
