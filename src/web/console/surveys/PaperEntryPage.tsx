import { Alert, Button, Group, SegmentedControl, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, type KeyboardEvent, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { type PaperField, paperFields } from '../../../common/survey-definition';
import { RATING_MAX, RATING_MIN } from '../../../common/surveys';
import { ApiError } from '../../ui/api';
import { PageHeader } from '../shared/PageHeader';
import { QueryStatus } from '../shared/QueryStatus';
import { useEnterResponse, useSurvey } from './surveyQueries';

/** What may be typed in a box: the numbers of the options as printed on the paper form. */
function useAllowed() {
  const { t } = useTranslation('console');
  return ({ question }: PaperField) => {
    if (question.type === 'rating') return t('surveys.entry.score', { min: RATING_MIN, max: RATING_MAX });
    if (question.type === 'auto') return t('surveys.entry.datetime');
    if (question.type === 'text') return t('surveys.entry.text');
    return (question.options ?? []).map((o) => `${o.id} — ${o.label}`).join('; ');
  };
}

/** «(22.1) Официальный сайт ведомства»; a box without a paper code shows just its question. */
function paperLabel({ key, question, row }: PaperField) {
  const text = row?.label ?? question.text;
  return (row?.code ?? question.code) ? `(${key}) ${text}` : text;
}

const inputId = (key: string) => `entry-${key.replaceAll('.', '-')}`;

/**
 * «Ввод бумажных анкет» (issue 8 p. 3): the operator types code → value without the mouse; Enter
 * moves to the next box, Enter in the last one saves, and the form is ready for the next sheet.
 */
export function PaperEntryPage() {
  const { t } = useTranslation('console');
  const id = useParams().id ?? '';
  const survey = useSurvey(id);
  const enter = useEnterResponse(id);
  const allowed = useAllowed();
  const [channel, setChannel] = useState<'paper' | 'phone'>('paper');
  const [values, setValues] = useState<Record<string, string>>({});
  const [error, setError] = useState<{ key: string | null; message: string } | null>(null);
  const [entered, setEntered] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const fields = useMemo(() => paperFields(survey.data?.current.questions ?? []), [survey.data]);

  if (!survey.data) return <QueryStatus query={survey} />;

  const focus = (key: string | undefined) => {
    if (key) document.getElementById(inputId(key))?.focus();
  };

  async function save(event?: FormEvent) {
    event?.preventDefault();
    const codes = Object.fromEntries(Object.entries(values).filter(([, value]) => value.trim() !== ''));
    try {
      await enter.mutateAsync({ channel, codes });
      setValues({});
      setError(null);
      setEntered((count) => count + 1);
      focus(fields[0]?.key);
    } catch (caught) {
      const key =
        caught instanceof ApiError && caught.field?.startsWith('body.codes.') ? caught.field.slice(11) : null;
      setError({ key, message: caught instanceof Error ? caught.message : String(caught) });
      focus(key ?? undefined);
    }
  }

  const onKeyDown = (index: number) => (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    if (index + 1 < fields.length) focus(fields[index + 1]?.key);
    else void save();
  };

  return (
    <>
      <PageHeader title={t('surveys.entry.title')} description={survey.data.title} />
      <form ref={formRef} onSubmit={save} noValidate aria-describedby="entry-help">
        <Stack gap="md">
          <Text id="entry-help">{t('surveys.entry.help')}</Text>
          <SegmentedControl
            aria-label={t('surveys.entry.channel')}
            value={channel}
            onChange={(value) => setChannel(value as 'paper' | 'phone')}
            data={[
              { value: 'paper', label: t('surveys.channels.paper') },
              { value: 'phone', label: t('surveys.channels.phone') },
            ]}
            style={{ alignSelf: 'flex-start' }}
          />
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            {fields.map((field, index) => (
              <TextInput
                key={field.key}
                id={inputId(field.key)}
                label={paperLabel(field)}
                description={allowed(field)}
                value={values[field.key] ?? ''}
                onChange={(event) => {
                  const value = event.currentTarget.value;
                  setValues((current) => ({ ...current, [field.key]: value }));
                }}
                onKeyDown={onKeyDown(index)}
                error={error?.key === field.key ? error.message : undefined}
                autoComplete="off"
                autoFocus={index === 0}
              />
            ))}
          </SimpleGrid>
          <Group>
            <Button type="submit" loading={enter.isPending}>
              {t('surveys.entry.save')}
            </Button>
            <Text role="status" aria-live="polite" fw={600}>
              {t('surveys.entry.count', { count: entered })}
            </Text>
          </Group>
          {error && !error.key && (
            <Alert color="red" role="alert">
              {error.message}
            </Alert>
          )}
        </Stack>
      </form>
    </>
  );
}
