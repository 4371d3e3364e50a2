import { Button, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SectionFreshness } from '../../../../common/kb-review';
import { formatCalendarDate, useAgencyTimezone } from '../../shared/agencyTime';
import { DataTable } from '../../shared/DataTable';
import { SortableTh } from '../../shared/SortableTh';
import { useSort } from '../../shared/useSort';
import { FreshnessBadge } from './FreshnessBadge';
import { STATE_URGENCY } from './freshnessStates';

type Column = 'title' | 'department' | 'state' | 'dueOn' | 'lastReview';

const COLUMNS: Record<Column, (s: SectionFreshness) => string | number | null> = {
  title: (s) => s.title,
  department: (s) => s.departmentName,
  // Within a state, the one due first (or late longest) first.
  state: (s) => STATE_URGENCY[s.state] * 100_000 + s.workingDaysLeft,
  dueOn: (s) => s.reviewDueOn,
  lastReview: (s) => s.lastReviewedAt,
};

interface SectionsTableProps {
  sections: SectionFreshness[];
  onOpen: (section: SectionFreshness) => void;
}

/** Sections with their state; the most urgent first unless the user sorts otherwise. */
export function SectionsTable({ sections, onOpen }: SectionsTableProps) {
  const { t, i18n } = useTranslation('console');
  const timezone = useAgencyTimezone();
  const { sorted, sort, toggle } = useSort(sections, COLUMNS, { key: 'state', direction: 'asc' });
  const when = (s: SectionFreshness) =>
    s.state === 'overdue'
      ? t('kbFreshness.overdueBy', { count: s.overdueDays })
      : t('kbFreshness.workingDaysLeft', { count: s.workingDaysLeft });

  return (
    <DataTable
      minWidth={820}
      head={
        <>
          <SortableTh column="title" sort={sort} onSort={toggle}>
            {t('kbFreshness.section')}
          </SortableTh>
          <SortableTh column="department" sort={sort} onSort={toggle}>
            {t('kbFreshness.department')}
          </SortableTh>
          <SortableTh column="state" sort={sort} onSort={toggle}>
            {t('kbFreshness.state')}
          </SortableTh>
          <SortableTh column="dueOn" sort={sort} onSort={toggle}>
            {t('kbFreshness.dueOn')}
          </SortableTh>
          <SortableTh column="lastReview" sort={sort} onSort={toggle}>
            {t('kbFreshness.lastReview')}
          </SortableTh>
          <Table.Th>{t('kbFreshness.review')}</Table.Th>
        </>
      }
    >
      {sorted.map((s) => (
        <Table.Tr key={s.id}>
          <Table.Td>{s.title}</Table.Td>
          <Table.Td>{s.departmentName ?? t('kbFreshness.noDepartment')}</Table.Td>
          <Table.Td>
            <FreshnessBadge state={s.state} />
            <Text size="xs" c="dimmed" mt={2}>
              {when(s)}
            </Text>
          </Table.Td>
          <Table.Td>{formatCalendarDate(s.reviewDueOn, i18n.language)}</Table.Td>
          <Table.Td>
            {s.lastReviewedAt ? (
              <>
                {new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: timezone }).format(
                  new Date(s.lastReviewedAt),
                )}
                {s.lastReviewedByName && (
                  <Text size="xs" c="dimmed">
                    {s.lastReviewedByName}
                  </Text>
                )}
              </>
            ) : (
              t('kbFreshness.neverReviewed')
            )}
          </Table.Td>
          <Table.Td>
            <Button
              size="xs"
              variant={s.canReview && s.state !== 'fresh' ? 'filled' : 'default'}
              aria-label={`${t(s.canReview ? 'kbFreshness.markReviewed' : 'kbFreshness.history')}: ${s.title}`}
              onClick={() => onOpen(s)}
            >
              {t(s.canReview ? 'kbFreshness.markReviewed' : 'kbFreshness.history')}
            </Button>
          </Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}
