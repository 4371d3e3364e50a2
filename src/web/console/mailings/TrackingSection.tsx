import { Alert, Stack, Switch, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MailingTracking } from '../../../common/mailings';
import { QueryStatus } from '../shared/QueryStatus';
import { useMailingTracking, useSaveMailingTracking } from './mailingQueries';

/** Issue 9 p. 6: opens and clicks are counted only when the agency turns it on here. */
export function TrackingSection() {
  const { t } = useTranslation('console');
  const tracking = useMailingTracking();
  const save = useSaveMailingTracking();
  const toggle = (patch: Partial<MailingTracking>) => {
    if (tracking.data) save.mutate({ ...tracking.data, ...patch });
  };
  const value = tracking.data;
  return (
    <>
      <QueryStatus query={tracking} rows={2} />
      {value && (
        <Stack gap="md" maw={640}>
          <Text size="sm">{t('mailings.tracking.intro')}</Text>
          <Switch
            label={t('mailings.tracking.opens')}
            description={t('mailings.tracking.opensHint')}
            checked={value.trackOpens}
            disabled={save.isPending}
            onChange={(event) => toggle({ trackOpens: event.currentTarget.checked })}
          />
          <Switch
            label={t('mailings.tracking.clicks')}
            description={t('mailings.tracking.clicksHint')}
            checked={value.trackClicks}
            disabled={save.isPending}
            onChange={(event) => toggle({ trackClicks: event.currentTarget.checked })}
          />
          {save.isError && (
            <Alert color="red" role="alert">
              {t('mailings.tracking.failed')}
            </Alert>
          )}
        </Stack>
      )}
    </>
  );
}
