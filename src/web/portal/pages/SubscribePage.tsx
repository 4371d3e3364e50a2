import { Alert, Checkbox, Stack, Text, TextInput } from '@mantine/core';
import { IconMailForward } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../ui/api';
import { SubmitRow } from '../forms/SubmitRow';
import { useAgency } from '../layout/AgencyLayout';
import { PageHeading } from '../layout/PageHeading';
import { subscribe, useSubscriptionForm } from '../mailings/mailingsApi';
import { pageTrail } from '../navigation/siteStructure';
import fieldClasses from '../requests/fields.module.css';

type Field = 'email' | 'topics' | 'consent';

/** «Подписка на рассылку» (seed 004 p. 14): an address, the topics, and the consent text in full. */
export function SubscribePage() {
  const { t } = useTranslation('portal');
  const agency = useAgency();
  const form = useSubscriptionForm(agency.slug);
  const [email, setEmail] = useState('');
  const [topics, setTopics] = useState<string[] | null>(null);
  const [consent, setConsent] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [state, setState] = useState<'idle' | 'sending' | 'sent' | 'failed'>('idle');
  const [failure, setFailure] = useState<string | null>(null);
  const chosen = topics ?? (form.data?.topics ?? []).map((topic) => topic.id);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problems: Partial<Record<Field, string>> = {};
    if (!email.trim()) problems.email = t('subscribe.emailRequired');
    if (chosen.length === 0) problems.topics = t('subscribe.topicsRequired');
    if (!consent) problems.consent = t('subscribe.consentRequired');
    setErrors(problems);
    const first = Object.keys(problems)[0];
    if (first) {
      document.getElementById(`subscribe-${first}`)?.focus();
      return;
    }
    setState('sending');
    try {
      await subscribe(agency.slug, { email: email.trim(), topics: chosen, consent });
      setState('sent');
    } catch (caught) {
      if (caught instanceof ApiError && caught.field?.startsWith('body.')) {
        setErrors({ [caught.field.slice(5)]: caught.message });
      }
      setFailure(caught instanceof ApiError && caught.status < 500 ? caught.message : t('subscribe.failed'));
      setState('failed');
    }
  }

  return (
    <>
      <PageHeading
        title={t('menu.subscribe')}
        trail={pageTrail(agency.slug, 'subscribe', (page) => t(`menu.${page.key}`))}
        siteName={agency.shortName}
      />
      <Stack gap="lg" maw="48rem">
        <Text>{t('subscribe.intro', { agency: agency.name })}</Text>
        {state === 'sent' ? (
          <div role="status" aria-live="polite">
            <Alert color="green" variant="light">
              <Text fw={700}>{t('subscribe.sentTitle')}</Text>
              <Text>{t('subscribe.sent', { email: email.trim() })}</Text>
            </Alert>
          </div>
        ) : (
          <form onSubmit={submit} noValidate aria-labelledby="page-title">
            <Stack gap="md">
              <TextInput
                id="subscribe-email"
                type="email"
                label={t('subscribe.email')}
                required
                size="md"
                autoComplete="email"
                maxLength={254}
                value={email}
                onChange={(event) => {
                  setErrors((current) => ({ ...current, email: undefined }));
                  setEmail(event.currentTarget.value);
                }}
                error={errors.email}
                classNames={{ error: fieldClasses.error }}
              />
              <Checkbox.Group
                id="subscribe-topics"
                label={t('subscribe.topics')}
                description={t('subscribe.topicsHint')}
                required
                value={chosen}
                onChange={(value) => {
                  setErrors((current) => ({ ...current, topics: undefined }));
                  setTopics(value);
                }}
                error={errors.topics}
                classNames={{ error: fieldClasses.error }}
              >
                <Stack gap="xs" mt="xs">
                  {form.isPending && <Text>{t('subscribe.loading')}</Text>}
                  {(form.data?.topics ?? []).map((topic) => (
                    <Checkbox
                      key={topic.id}
                      value={topic.id}
                      label={topic.title}
                      description={topic.description}
                    />
                  ))}
                </Stack>
              </Checkbox.Group>
              {form.data && (
                <Text size="sm" id="subscribe-consent-text">
                  {form.data.consentText}
                </Text>
              )}
              <Checkbox
                id="subscribe-consent"
                label={t('subscribe.consent')}
                aria-describedby="subscribe-consent-text"
                checked={consent}
                onChange={(event) => {
                  setErrors((current) => ({ ...current, consent: undefined }));
                  setConsent(event.currentTarget.checked);
                }}
                error={errors.consent}
              />
              <SubmitRow
                label={t('subscribe.submit')}
                icon={<IconMailForward size="1.25rem" aria-hidden="true" />}
                sending={state === 'sending'}
                failure={state === 'failed' ? failure : null}
              />
            </Stack>
          </form>
        )}
      </Stack>
    </>
  );
}
