import { Anchor, Stack, Text } from '@mantine/core';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAgency } from '../layout/AgencyLayout';
import { PAGE_TITLE_ID, PageHeading } from '../layout/PageHeading';
import { agencyPath, pageTrail } from '../navigation/siteStructure';
import { RequestConfirmation } from '../requests/RequestConfirmation';
import { RequestForm } from '../requests/RequestForm';
import { useRequestForm } from '../requests/useRequestForm';

/** «Обращения» (seed 000 p. 6.2): an appeal under 59-ФЗ or a request for information under 8-ФЗ. */
export function NewRequestPage() {
  const { t } = useTranslation('portal');
  const agency = useAgency();
  const form = useRequestForm(agency.slug);
  const { draft, created } = form;

  // The button that started over is gone: the keyboard focus goes to the page title, above the form.
  const startOver = () => {
    flushSync(form.startOver);
    document.getElementById(PAGE_TITLE_ID)?.focus();
  };

  return (
    <>
      <PageHeading
        title={t('menu.requests')}
        trail={pageTrail(agency.slug, 'requests', (page) => t(`menu.${page.key}`))}
        siteName={agency.shortName}
      />
      {created ? (
        <RequestConfirmation
          created={created}
          slug={agency.slug}
          timezone={agency.timezone}
          withContacts={draft.email.trim() !== '' || draft.phone.trim() !== ''}
          notifyEmail={draft.notifyByEmail && draft.email.trim() ? draft.email.trim() : null}
          onAnother={startOver}
        />
      ) : (
        <Stack gap="lg">
          <Stack gap="xs" maw="48rem">
            <Text>{t('requests.intro', { agency: agency.name })}</Text>
            <Anchor component={Link} to={agencyPath(agency.slug, 'requests/status')} fw={600}>
              {t('requests.toStatus')}
            </Anchor>
            <Anchor component={Link} to={agencyPath(agency.slug, 'history')} fw={600}>
              {t('history.link')}
            </Anchor>
          </Stack>
          <RequestForm agencyName={agency.name} form={form} />
        </Stack>
      )}
    </>
  );
}
