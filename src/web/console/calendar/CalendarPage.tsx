import { Paper, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canEdit } from '../session/access';
import { useSession } from '../session/SessionContext';
import { PageHeader } from '../shared/PageHeader';
import { PageSection } from '../shared/PageSection';
import { QueryStatus } from '../shared/QueryStatus';
import { AddOverrideForm } from './AddOverrideForm';
import { CalendarLegend } from './CalendarLegend';
import { useCalendar } from './calendarQueries';
import { dayClassifier } from './dayStatus';
import { MonthGrid } from './MonthGrid';
import { OverridesList } from './OverridesList';

// The years for which the server holds the government's decree on days off.
const YEARS = [2024, 2025, 2026, 2027];
const MONTHS = Array.from({ length: 12 }, (_, month) => month);

function defaultYear(): number {
  const now = new Date().getFullYear();
  return Math.min(Math.max(now, YEARS[0] as number), YEARS[YEARS.length - 1] as number);
}

export function CalendarPage() {
  const { t } = useTranslation('console');
  const editable = canEdit(useSession(), 'calendar');
  const [year, setYear] = useState(defaultYear);
  const calendar = useCalendar(year);
  const classify = useMemo(() => (calendar.data ? dayClassifier(calendar.data) : null), [calendar.data]);

  const yearSelect = (
    <Select
      aria-label={t('calendar.year')}
      data={YEARS.map(String)}
      value={String(year)}
      onChange={(value) => value && setYear(Number(value))}
      allowDeselect={false}
      w={110}
    />
  );

  return (
    <>
      <PageHeader title={t('nav.calendar')} description={t('calendar.description')} actions={yearSelect} />
      <QueryStatus query={calendar} rows={8} />
      {calendar.data && classify && (
        <Stack gap="xl">
          <Stack gap="xs">
            <CalendarLegend />
            <Text size="sm" c="dimmed">
              {t('calendar.source')}: {calendar.data.source || t('common:state.notSet')}
            </Text>
          </Stack>
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3, xl: 4 }} spacing="lg">
            {MONTHS.map((month) => (
              <Paper key={month} withBorder p="sm">
                <MonthGrid year={year} month={month} classify={classify} />
              </Paper>
            ))}
          </SimpleGrid>
          <PageSection id="calendar-overrides" title={t('calendar.overrides')}>
            <Text size="sm" c="dimmed" mb="md">
              {t('calendar.overridesHint')}
            </Text>
            <Stack>
              {editable && <AddOverrideForm year={year} />}
              <OverridesList overrides={calendar.data.overrides} editable={editable} />
            </Stack>
          </PageSection>
        </Stack>
      )}
    </>
  );
}
