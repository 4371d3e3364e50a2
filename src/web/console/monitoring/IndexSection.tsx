import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CentricityReport } from '../../../common/dashboard';
import { TrendChart } from '../surveys/TrendChart';
import { ChartWithTable, percent, points } from './MonitoringCharts';

/** The client-centricity index (docs/client-centricity-index.md): what pulls it down, its trend, departments. */
export function IndexSection({ report }: { report: CentricityReport }) {
  const { t } = useTranslation('console');
  const months = report.months.filter((m) => m.index.value !== null);
  const trendTitle = t('monitoring.index.trend');
  return (
    <>
      <section aria-labelledby="monitoring-index-parts">
        <Text fw={700} id="monitoring-index-parts" mb="xs">
          {t('monitoring.index.pullsDown')}
        </Text>
        <Table striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('monitoring.index.component')}</Table.Th>
              <Table.Th scope="col">{t('monitoring.index.value')}</Table.Th>
              <Table.Th scope="col">{t('monitoring.index.weight')}</Table.Th>
              <Table.Th scope="col">{t('monitoring.index.lost')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.agency.parts.map((p) => (
              <Table.Tr key={p.component}>
                <Table.Th scope="row">{t(`monitoring.index.components.${p.component}`)}</Table.Th>
                <Table.Td>{p.value === null ? t('monitoring.index.noData') : percent(p.value)}</Table.Td>
                <Table.Td>{percent(p.weight)}</Table.Td>
                <Table.Td>{points(p.lostPoints)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </section>
      <ChartWithTable
        id="monitoring-index-trend"
        title={trendTitle}
        chart={
          months.length > 1 ? (
            <TrendChart
              label={trendTitle}
              months={months.map((m) => m.month)}
              values={months.map((m) => Math.round((m.index.value ?? 0) * 10) / 10)}
            />
          ) : null
        }
        table={
          report.months.length === 0 ? (
            <p>{t('monitoring.index.noMonths')}</p>
          ) : (
            <Table striped withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('monitoring.index.month')}</Table.Th>
                  <Table.Th scope="col">{t('monitoring.index.title')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {report.months.map((m) => (
                  <Table.Tr key={m.month}>
                    <Table.Th scope="row">{m.month}</Table.Th>
                    <Table.Td>{points(m.index.value)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )
        }
      />
      {report.departments.length > 0 && (
        <section aria-labelledby="monitoring-index-departments">
          <Text fw={700} id="monitoring-index-departments" mb="xs">
            {t('monitoring.index.departments')}
          </Text>
          <Table striped withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('monitoring.index.department')}</Table.Th>
                <Table.Th scope="col">{t('monitoring.index.title')}</Table.Th>
                <Table.Th scope="col">{t('monitoring.index.worst')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.departments.map((d) => {
                const worst = d.index.parts[0];
                return (
                  <Table.Tr key={d.id}>
                    <Table.Th scope="row">{d.name}</Table.Th>
                    <Table.Td>{points(d.index.value)}</Table.Td>
                    <Table.Td>
                      {worst && worst.lostPoints > 0
                        ? t(`monitoring.index.components.${worst.component}`)
                        : '—'}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </section>
      )}
    </>
  );
}
