import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Weekday, WorkingHours } from '../../../common/types';
import { describeWorkingHours, utcOffset } from '../../../common/working-hours';

interface Props {
  hours: WorkingHours;
  timezone: string;
  /** Hide the time zone line where a nearby heading already names it. */
  withTimezone?: boolean;
}

/** «Пн–Чт 09:00–18:00, Пт 09:00–17:00, перерыв 13:00–13:48», days off, and the time zone. */
export function WorkingHoursText({ hours, timezone, withTimezone = true }: Props) {
  const { t } = useTranslation('portal');
  const { schedule, lunch, daysOff } = describeWorkingHours(hours, (day: Weekday) =>
    t(`common:weekdaysShort.${day}`),
  );
  const parts = lunch ? [...schedule, t('hours.lunch', { interval: lunch })] : schedule;

  return (
    <Stack gap={4}>
      <Text fw={600}>{parts.length > 0 ? parts.join(', ') : t('hours.noSchedule')}</Text>
      {daysOff && <Text>{t('hours.daysOff', { days: daysOff })}</Text>}
      {withTimezone && <TimezoneText timezone={timezone} />}
    </Stack>
  );
}

export function TimezoneText({ timezone }: { timezone: string }) {
  const { t } = useTranslation('portal');
  const city = t(`common:timezones.${timezone}`, { defaultValue: timezone });
  return (
    <Text size="sm" c="dimmed">
      {t('hours.timezone', { city, offset: utcOffset(timezone) })}
    </Text>
  );
}
