import { Checkbox, Fieldset, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import fieldClasses from './fields.module.css';
import classes from './RequestForm.module.css';
import type { FieldErrors } from './useRequestForm';
import { hasEmail, type RequestDraft } from './validateRequest';

const HINT_ID = 'request-contacts-hint';

interface Props {
  draft: RequestDraft;
  errors: FieldErrors;
  onChange: <K extends keyof RequestDraft>(field: K, value: RequestDraft[K]) => void;
}

/**
 * Optional contacts, and the extra channel of seed 004 p. 3: status notices duplicated to e-mail.
 * The checkbox works only once an e-mail is entered.
 */
export function ContactFields({ draft, errors, onChange }: Props) {
  const { t } = useTranslation('portal');
  const withEmail = hasEmail(draft);
  return (
    <Fieldset
      legend={t('requests.contacts.legend')}
      aria-describedby={HINT_ID}
      variant="unstyled"
      classNames={{ root: classes.fieldset, legend: classes.legend }}
    >
      <Stack gap="md">
        <Text id={HINT_ID}>{t('requests.contacts.hint')}</Text>
        <TextInput
          id="request-email"
          name="email"
          type="email"
          autoComplete="email"
          size="md"
          label={t('requests.contacts.email')}
          description={t('requests.contacts.emailHint')}
          value={draft.email}
          onChange={(event) => onChange('email', event.currentTarget.value)}
          error={errors.email}
          classNames={{ error: fieldClasses.error }}
          maw={480}
        />
        <TextInput
          id="request-phone"
          name="phone"
          type="tel"
          autoComplete="tel"
          size="md"
          label={t('requests.contacts.phone')}
          description={t('requests.contacts.phoneHint')}
          value={draft.phone}
          onChange={(event) => onChange('phone', event.currentTarget.value)}
          error={errors.phone}
          classNames={{ error: fieldClasses.error }}
          maw={480}
        />
        <Checkbox
          id="request-notifyByEmail"
          name="notifyByEmail"
          size="md"
          label={t('requests.contacts.notify')}
          description={t(withEmail ? 'requests.contacts.notifyHint' : 'requests.contacts.notifyDisabledHint')}
          checked={withEmail && draft.notifyByEmail}
          disabled={!withEmail}
          onChange={(event) => onChange('notifyByEmail', event.currentTarget.checked)}
          error={errors.notifyByEmail}
          classNames={{
            error: fieldClasses.error,
            labelWrapper: fieldClasses.labelWrapper,
            label: fieldClasses.label,
          }}
          aria-invalid={errors.notifyByEmail ? true : undefined}
        />
      </Stack>
    </Fieldset>
  );
}
