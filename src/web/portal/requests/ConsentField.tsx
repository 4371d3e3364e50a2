import { Checkbox } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import fieldClasses from './fields.module.css';

interface Props {
  agencyName: string;
  checked: boolean;
  error?: string;
  onChange: (checked: boolean) => void;
}

/** Required by 152-ФЗ: the short text of the consent sits under the box and is read with it. */
export function ConsentField({ agencyName, checked, error, onChange }: Props) {
  const { t } = useTranslation('portal');
  return (
    <Checkbox
      id="request-consent"
      name="consent"
      required
      size="md"
      label={t('requests.consent.label')}
      description={t('requests.consent.text', { agency: agencyName })}
      checked={checked}
      onChange={(event) => onChange(event.currentTarget.checked)}
      error={error}
      classNames={{ error: fieldClasses.error, labelWrapper: fieldClasses.labelWrapper }}
      aria-invalid={error ? true : undefined}
    />
  );
}
