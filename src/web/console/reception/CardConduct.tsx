import { Alert, Button, Checkbox, Fieldset, Group, Radio, Stack, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CARD_OUTCOMES, type CardOutcome } from '../../../common/reception';
import { collectErrors } from '../shared/fieldErrors';
import { useSaveForm } from '../shared/useSaveForm';
import { type Closing, type ReceptionCard, useCloseCard } from './cardQueries';

const FIELDS = [
  'officialIntroduced',
  'appliedBefore',
  'appliedBeforeDetails',
  'outcome',
  'oralAnswerConsent',
  'answerText',
  'redirectNote',
];

/**
 * Steps 2 and 3 (seed 003 p. 35.3), for the official the slot belongs to only: the introduction,
 * the earlier applications and the outcome. Closing is final; the card is read-only after it.
 */
export function CardConduct({ card }: { card: ReceptionCard }) {
  const { t } = useTranslation('console');
  const form = useSaveForm({
    mutation: useCloseCard(card.id),
    fields: FIELDS,
    onSaved: () => undefined,
    savedMessage: () => t('reception.card.closedNotice'),
  });
  const [introduced, setIntroduced] = useState(false);
  const [appliedBefore, setAppliedBefore] = useState<'' | 'yes' | 'no'>('');
  const [details, setDetails] = useState('');
  const [outcome, setOutcome] = useState<CardOutcome | ''>('');
  const [oralConsent, setOralConsent] = useState(false);
  const [answerText, setAnswerText] = useState('');
  const [redirectNote, setRedirectNote] = useState('');
  const required = t('validation.required', { ns: 'common' });

  const onSubmit = () =>
    form.submit(
      collectErrors({
        officialIntroduced: introduced ? null : t('reception.card.introduceFirst'),
        appliedBefore: appliedBefore ? null : required,
        appliedBeforeDetails: appliedBefore === 'yes' && !details.trim() ? required : null,
        outcome: outcome ? null : required,
        oralAnswerConsent: outcome === 'oral' && !oralConsent ? t('reception.card.oralConsentNeeded') : null,
        answerText: outcome === 'oral' && !answerText.trim() ? required : null,
        redirectNote: outcome === 'outside_competence' && !redirectNote.trim() ? required : null,
      }),
      {
        officialIntroduced: introduced,
        appliedBefore: appliedBefore === 'yes',
        appliedBeforeDetails: details,
        outcome: outcome as CardOutcome,
        oralAnswerConsent: oralConsent,
        answerText,
        redirectNote,
      } satisfies Closing,
    );

  return (
    <Stack
      component="form"
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      {form.formError && <Alert color="red">{form.formError}</Alert>}
      <Fieldset legend={t('reception.card.conversation')}>
        <Stack gap="sm">
          <Checkbox
            label={t('reception.card.introduced')}
            checked={introduced}
            error={form.errors.officialIntroduced}
            onChange={(event) => {
              form.clear('officialIntroduced');
              setIntroduced(event.currentTarget.checked);
            }}
          />
          <Radio.Group
            label={t('reception.card.appliedBefore')}
            required
            value={appliedBefore}
            error={form.errors.appliedBefore}
            onChange={(value) => {
              form.clear('appliedBefore');
              setAppliedBefore(value as 'yes' | 'no');
            }}
          >
            <Group mt="xs">
              <Radio value="yes" label={t('reception.card.yes')} />
              <Radio value="no" label={t('reception.card.no')} />
            </Group>
          </Radio.Group>
          {appliedBefore === 'yes' && (
            <Textarea
              label={t('reception.card.appliedBeforeDetails')}
              required
              autosize
              minRows={2}
              value={details}
              error={form.errors.appliedBeforeDetails}
              onChange={(event) => {
                form.clear('appliedBeforeDetails');
                setDetails(event.currentTarget.value);
              }}
            />
          )}
        </Stack>
      </Fieldset>
      <Fieldset legend={t('reception.card.outcomeStep')}>
        <Stack gap="sm">
          <Radio.Group
            label={t('reception.card.outcome')}
            required
            value={outcome}
            error={form.errors.outcome}
            onChange={(value) => {
              form.clear('outcome');
              setOutcome(value as CardOutcome);
            }}
          >
            <Stack mt="xs" gap="xs">
              {CARD_OUTCOMES.map((value) => (
                <Radio
                  key={value}
                  value={value}
                  label={t(`reception.card.outcomes.${value}`)}
                  description={t(`reception.card.outcomeHints.${value}`)}
                />
              ))}
            </Stack>
          </Radio.Group>
          {outcome === 'oral' && (
            <>
              <Checkbox
                label={t('reception.card.oralConsent')}
                checked={oralConsent}
                error={form.errors.oralAnswerConsent}
                onChange={(event) => {
                  form.clear('oralAnswerConsent');
                  setOralConsent(event.currentTarget.checked);
                }}
              />
              <Textarea
                label={t('reception.card.answerText')}
                required
                autosize
                minRows={3}
                value={answerText}
                error={form.errors.answerText}
                onChange={(event) => {
                  form.clear('answerText');
                  setAnswerText(event.currentTarget.value);
                }}
              />
            </>
          )}
          {outcome === 'outside_competence' && (
            <Textarea
              label={t('reception.card.redirectNote')}
              required
              autosize
              minRows={2}
              value={redirectNote}
              error={form.errors.redirectNote}
              onChange={(event) => {
                form.clear('redirectNote');
                setRedirectNote(event.currentTarget.value);
              }}
            />
          )}
        </Stack>
      </Fieldset>
      <Group>
        <Button type="submit" loading={form.pending}>
          {t('reception.card.close')}
        </Button>
      </Group>
    </Stack>
  );
}
