import { Grid, Table, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CountRow } from '../../../common/dashboard';
import { StackedBarChart } from '../shared/StackedBarChart';

export const percent = (share: number | null) =>
  share === null ? '—' : `${(share * 100).toFixed(1).replace('.', ',')} %`;
export const points = (value: number | null) => (value === null ? '—' : value.toFixed(1).replace('.', ','));
export const CHART_COLOR = '#1c7ed6';

/** A chart with its numbers in a visible table beside it: the table is what every reader can read. */
export function ChartWithTable({
  id,
  title,
  chart,
  table,
}: {
  id: string;
  title: string;
  chart: ReactNode;
  table: ReactNode;
}) {
  return (
    <section aria-labelledby={id}>
      <Title order={3} size="h5" mb="xs" id={id}>
        {title}
      </Title>
      <Grid align="flex-start">
        <Grid.Col span={{ base: 12, md: 7 }}>{chart}</Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>{table}</Grid.Col>
      </Grid>
    </section>
  );
}

/** Requests counted by one dimension (channel, kind, status, topic) or response-time bin. */
export function CountsSection({
  id,
  title,
  column,
  rows,
  labelOf,
}: {
  id: string;
  title: string;
  column: string;
  rows: CountRow[];
  labelOf?: (row: CountRow) => string;
}) {
  const { t } = useTranslation('console');
  const label = labelOf ?? ((row: CountRow) => row.label);
  return (
    <ChartWithTable
      id={id}
      title={title}
      chart={
        rows.length ? (
          <StackedBarChart
            label={title}
            categoryLabel={column}
            categories={rows.map(label)}
            series={[{ name: t('monitoring.count'), color: CHART_COLOR, values: rows.map((r) => r.count) }]}
          />
        ) : null
      }
      table={
        rows.length ? (
          <Table striped withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{column}</Table.Th>
                <Table.Th scope="col">{t('monitoring.count')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.key}>
                  <Table.Th scope="row">{label(row)}</Table.Th>
                  <Table.Td>{row.count}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : (
          <p>{t('monitoring.noRequests')}</p>
        )
      }
    />
  );
}
