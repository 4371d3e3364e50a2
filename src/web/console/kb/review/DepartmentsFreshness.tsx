import { Anchor, Table } from '@mantine/core';
import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type DepartmentFreshness, NO_DEPARTMENT } from '../../../../common/kb-review';
import { useAgencyTimezone } from '../../shared/agencyTime';
import { DataTable } from '../../shared/DataTable';
import { TableSkeleton } from '../../shared/TableSkeleton';
import { STATE_FILLS } from './freshnessStates';

// ECharts is large; only this page loads it.
const StackedBarChart = lazy(() =>
  import('../../shared/StackedBarChart').then((module) => ({ default: module.StackedBarChart })),
);

interface DepartmentsFreshnessProps {
  departments: DepartmentFreshness[];
  /** The page's address listing only that department's sections (`none`: those without one). */
  drillDown: (departmentId: string) => string;
}

/** The chart of states per department and the same numbers with the oldest delay and last review. */
export function DepartmentsFreshness({ departments, drillDown }: DepartmentsFreshnessProps) {
  const { t, i18n } = useTranslation('console');
  const timezone = useAgencyTimezone();
  const nameOf = (d: DepartmentFreshness) => d.departmentName ?? t('kbFreshness.noDepartment');
  const categories = useMemo(
    () => departments.map((d) => d.departmentName ?? t('kbFreshness.noDepartment')),
    [departments, t],
  );
  const series = useMemo(
    () => [
      {
        name: t('kbFreshness.states.fresh'),
        color: STATE_FILLS.fresh,
        values: departments.map((d) => d.fresh),
      },
      {
        name: t('kbFreshness.states.due_soon'),
        color: STATE_FILLS.due_soon,
        values: departments.map((d) => d.dueSoon),
      },
      {
        name: t('kbFreshness.states.overdue'),
        color: STATE_FILLS.overdue,
        values: departments.map((d) => d.overdue),
      },
    ],
    [departments, t],
  );
  const date = (iso: string) =>
    new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: timezone }).format(new Date(iso));

  return (
    <>
      <Suspense fallback={<TableSkeleton rows={3} />}>
        <StackedBarChart
          label={t('kbFreshness.chartLabel')}
          categoryLabel={t('kbFreshness.department')}
          categories={categories}
          series={series}
        />
      </Suspense>
      <DataTable
        minWidth={720}
        head={
          <>
            <Table.Th>{t('kbFreshness.department')}</Table.Th>
            <Table.Th ta="right">{t('kbFreshness.totals.sections')}</Table.Th>
            <Table.Th ta="right">{t('kbFreshness.states.fresh')}</Table.Th>
            <Table.Th ta="right">{t('kbFreshness.states.due_soon')}</Table.Th>
            <Table.Th ta="right">{t('kbFreshness.states.overdue')}</Table.Th>
            <Table.Th ta="right">{t('kbFreshness.oldestOverdue')}</Table.Th>
            <Table.Th>{t('kbFreshness.lastReview')}</Table.Th>
          </>
        }
      >
        {departments.map((d) => (
          <Table.Tr key={d.departmentId ?? NO_DEPARTMENT}>
            <Table.Td>
              <Anchor component={Link} to={drillDown(d.departmentId ?? NO_DEPARTMENT)}>
                {nameOf(d)}
              </Anchor>
            </Table.Td>
            <Table.Td ta="right">{d.sections}</Table.Td>
            <Table.Td ta="right">{d.fresh}</Table.Td>
            <Table.Td ta="right">{d.dueSoon}</Table.Td>
            <Table.Td ta="right" c={d.overdue > 0 ? 'red.9' : undefined} fw={d.overdue > 0 ? 700 : undefined}>
              {d.overdue}
            </Table.Td>
            <Table.Td ta="right">
              {d.oldestOverdueDays === null ? '—' : t('kbFreshness.days', { count: d.oldestOverdueDays })}
            </Table.Td>
            <Table.Td>{d.lastReviewedAt ? date(d.lastReviewedAt) : t('kbFreshness.neverReviewed')}</Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
    </>
  );
}
