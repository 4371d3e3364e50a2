import {
  Checkbox,
  Fieldset,
  Group,
  NativeSelect,
  Radio,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type {
  AnswerValue,
  MultipleAnswer,
  RowsAnswer,
  SingleAnswer,
  SurveyQuestion,
  SurveyRow,
} from '../../../common/surveys';
import { RATING_MAX, RATING_MIN } from '../../../common/surveys';
import fieldClasses from '../requests/fields.module.css';

export interface QuestionFieldProps {
  question: SurveyQuestion;
  value: AnswerValue | undefined;
  /** Errors by field path below the question: '' for the question itself, 'row' or 'other'. */
  errors: Record<string, string>;
  onChange(value: AnswerValue | undefined): void;
}

/** Beyond this many options a drop-down reads better than a column of radio buttons (35 municipalities). */
const LONG_LIST = 10;
const SCORES = Array.from({ length: RATING_MAX - RATING_MIN + 1 }, (_, i) => String(RATING_MIN + i));

function labelOf(question: SurveyQuestion) {
  return question.code ? `(${question.code}) ${question.text}` : question.text;
}

function ScaleHint({ question }: { question: SurveyQuestion }) {
  const { t } = useTranslation('portal');
  if (!question.minLabel && !question.maxLabel) return null;
  return (
    <Text size="sm" c="dimmed">
      {t('surveys.scale', { min: question.minLabel ?? '', max: question.maxLabel ?? '' })}
    </Text>
  );
}

/** One row of a matrix, yes/no or rating question: a radio group named by the row. */
function RowChoice(props: {
  question: SurveyQuestion;
  row: SurveyRow;
  value: string | undefined;
  error: string | undefined;
  onChange(value: string): void;
}) {
  const { question, row } = props;
  const choices =
    question.type === 'rating'
      ? SCORES.map((score) => ({ id: score, label: score }))
      : (question.options ?? []);
  return (
    <Radio.Group
      id={`survey-${question.id}-${row.id}`}
      label={row.code ? `(${row.code}) ${row.label}` : row.label}
      value={props.value ?? ''}
      onChange={props.onChange}
      error={props.error}
      classNames={{ error: fieldClasses.error }}
      // Rows sit under the question's own bold legend, a step lower.
      styles={{ label: { fontWeight: 500 } }}
    >
      <Group gap="md" mt="xs">
        {choices.map((choice) => (
          <Radio key={choice.id} value={choice.id} label={choice.label} />
        ))}
      </Group>
    </Radio.Group>
  );
}

function RowsQuestion({ question, value, errors, onChange }: QuestionFieldProps) {
  const rows = (value ?? {}) as RowsAnswer;
  const set = (rowId: string, picked: string) =>
    onChange({ ...rows, [rowId]: question.type === 'rating' ? Number(picked) : picked });
  return (
    <Fieldset
      id={`survey-${question.id}`}
      tabIndex={-1}
      legend={
        <Text component="span" fw={700}>
          {labelOf(question)}
        </Text>
      }
      variant="unstyled"
      aria-describedby={errors[''] ? `survey-${question.id}-error` : undefined}
    >
      <Stack gap="sm">
        {question.hint && <Text size="sm">{question.hint}</Text>}
        <ScaleHint question={question} />
        {(question.rows ?? []).map((row) => (
          <RowChoice
            key={row.id}
            question={question}
            row={row}
            value={rows[row.id] === undefined ? undefined : String(rows[row.id])}
            error={errors[row.id]}
            onChange={(picked) => set(row.id, picked)}
          />
        ))}
        {errors[''] && (
          <Text id={`survey-${question.id}-error`} c="red.8" className={fieldClasses.error}>
            {errors['']}
          </Text>
        )}
      </Stack>
    </Fieldset>
  );
}

function OtherText({
  id,
  value,
  error,
  onChange,
}: {
  id: string;
  value: string;
  error?: string;
  onChange(v: string): void;
}) {
  const { t } = useTranslation('portal');
  return (
    <TextInput
      id={`${id}-other`}
      label={t('surveys.other')}
      maxLength={1000}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      error={error}
      classNames={{ error: fieldClasses.error }}
    />
  );
}

/** A question of any type, labelled by its text (and paper code), with its error under it. */
export function QuestionField(props: QuestionFieldProps) {
  const { question, value, errors, onChange } = props;
  const { t } = useTranslation('portal');
  const id = `survey-${question.id}`;
  const heading = question.heading ? (
    <Title order={2} size="h4">
      {question.heading}
    </Title>
  ) : null;
  let field: React.ReactNode = null;
  if (question.type === 'single' && (question.options?.length ?? 0) > LONG_LIST) {
    const answer = value as SingleAnswer | undefined;
    field = (
      <NativeSelect
        id={id}
        label={labelOf(question)}
        description={question.hint}
        required={question.required}
        value={answer?.choice ?? ''}
        onChange={(event) =>
          onChange(event.currentTarget.value ? { choice: event.currentTarget.value } : undefined)
        }
        data={[
          { value: '', label: t('surveys.choose') },
          ...(question.options ?? []).map((o) => ({ value: o.id, label: o.label })),
        ]}
        error={errors['']}
        classNames={{ error: fieldClasses.error }}
      />
    );
  } else if (question.type === 'single') {
    const answer = value as SingleAnswer | undefined;
    const otherChosen = question.options?.some((o) => o.other && o.id === answer?.choice);
    field = (
      <Stack gap="xs">
        <Radio.Group
          id={id}
          label={labelOf(question)}
          description={question.hint}
          required={question.required}
          value={answer?.choice ?? ''}
          onChange={(choice) => onChange({ choice })}
          error={errors['']}
          classNames={{ error: fieldClasses.error }}
        >
          <Stack gap="xs" mt="xs">
            {(question.options ?? []).map((option) => (
              <Radio key={option.id} value={option.id} label={option.label} />
            ))}
          </Stack>
        </Radio.Group>
        {otherChosen && answer && (
          <OtherText
            id={id}
            value={answer.other ?? ''}
            error={errors.other}
            onChange={(other) => onChange({ ...answer, other })}
          />
        )}
      </Stack>
    );
  } else if (question.type === 'multiple') {
    const answer = (value as MultipleAnswer | undefined) ?? { choices: [] };
    const otherChosen = question.options?.some((o) => o.other && answer.choices.includes(o.id));
    field = (
      <Stack gap="xs">
        <Checkbox.Group
          id={id}
          label={labelOf(question)}
          description={question.hint}
          required={question.required}
          value={answer.choices}
          onChange={(choices) => onChange(choices.length ? { ...answer, choices } : undefined)}
          error={errors['']}
          classNames={{ error: fieldClasses.error }}
        >
          <Stack gap="xs" mt="xs">
            {(question.options ?? []).map((option) => (
              <Checkbox key={option.id} value={option.id} label={option.label} />
            ))}
          </Stack>
        </Checkbox.Group>
        {otherChosen && (
          <OtherText
            id={id}
            value={answer.other ?? ''}
            error={errors.other}
            onChange={(other) => onChange({ ...answer, other })}
          />
        )}
      </Stack>
    );
  } else if (question.type === 'rating' && !question.rows?.length) {
    field = (
      <Radio.Group
        id={id}
        label={labelOf(question)}
        description={
          question.minLabel
            ? `${RATING_MIN} — ${question.minLabel}, ${RATING_MAX} — ${question.maxLabel}`
            : question.hint
        }
        required={question.required}
        value={value === undefined ? '' : String(value)}
        onChange={(score) => onChange(Number(score))}
        error={errors['']}
        classNames={{ error: fieldClasses.error }}
      >
        <Group gap="lg" mt="xs">
          {SCORES.map((score) => (
            <Radio key={score} value={score} label={score} size="md" />
          ))}
        </Group>
      </Radio.Group>
    );
  } else if (question.type === 'matrix' || question.type === 'yesno' || question.type === 'rating') {
    field = <RowsQuestion {...props} />;
  } else if (question.type === 'text') {
    field = (
      <Textarea
        id={id}
        label={labelOf(question)}
        description={question.hint}
        required={question.required}
        autosize
        minRows={3}
        maxLength={4000}
        value={(value as string | undefined) ?? ''}
        onChange={(event) => onChange(event.currentTarget.value)}
        error={errors['']}
        classNames={{ error: fieldClasses.error }}
      />
    );
  }
  return (
    <Stack gap="sm">
      {heading}
      {field}
    </Stack>
  );
}
