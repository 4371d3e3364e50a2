import {
  Alert,
  Anchor,
  Badge,
  Button,
  Grid,
  Group,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  CALL_OUTCOMES,
  CALL_QUALITIES,
  CALL_SURVEY,
  type CallOutcome,
  type CallQuality,
} from '../../../common/calls';
import { useTopics } from '../classification/classificationQueries';
import { formatDateTime, useAgencyTimezone } from '../shared/agencyTime';
import { describeError } from '../shared/describeError';
import { CallKbSuggestions } from './CallKbSuggestions';
import { CallRequestModal } from './CallRequestModal';
import { CallScript } from './CallScript';
import { type Call, type CardPatch, useCallbackDone, useSaveCard } from './callQueries';
import { RateQrPanel } from './RateQrPanel';

const NOT_ASKED = 'none';

function SurveyQuestion({
  question,
  value,
  options,
  onChange,
  disabled,
}: {
  question: string;
  value: string;
  options: { value: string; label: string }[];
  onChange: (value: string) => void;
  disabled: boolean;
}) {
  const labelId = useId();
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500} id={labelId}>
        {question}
      </Text>
      <SegmentedControl
        aria-labelledby={labelId}
        data={options}
        value={value}
        onChange={onChange}
        disabled={disabled}
      />
    </Stack>
  );
}

const cardOf = (call: Call): CardPatch => ({
  topicId: call.topicId,
  question: call.question,
  answer: call.answer,
  outcome: call.outcome,
  redirectNote: call.redirectNote,
  surveyAnswerReceived: call.surveyAnswerReceived,
  surveyQuality: call.surveyQuality,
});

