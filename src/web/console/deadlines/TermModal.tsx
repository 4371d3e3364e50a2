import { NumberInput, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../shared/FormModal';
import { collectErrors } from '../shared/fieldErrors';
import { useSaveForm } from '../shared/useSaveForm';
import { type DeadlinePolicy, type TermName, type TermValue, useSaveTerm } from './deadlineQueries';

interface TermModalProps {
  policy: DeadlinePolicy;
  term: TermName;
  value: TermValue;
  onClose: () => void;
}

/** Sets the agency's own term with the act that establishes it; the server refuses a longer statutory term. */
export function TermModal({ policy, term, value, onClose }: TermModalProps) {
  const { t } = useTranslation('console');
  const [draft, setDraft] = useState(value);
  const form = useSaveForm({
    mutation: useSaveTerm(),
    fields: ['days', 'dayType', 'source'],
    onSaved: onClose,
  });
  const preset = policy.terms.find((item) => item.term === term)?.preset;

  const onSubmit = () =>
    form.submit(
      collectErrors({
        days: Number.isInteger(draft.days) && draft.days >= 0 ? null : t('deadlines.daysInvalid'),
        source: draft.source.trim() ? null : t('common:validation.required'),
      }),
      { kind: policy.kind, term, value: { ...draft, source: draft.source.trim() } },
    );

  return (
    <FormModal
      title={`${t(`common:requestKinds.${policy.kind}`)}: ${t(`deadlines.terms.${term}`)}`}
      onClose={onClose}
      onSubmit={onSubmit}
      formError={form.formError}
      pending={form.pending}
    >
      <Stack>
        {preset && (
          <Text size="sm" c="dimmed">
            {t('deadlines.preset', {
              value: t(`deadlines.days.${preset.dayType}`, { count: preset.days }),
              source: preset.source,
            })}
          </Text>
        )}
        <NumberInput
          label={t('deadlines.daysLabel')}
          min={0}
          max={365}
          allowDecimal={false}
          value={draft.days}
          error={form.errors.days}
          onChange={(days) => setDraft({ ...draft, days: typeof days === 'number' ? days : Number.NaN })}
          data-autofocus
        />
        <SegmentedControl
          aria-label={t('deadlines.dayType')}
          value={draft.dayType}
          onChange={(dayType) => setDraft({ ...draft, dayType: dayType as TermValue['dayType'] })}
          data={[
            { value: 'calendar', label: t('deadlines.calendarDays') },
            { value: 'working', label: t('deadlines.workingDays') },
          ]}
        />
        <Textarea
          label={t('deadlines.sourceLabel')}
          description={t('deadlines.sourceHint')}
          required
          autosize
          minRows={2}
          maxLength={500}
          value={draft.source}
          error={form.errors.source}
          onChange={(event) => setDraft({ ...draft, source: event.currentTarget.value })}
        />
      </Stack>
    </FormModal>
  );
}
