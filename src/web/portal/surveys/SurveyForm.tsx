import { Alert, Stack, Text } from '@mantine/core';
import { IconSend } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isShown, validateAnswers } from '../../../common/survey-engine';
import type { Answers, AnswerValue, PublicSurvey } from '../../../common/surveys';
import { ApiError } from '../../ui/api';
import { SubmitRow } from '../forms/SubmitRow';
import { QuestionField } from './QuestionField';
import { type SurveySubmission, submitSurvey } from './surveyApi';

const PATH = 'body.answers';

/** Errors by question id, then by the rest of the path ('' for the question itself). */
function groupErrors(errors: { field: string; message: string }[]) {
  const grouped: Record<string, Record<string, string>> = {};
  for (const { field, message } of errors) {
    const [questionId = '', ...rest] = field.slice(PATH.length + 1).split('.');
    grouped[questionId] = { ...grouped[questionId], [rest.join('.')]: message };
  }
  return grouped;
}

/** The element to move focus to for an error: the row's group, else the question. */
function focusError(field: string) {
  const parts = field.slice(PATH.length + 1).split('.');
  const target =
    document.getElementById(`survey-${parts.join('-')}`) ?? document.getElementById(`survey-${parts[0]}`);
  const input = target?.querySelector<HTMLElement>('input, textarea, select') ?? target;
  input?.focus();
}

/** Any survey of the agency, checked with the same rules as the server before it is sent. */
export function SurveyForm(props: {
  agency: string;
  survey: PublicSurvey;
  channel: SurveySubmission['channel'];
  token?: string;
}) {
  const { t } = useTranslation('portal');
  const { survey } = props;
  const [answers, setAnswers] = useState<Answers>({});
  const [errors, setErrors] = useState<{ field: string; message: string }[]>([]);
  const [state, setState] = useState<'idle' | 'sending' | 'sent' | 'failed'>('idle');
  const [failure, setFailure] = useState<string | null>(null);

  const set = (questionId: string, value: AnswerValue | undefined) => {
    setErrors((current) => current.filter((e) => !e.field.startsWith(`${PATH}.${questionId}`)));
    setAnswers((current) => {
      const next = { ...current };
      if (value === undefined || value === '') delete next[questionId];
      else next[questionId] = value;
      return next;
    });
  };

  // Answers to follow-ups no longer asked are not sent.
  const visible = survey.questions.filter((q) => q.type !== 'auto' || q.heading);
  const sendable = () =>
    Object.fromEntries(
      Object.entries(answers).filter(([id]) => {
        const question = survey.questions.find((q) => q.id === id);
        return question !== undefined && isShown(question, answers);
      }),
    );

  async function submit(event: FormEvent) {
    event.preventDefault();
    const payload = sendable();
    const problems = validateAnswers(survey.questions, payload, { path: PATH });
    if (Object.keys(payload).length === 0 && problems.length === 0) {
      problems.push({
        field: `${PATH}.${survey.questions.find((q) => q.type !== 'auto')?.id}`,
        message: t('surveys.empty'),
      });
    }
    setErrors(problems);
    if (problems[0]) {
      focusError(problems[0].field);
      return;
    }
    setState('sending');
    try {
      await submitSurvey(props.agency, survey.slug, {
        answers: payload,
        channel: props.channel,
        ...(props.token ? { token: props.token } : {}),
      });
      setState('sent');
    } catch (caught) {
      if (caught instanceof ApiError && caught.field?.startsWith(PATH)) {
        setErrors([{ field: caught.field, message: caught.message }]);
      }
      setFailure(caught instanceof ApiError && caught.status < 500 ? caught.message : t('surveys.failed'));
      setState('failed');
    }
  }

  if (state === 'sent') {
    return (
      <div role="status" aria-live="polite">
        <Alert color="green" variant="light">
          <Text fw={700} size="lg">
            {t('surveys.thanksTitle')}
          </Text>
          <Text>{t('surveys.thanks')}</Text>
        </Alert>
      </div>
    );
  }

  const grouped = groupErrors(errors);
  return (
    <form onSubmit={submit} noValidate aria-labelledby="page-title">
      <Stack gap="xl">
        {visible
          .filter((question) => isShown(question, answers))
          .map((question) => (
            <QuestionField
              key={question.id}
              question={question}
              value={answers[question.id]}
              errors={grouped[question.id] ?? {}}
              onChange={(value) => set(question.id, value)}
            />
          ))}
        <SubmitRow
          label={t('surveys.submit')}
          icon={<IconSend size="1.25rem" aria-hidden="true" />}
          sending={state === 'sending'}
          failure={state === 'failed' ? failure : null}
        />
      </Stack>
    </form>
  );
}
