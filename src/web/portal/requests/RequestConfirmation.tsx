import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { requestStatusPath } from '../navigation/siteStructure';
import { formatDay } from './formats';
import classes from './RequestConfirmation.module.css';
import type { CreatedRequest } from './requestTypes';
import { TrackingCode } from './TrackingCode';

const TITLE_ID = 'request-done-title';

interface Props {
  created: CreatedRequest;
  slug: string;
  timezone: string;
  /** Without an e-mail or a phone the answer is seen only on the status page. */
  withContacts: boolean;
  /** Where status notices are duplicated (seed 004 p. 3), when the client asked for it. */
  notifyEmail: string | null;
  onAnother: () => void;
}

/** The number, the access code and the due date, focused as soon as the request is accepted. */
export function RequestConfirmation({
  created,
  slug,
  timezone,
  withContacts,
  notifyEmail,
  onAnother,
}: Props) {
  const { t } = useTranslation('portal');
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    panel.current?.focus();
  }, []);

  return (
    <Paper
      ref={panel}
      role="status"
      aria-labelledby={TITLE_ID}
      tabIndex={-1}
      withBorder
      radius="md"
      p="lg"
      className={classes.panel}
    >
      <Stack gap="md">
        <Group gap="sm" wrap="nowrap">
          <IconCircleCheck size="2rem" aria-hidden="true" className={classes.icon} />
          <Title order={2} id={TITLE_ID}>
            {t('requests.done.title')}
          </Title>
        </Group>
        <dl className={classes.facts}>
          <dt>{t('requests.done.number')}</dt>
          <dd className={classes.number}>{created.number}</dd>
          <dt>{t('requests.done.code')}</dt>
          <dd>
            <TrackingCode code={created.trackingCode} />
          </dd>
          <dt>{t('requests.done.due')}</dt>
          <dd>{t('requests.done.dueValue', { date: formatDay(created.dueAt, timezone) })}</dd>
        </dl>
        <Text fw={600}>{t('requests.done.keep')}</Text>
        {notifyEmail && <Text>{t('requests.done.notify', { email: notifyEmail })}</Text>}
        {!withContacts && <Text>{t('requests.done.noContacts')}</Text>}
        <Group gap="md">
          <Button component={Link} to={requestStatusPath(slug, created.number, created.trackingCode)}>
            {t('requests.done.toStatus')}
          </Button>
          <Button variant="subtle" onClick={onAnother}>
            {t('requests.done.another')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
