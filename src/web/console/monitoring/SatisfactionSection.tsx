import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Dashboard, SatisfactionCell } from '../../../common/dashboard';
import { CHANNEL_TITLES } from '../../../common/survey-analytics';
import { StackedBarChart } from '../shared/StackedBarChart';
import { TrendChart } from '../surveys/TrendChart';
import { CHART_COLOR, ChartWithTable, percent } from './MonitoringCharts';

function CellsTable({
  column,
  cells,
  labelOf,
}: {
  column: string;
  cells: SatisfactionCell[];
  labelOf: (key: string) => string;
}) {
  const { t } = useTranslation('console');
  return (
    <Table striped withTableBorder>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{column}</Table.Th>
          <Table.Th scope="col">{t('monitoring.satisfaction.answered')}</Table.Th>
          <Table.Th scope="col">{t('monitoring.satisfaction.share')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {cells.map((c) => (
          <Table.Tr key={c.key}>
            <Table.Th scope="row">{labelOf(c.key)}</Table.Th>
            <Table.Td>{c.hidden ? t('monitoring.satisfaction.hidden') : c.answered}</Table.Td>
            <Table.Td>{c.hidden ? '' : percent(c.share)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** CSAT by channel and by month (seed 001 p. 11, seed 002 IV); small cells carry no numbers. */
export function SatisfactionSection({ data }: { data: Dashboard }) {
  const { t } = useTranslation('console');
  const channelTitle = (key: string) =>
    key === 'consult_line' ? t('monitoring.satisfaction.callSurvey') : (CHANNEL_TITLES[key] ?? key);
  const byChannel = data.satisfaction.byChannel;
  const shown = byChannel.filter((c) => !c.hidden);
  const months = data.satisfaction.months.filter((m) => !m.hidden && m.share !== null);
  const channelsTitle = t('monitoring.satisfaction.byChannel');
  const monthsTitle = t('monitoring.satisfaction.byMonth');
  if (data.satisfaction.answered === 0) return <p>{t('monitoring.satisfaction.none')}</p>;
  return (
    <>
      <ChartWithTable
        id="monitoring-csat-channels"
        title={channelsTitle}
        chart={
          shown.length ? (
            <StackedBarChart
              label={channelsTitle}
              categoryLabel={t('monitoring.satisfaction.channel')}
              categories={shown.map((c) => channelTitle(c.key))}
              series={[
                {
                  name: t('monitoring.satisfaction.sharePercent'),
                  color: CHART_COLOR,
                  values: shown.map((c) => Math.round((c.share ?? 0) * 1000) / 10),
                },
              ]}
            />
          ) : null
        }
        table={
          <CellsTable
            column={t('monitoring.satisfaction.channel')}
            cells={byChannel}
            labelOf={channelTitle}
          />
        }
      />
      <ChartWithTable
        id="monitoring-csat-months"
        title={monthsTitle}
        chart={
          months.length > 1 ? (
            <TrendChart
              label={monthsTitle}
              months={months.map((m) => m.key)}
              values={months.map((m) => Math.round((m.share ?? 0) * 1000) / 10)}
            />
          ) : null
        }
        table={
          <CellsTable
            column={t('monitoring.satisfaction.month')}
            cells={data.satisfaction.months}
            labelOf={(k) => k}
          />
        }
      />
    </>
  );
}
