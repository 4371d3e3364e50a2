import { Button, Group, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FreshnessBadge } from '../kb/review/FreshnessBadge';
import { formatCalendarDate, formatDate, useAgencyTimezone } from '../shared/agencyTime';
import { DataTable } from '../shared/DataTable';
import { QueryStatus } from '../shared/QueryStatus';
import { SectionReviewModal } from './SectionReviewModal';
import { type SiteSection, useMarkChecked, useResponsibles, useSiteSections } from './siteQueries';

/**
 * The sections with their accuracy control (seed 000 p. 7.1): the responsible official, how often
 * it is re-checked, when it was checked and whether that is stale; «Проверено» starts a new cycle.
 */
export function SiteSectionsTable() {
  const { t, i18n } = useTranslation('console');
  const sections = useSiteSections();
  const people = useResponsibles();
  const check = useMarkChecked();
  const timezone = useAgencyTimezone();
  const [editing, setEditing] = useState<SiteSection | null>(null);
  const names = new Map((people.data ?? []).map((person) => [person.id, person.name]));

  return (
    <>
      <QueryStatus query={sections} rows={7} />
      {sections.data && (
        <DataTable
          minWidth={900}
          head={
            <>
              <Table.Th>{t('site.sections.section')}</Table.Th>
              <Table.Th>{t('site.sections.responsible')}</Table.Th>
              <Table.Th>{t('site.sections.intervalColumn')}</Table.Th>
              <Table.Th>{t('site.sections.checked')}</Table.Th>
              <Table.Th>{t('site.sections.due')}</Table.Th>
              <Table.Th>
                <VisuallyHidden>{t('site.sections.actions')}</VisuallyHidden>
              </Table.Th>
            </>
          }
        >
          {sections.data.map((section) => (
            <Table.Tr key={section.id}>
              <Table.Td>{section.title}</Table.Td>
              <Table.Td>
                {section.responsibleUserId
                  ? (names.get(section.responsibleUserId) ?? t('site.sections.formerStaff'))
                  : t('site.sections.nobody')}
              </Table.Td>
              <Table.Td>{t('site.sections.everyDays', { count: section.reviewIntervalDays })}</Table.Td>
              <Table.Td>
                {section.checkedAt ? (
                  <time dateTime={section.checkedAt}>
                    {formatDate(section.checkedAt, i18n.language, timezone)}
                  </time>
                ) : (
                  t('site.sections.never')
                )}
              </Table.Td>
              <Table.Td>
                <Stack gap={4} align="flex-start">
                  <Text size="sm">{formatCalendarDate(section.reviewDueOn, i18n.language)}</Text>
                  <FreshnessBadge state={section.freshness} />
                </Stack>
              </Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Button
                    size="xs"
                    variant="default"
                    onClick={() => setEditing(section)}
                    aria-label={t('site.sections.editFor', { title: section.title })}
                  >
                    {t('common:actions.edit')}
                  </Button>
                  <Button
                    size="xs"
                    variant={section.freshness === 'fresh' ? 'light' : 'filled'}
                    loading={check.isPending && check.variables?.id === section.id}
                    onClick={() => check.mutate({ target: 'section', id: section.id })}
                    aria-label={t('site.sections.markFor', { title: section.title })}
                  >
                    {t('site.sections.mark')}
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}
      {editing && <SectionReviewModal section={editing} onClose={() => setEditing(null)} />}
    </>
  );
}
