import { Paper, Stack, Title } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { TimezoneText } from '../hours/WorkingHoursText';
import { formatDateTime, formatDay } from './formats';
import classes from './RequestStatus.module.css';
import { RequestTimeline } from './RequestTimeline';
import type { RequestStatusView } from './requestTypes';

const TITLE_ID = 'request-status-title';

/** The answer of a status check, focused when it appears so the reader starts there. */
export function RequestStatusResult({ request, timezone }: { request: RequestStatusView; timezone: string }) {
  const { t } = useTranslation('portal');
  const panel = useRef<HTMLElement>(null);
  useEffect(() => {
    panel.current?.focus();
  }, []);

  return (
    <Paper
      component="section"
      ref={panel}
      aria-labelledby={TITLE_ID}
      tabIndex={-1}
      withBorder
      radius="md"
      p={{ base: 'md', sm: 'lg' }}
      className={classes.result}
    >
      <Stack gap="md">
        <Title order={2} id={TITLE_ID}>
          {t('requests.status.title', { number: request.number })}
        </Title>
        <dl className={classes.facts}>
          <dt>{t('requests.status.current')}</dt>
          <dd className={classes.status}>
            {t(`requests.statuses.${request.status}`, { defaultValue: request.status })}
          </dd>
          <dt>{t('requests.status.kind')}</dt>
          <dd>{t(`requests.kinds.${request.kind}`, { defaultValue: request.kind })}</dd>
          <dt>{t('requests.status.received')}</dt>
          <dd>{formatDateTime(request.receivedAt, timezone)}</dd>
          <dt>{t('requests.status.due')}</dt>
          <dd>{t('requests.done.dueValue', { date: formatDay(request.dueAt, timezone) })}</dd>
        </dl>
        <Title order={3} className={classes.history}>
          {t('requests.status.history')}
        </Title>
        <RequestTimeline events={request.events} timezone={timezone} />
        <TimezoneText timezone={timezone} />
      </Stack>
    </Paper>
  );
}
