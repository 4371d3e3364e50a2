import { Grid, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AnalyticsCell, Distribution } from '../../../common/survey-analytics';
import { StackedBarChart } from '../shared/StackedBarChart';
import { TrendChart } from './TrendChart';

const percent = (share: number | null) =>
  share === null ? '—' : `${(share * 100).toFixed(1).replace('.', ',')} %`;
const COLORS = ['#1c7ed6', '#f08c00', '#868e96', '#2f9e44', '#e03131'];

/** A chart with its numbers in a table beside it (issue 8 p. 5; tables are what screen readers read). */
function ChartWithTable({ chart, table }: { chart: React.ReactNode; table: React.ReactNode }) {
  return (
    <Grid align="flex-start">
      <Grid.Col span={{ base: 12, md: 7 }}>{chart}</Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>{table}</Grid.Col>
    </Grid>
  );
}

/** A breakdown or the monthly trend: hidden cells say «менее 5 ответов» and carry no number. */
export function CellsSection({
  title,
  cells,
  trend,
}: {
  title: string;
  cells: AnalyticsCell[];
  trend?: boolean;
}) {
  const { t } = useTranslation('console');
  const shown = cells.filter((c) => !c.hidden);
  const chart = trend ? (
    <TrendChart label={title} months={cells.map((c) => c.label)} values={cells.map((c) => c.count ?? 0)} />
  ) : shown.length ? (
    <StackedBarChart
      label={title}
      categoryLabel={title}
      categories={shown.map((c) => c.label)}
      series={[
        {
          name: t('surveys.analytics.answers'),
          color: COLORS[0] ?? '',
          values: shown.map((c) => c.count ?? 0),
        },
      ]}
    />
  ) : (
    <Text c="dimmed">{t('surveys.analytics.allHidden')}</Text>
  );
  return (
    <section>
      <Title order={3} size="h5" mb="xs">
        {title}
      </Title>
      <ChartWithTable
        chart={chart}
        table={
          <Table striped withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{title}</Table.Th>
                <Table.Th scope="col">{t('surveys.analytics.answers')}</Table.Th>
                <Table.Th scope="col">{t('surveys.analytics.satisfied')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {cells.map((c) => (
                <Table.Tr key={c.key}>
                  <Table.Th scope="row">{c.label}</Table.Th>
                  <Table.Td>{c.hidden ? t('surveys.analytics.hidden') : c.count}</Table.Td>
                  <Table.Td>{c.hidden ? '' : percent(c.satisfiedShare)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        }
      />
    </section>
  );
}

/** A question's answers: one bar per row (resource), stacked by answer; ratings show their mean. */
export function DistributionSection({ distribution }: { distribution: Distribution }) {
  const { t } = useTranslation('console');
  const title = `${distribution.code ? `(${distribution.code}) ` : ''}${distribution.text}`;
  const columns = distribution.rows[0]?.cells ?? [];
  const rated = distribution.type === 'rating';
  return (
    <section>
      <Title order={3} size="h5" mb="xs">
        {title}
      </Title>
      <ChartWithTable
        chart={
          <StackedBarChart
            label={title}
            categoryLabel={t('surveys.analytics.row')}
            categories={distribution.rows.map((r) => r.label)}
            series={columns.map((column, i) => ({
              name: column.label,
              color: COLORS[i % COLORS.length] ?? '',
              values: distribution.rows.map((r) => r.cells[i]?.count ?? 0),
            }))}
          />
        }
        table={
          <Table striped withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('surveys.analytics.row')}</Table.Th>
                <Table.Th scope="col">{t('surveys.analytics.answers')}</Table.Th>
                {rated && <Table.Th scope="col">{t('surveys.analytics.mean')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {distribution.rows.map((r) => (
                <Table.Tr key={r.key || 'all'}>
                  <Table.Th scope="row">{r.code ? `(${r.code}) ${r.label}` : r.label}</Table.Th>
                  <Table.Td>{r.answered}</Table.Td>
                  {rated && (
                    <Table.Td>{r.mean === null ? '—' : r.mean.toFixed(2).replace('.', ',')}</Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        }
      />
    </section>
  );
}

export { percent };
