import { Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import classes from './calendar.module.css';
import type { DayStatus } from './dayStatus';

const SHOWN: DayStatus[] = ['weekend', 'nonWorking', 'short', 'workingWeekend'];

export function CalendarLegend() {
  const { t } = useTranslation('console');
  return (
    <Group
      component="ul"
      gap="lg"
      p={0}
      m={0}
      style={{ listStyle: 'none' }}
      aria-label={t('calendar.legend')}
    >
      {SHOWN.map((status) => (
        <Group component="li" key={status} gap={6} wrap="nowrap">
          <span className={`${classes.cell} ${classes.swatch} ${classes[status]}`} aria-hidden>
            15
            {status !== 'weekend' && <span className={classes.marker}>{t(`calendar.marker.${status}`)}</span>}
          </span>
          <Text size="sm">{t(`calendar.legendText.${status}`)}</Text>
        </Group>
      ))}
      <Group component="li" gap={6} wrap="nowrap">
        <span className={`${classes.cell} ${classes.swatch} ${classes.override}`} aria-hidden>
          15<span className={classes.marker}>*</span>
        </span>
        <Text size="sm">{t('calendar.legendText.override')}</Text>
      </Group>
    </Group>
  );
}
