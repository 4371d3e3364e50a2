import { Anchor, Group, Stack, Text, ThemeIcon } from '@mantine/core';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import type { Touchpoint } from '../../../common/types';
import { WorkingHoursText } from '../hours/WorkingHoursText';
import { TouchpointIcon } from './TouchpointIcon';
import classes from './TouchpointList.module.css';
import { touchpointLinks } from './touchpointLinks';

interface Props {
  touchpoints: Touchpoint[];
  timezone: string;
  /** The contacts page also shows notes and each touchpoint's own hours. */
  detailed?: boolean;
}

export function TouchpointList({ touchpoints, timezone, detailed = false }: Props) {
  const { t } = useTranslation('portal');
  if (touchpoints.length === 0) return <Text>{t('touchpoints.empty')}</Text>;
  return (
    <ul className={classes.list}>
      {touchpoints.map((touchpoint) => (
        <li key={touchpoint.id} className={classes.item}>
          <Group wrap="nowrap" align="flex-start" gap="md">
            <ThemeIcon variant="light" size="lg" radius="md" aria-hidden="true">
              <TouchpointIcon kind={touchpoint.kind} />
            </ThemeIcon>
            <Stack gap={4} className={classes.body}>
              <Text fw={600}>{touchpoint.title}</Text>
              <TouchpointValue touchpoint={touchpoint} />
              {detailed && touchpoint.note && <Text size="sm">{touchpoint.note}</Text>}
              {detailed && <TouchpointHours touchpoint={touchpoint} timezone={timezone} />}
            </Stack>
          </Group>
        </li>
      ))}
    </ul>
  );
}

function TouchpointValue({ touchpoint }: { touchpoint: Touchpoint }) {
  const links = touchpointLinks(touchpoint);
  return (
    <Text className={classes.value}>
      {links.map((link, index) => (
        <Fragment key={link.text}>
          {index > 0 && ', '}
          {link.href ? (
            <Anchor href={link.href} underline="always">
              {link.text}
            </Anchor>
          ) : (
            link.text
          )}
        </Fragment>
      ))}
    </Text>
  );
}

function TouchpointHours({ touchpoint, timezone }: { touchpoint: Touchpoint; timezone: string }) {
  const { t } = useTranslation('portal');
  // A digital channel takes messages at any time; only offline points follow the agency's hours.
  if (!touchpoint.hours && touchpoint.mode === 'digital') return null;
  if (!touchpoint.hours) {
    return (
      <Text size="sm" c="dimmed">
        {t('hours.agencySchedule')}
      </Text>
    );
  }
  return (
    <div>
      <Text size="sm" c="dimmed">
        {t('hours.ownSchedule')}
      </Text>
      <WorkingHoursText hours={touchpoint.hours} timezone={timezone} withTimezone={false} />
    </div>
  );
}
