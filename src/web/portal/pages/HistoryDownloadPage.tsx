import { Alert, Anchor, Button, Stack, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../../ui/api';
import { downloadHistory } from '../history/historyApi';
import { useAgency } from '../layout/AgencyLayout';
import { PageHeading } from '../layout/PageHeading';
import { agencyPath, pageTrail } from '../navigation/siteStructure';

/**
 * The page the e-mailed link opens. The download needs a click: mail scanners that open links must
 * not spend the one-time link before the client does.
 */
export function HistoryDownloadPage() {
  const { t } = useTranslation('portal');
  const agency = useAgency();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [state, setState] = useState<'idle' | 'loading' | 'done' | 'invalid' | 'failed'>(
    token ? 'idle' : 'invalid',
  );

  async function download() {
    setState('loading');
    try {
      await downloadHistory(agency.slug, token);
      setState('done');
    } catch (caught) {
      setState(caught instanceof ApiError && caught.status < 500 ? 'invalid' : 'failed');
    }
  }

  return (
    <>
      <PageHeading
        title={t('history.downloadTitle')}
        trail={[
          ...pageTrail(agency.slug, 'history', (page) => t(`menu.${page.key}`)),
          { label: t('menu.history'), to: agencyPath(agency.slug, 'history') },
        ]}
        siteName={agency.shortName}
      />
      <Stack gap="lg" maw="48rem" align="flex-start">
        <Text>{t('history.downloadIntro')}</Text>
        {state !== 'invalid' && state !== 'done' && (
          <Button
            size="md"
            loading={state === 'loading'}
            onClick={download}
            leftSection={<IconDownload size="1.25rem" aria-hidden="true" />}
          >
            {t('history.download')}
          </Button>
        )}
        <div role="status" aria-live="polite">
          {state === 'done' && (
            <Alert color="green" variant="light">
              {t('history.downloaded')}
            </Alert>
          )}
          {state === 'invalid' && (
            <Alert color="red" variant="light">
              <Text>{t('history.invalid')}</Text>
              <Anchor component={Link} to={agencyPath(agency.slug, 'history')} fw={600}>
                {t('history.askAgain')}
              </Anchor>
            </Alert>
          )}
          {state === 'failed' && (
            <Alert color="red" variant="light">
              {t('history.failed')}
            </Alert>
          )}
        </div>
      </Stack>
    </>
  );
}
