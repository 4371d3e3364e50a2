import { NumberInput, Select } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { MAX_REVIEW_INTERVAL_DAYS } from '../../../common/kb';
import { useResponsibles } from './siteQueries';

interface ResponsibleSelectProps {
  value: string | null;
  onChange: (userId: string | null) => void;
  error?: string;
  autoFocus?: boolean;
}

/** The official who answers for a section's or page's accuracy: one of the agency's active staff. */
export function ResponsibleSelect({ value, onChange, error, autoFocus }: ResponsibleSelectProps) {
  const { t } = useTranslation('console');
  const people = useResponsibles();
  return (
    <Select
      label={t('site.sections.responsible')}
      description={t('site.sections.responsibleHint')}
      placeholder={t('site.sections.nobody')}
      searchable
      clearable
      nothingFoundMessage={t('site.sections.nobodyFound')}
      data={(people.data ?? []).map((person) => ({ value: person.id, label: person.name }))}
      value={value}
      error={error}
      onChange={onChange}
      data-autofocus={autoFocus || undefined}
    />
  );
}

interface ReviewIntervalInputProps {
  value: number | string;
  onChange: (days: number | string) => void;
  error?: string;
}

/** How often the accuracy is re-checked, in days: at least once a quarter. */
export function ReviewIntervalInput({ value, onChange, error }: ReviewIntervalInputProps) {
  const { t } = useTranslation('console');
  return (
    <NumberInput
      label={t('site.sections.interval')}
      description={t('site.sections.intervalHint', { max: MAX_REVIEW_INTERVAL_DAYS })}
      required
      min={1}
      max={MAX_REVIEW_INTERVAL_DAYS}
      allowDecimal={false}
      allowNegative={false}
      value={value}
      error={error}
      onChange={onChange}
    />
  );
}

/** The interval's own check, before the server is asked; null when it is fine. */
export function intervalError(value: number | string, t: TFunction): string | null {
  const days = Number(value);
  const valid = value !== '' && Number.isInteger(days) && days >= 1 && days <= MAX_REVIEW_INTERVAL_DAYS;
  return valid ? null : t('site.sections.intervalError', { max: MAX_REVIEW_INTERVAL_DAYS });
}