/** One call: scripts around the conversation, the card with the survey, and what follows from it. */
export function CallCard({ call, editable }: { call: Call; editable: boolean }) {
  const { t, i18n } = useTranslation('console');
  const timezone = useAgencyTimezone();
  const topics = useTopics();
  const save = useSaveCard(call.id);
  const callbackDone = useCallbackDone(call.id);
  const [card, setCard] = useState(() => cardOf(call));
  const [requesting, setRequesting] = useState(false);
  const edit = (patch: Partial<CardPatch>) => {
    save.reset();
    setCard((current) => ({ ...current, ...patch }));
  };
  const none = t('calls.survey.none');
  const time = (iso: string) => formatDateTime(iso, i18n.language, timezone);
  const topicOptions = (topics.data ?? [])
    .filter((topic) => !topic.archived || topic.id === card.topicId)
    .map((topic) => ({ value: topic.id, label: topic.name }));
  return (
    <Stack>
      <Group gap="xs">
        <Badge color={call.answered ? 'green' : 'red'} variant="dot">
          {t(call.answered ? 'calls.answered' : 'calls.missed')}
        </Badge>
        <Badge color="gray" variant="light">
          {t(call.withinHours ? 'calls.withinHours' : 'calls.outsideHours')}
        </Badge>
        <Text size="sm">{time(call.startedAt)}</Text>
        <Text size="sm">{t(`calls.sources.${call.source}`)}</Text>
        <Text size="sm">{t('calls.card.duration', { count: call.durationSec })}</Text>
        {call.clientId && (
          <Anchor component={Link} to={`/clients/${call.clientId}`} size="sm">
            {t('calls.clientCard')}
          </Anchor>
        )}
      </Group>
      {!call.answered && (
        <Alert color={call.callbackDoneAt ? 'green' : 'orange'}>
          <Group justify="space-between">
            <Text size="sm">
              {call.callbackDoneAt
                ? t('calls.card.callbackDoneAt', { time: time(call.callbackDoneAt) })
                : call.callbackDueAt
                  ? t('calls.card.callbackDue', { time: time(call.callbackDueAt) })
                  : t('calls.missed')}
            </Text>
            {!call.callbackDoneAt && editable && (
              <Button size="xs" loading={callbackDone.isPending} onClick={() => callbackDone.mutate()}>
                {t('calls.card.callbackDone')}
              </Button>
            )}
          </Group>
          {callbackDone.error && <Text c="red">{describeError(callbackDone.error, t)}</Text>}
        </Alert>
      )}
      <CallScript stage="greeting" />
      <Grid>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Paper withBorder p="md">
            <form
              onSubmit={(event) => {
                event.preventDefault();
                save.mutate(card);
              }}
              noValidate
            >
              <Stack>
                <Select
                  label={t('calls.field.topic')}
                  data={topicOptions}
                  value={card.topicId}
                  onChange={(topicId) => edit({ topicId })}
                  searchable
                  clearable
                  disabled={!editable}
                />
                <Textarea
                  label={t('calls.field.question')}
                  autosize
                  minRows={3}
                  value={card.question ?? ''}
                  onChange={(event) => edit({ question: event.currentTarget.value || null })}
                  disabled={!editable}
                />
                <Textarea
                  label={t('calls.field.answer')}
                  autosize
                  minRows={3}
                  value={card.answer ?? ''}
                  onChange={(event) => edit({ answer: event.currentTarget.value || null })}
                  disabled={!editable}
                />
                <Select
                  label={t('calls.field.outcome')}
                  data={CALL_OUTCOMES.map((outcome) => ({
                    value: outcome,
                    label: t(`calls.outcomes.${outcome}`),
                  }))}
                  value={card.outcome}
                  onChange={(outcome) => edit({ outcome: outcome as CallOutcome | null })}
                  clearable
                  disabled={!editable}
                />
                {card.outcome === 'redirected' && (
                  <TextInput
                    label={t('calls.field.redirectNote')}
                    value={card.redirectNote ?? ''}
                    onChange={(event) => edit({ redirectNote: event.currentTarget.value || null })}
                    disabled={!editable}
                  />
                )}
                {/* The survey is asked at the end of a conversation, so a missed call has none (server rule). */}
                {call.answered && (
                  <>
                    <SurveyQuestion
                      question={CALL_SURVEY.answerReceived.question}
                      value={
                        card.surveyAnswerReceived === null
                          ? NOT_ASKED
                          : card.surveyAnswerReceived
                            ? 'yes'
                            : 'no'
                      }
                      options={[
                        { value: NOT_ASKED, label: none },
                        { value: 'yes', label: CALL_SURVEY.answerReceived.options.yes },
                        { value: 'no', label: CALL_SURVEY.answerReceived.options.no },
                      ]}
                      onChange={(value) =>
                        edit({ surveyAnswerReceived: value === NOT_ASKED ? null : value === 'yes' })
                      }
                      disabled={!editable}
                    />
                    <SurveyQuestion
                      question={CALL_SURVEY.quality.question}
                      value={card.surveyQuality ?? NOT_ASKED}
                      options={[
                        { value: NOT_ASKED, label: none },
                        ...CALL_QUALITIES.map((quality) => ({
                          value: quality,
                          label: CALL_SURVEY.quality.options[quality],
                        })),
                      ]}
                      onChange={(value) =>
                        edit({ surveyQuality: value === NOT_ASKED ? null : (value as CallQuality) })
                      }
                      disabled={!editable}
                    />
                  </>
                )}
                {save.error && (
                  <Alert color="red" role="alert">
                    {describeError(save.error, t)}
                  </Alert>
                )}
                {save.isSuccess && (
                  <Text c="green.8" size="sm" role="status">
                    {t('calls.card.saved')}
                  </Text>
                )}
                {editable && (
                  <Group>
                    <Button type="submit" loading={save.isPending}>
                      {t('calls.card.save')}
                    </Button>
                    {!call.requestId && (
                      <Button variant="outline" onClick={() => setRequesting(true)}>
                        {t('calls.card.toRequest')}
                      </Button>
                    )}
                  </Group>
                )}
                {call.requestId && (
                  <Anchor component={Link} to={`/requests/${call.requestId}`}>
                    {t('calls.card.requestLink')}
                  </Anchor>
                )}
              </Stack>
            </form>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack>
            <CallKbSuggestions question={card.question ?? ''} />
            {call.answered && <RateQrPanel />}
          </Stack>
        </Grid.Col>
      </Grid>
      <CallScript stage="farewell" />
      {requesting && <CallRequestModal call={call} onClose={() => setRequesting(false)} />}
    </Stack>
  );
}
