import { Alert, Button, Stack, Text, TextInput } from '@mantine/core';
import { IconMailForward } from '@tabler/icons-react';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../ui/api';
import { askHistoryLink } from '../history/historyApi';
import { useAgency } from '../layout/AgencyLayout';
import { PageHeading } from '../layout/PageHeading';
import { pageTrail } from '../navigation/siteStructure';
import fieldClasses from '../requests/fields.module.css';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** «История обращений» (seed 004 p. 4): a link to the whole history is sent to the client's e-mail. */
export function HistoryRequestPage() {
  const { t } = useTranslation('portal');
  const agency = useAgency();
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [state, setState] = useState<'idle' | 'sending' | 'sent' | 'failed'>('idle');
  const [failure, setFailure] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const value = email.trim();
    const problem = !value
      ? t('history.emailRequired')
      : EMAIL.test(value)
        ? null
        : t('history.emailInvalid');
    setError(problem);
    if (problem) {
      inputRef.current?.focus();
      return;
    }
    setState('sending');
    try {
      await askHistoryLink(agency.slug, value);
      setState('sent');
    } catch (caught) {
      setFailure(caught instanceof ApiError && caught.status === 429 ? caught.message : t('history.failed'));
      setState('failed');
    }
  }

  return (
    <>
      <PageHeading
        title={t('menu.history')}
        trail={pageTrail(agency.slug, 'history', (page) => t(`menu.${page.key}`))}
        siteName={agency.shortName}
      />
      <Stack gap="lg" maw="48rem">
        <Text>{t('history.intro', { agency: agency.name })}</Text>
        <form onSubmit={submit} noValidate aria-labelledby="page-title">
          <Stack gap="md" align="flex-start">
            <TextInput
              ref={inputRef}
              id="history-email"
              type="email"
              label={t('history.email')}
              description={t('history.emailHint')}
              required
              size="md"
              autoComplete="email"
              maxLength={254}
              value={email}
              onChange={(event) => {
                setError(null);
                setEmail(event.currentTarget.value);
              }}
              error={error}
              classNames={{ error: fieldClasses.error }}
              w="100%"
            />
            <Button
              type="submit"
              size="md"
              loading={state === 'sending'}
              leftSection={<IconMailForward size="1.25rem" aria-hidden="true" />}
            >
              {t('history.send')}
            </Button>
          </Stack>
        </form>
        <div role="status" aria-live="polite">
          {state === 'sent' && (
            <Alert color="green" variant="light" title={t('history.sentTitle')}>
              {t('history.sent')}
            </Alert>
          )}
          {state === 'failed' && (
            <Alert color="red" variant="light">
              {failure}
            </Alert>
          )}
        </div>
      </Stack>
    </>
  );
}
