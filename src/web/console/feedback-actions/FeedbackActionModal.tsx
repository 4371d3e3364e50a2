import { Group, Pill, Select, Stack, TagsInput, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DECISION_MAX_LENGTH,
  type FeedbackAction,
  type FeedbackActionLink,
  FINDING_MAX_LENGTH,
  MAX_LINKS_PER_KIND,
} from '../../../common/feedback-actions';
import { validateRequired } from '../auth/validation';
import { useDepartments } from '../departments/departmentQueries';
import { DateField } from '../shared/dates';
import { FormModal } from '../shared/FormModal';
import { collectErrors } from '../shared/fieldErrors';
import { useSaveForm } from '../shared/useSaveForm';
import { useDecisionOwners, useSaveFeedbackAction } from './feedbackActionQueries';

type SurveyLink = Exclude<FeedbackActionLink, { kind: 'request' }>;

/** What «Зафиксировать решение» on a request card or a survey's analytics fills in beforehand. */
export interface DecisionPrefill {
  requestNumbers?: string[];
  survey?: { id: string; title: string; questions: { id: string; text: string }[] };
}

interface FeedbackActionModalProps {
  /** null = a new decision */
  action: FeedbackAction | null;
  prefill?: DecisionPrefill;
  onClose: () => void;
}

const FIELDS = ['finding', 'decision', 'ownerId', 'departmentId', 'dueOn', 'links'] as const;

const linkKey = (link: SurveyLink) =>
  link.kind === 'survey_response' ? link.responseId : `${link.surveyId}:${link.question}`;

/** Records a decision or edits one; rendered only while open, so each opening starts afresh. */
export function FeedbackActionModal({ action, prefill, onClose }: FeedbackActionModalProps) {
  const { t } = useTranslation('console');
  const save = useSaveFeedbackAction(action?.id ?? null);
  const form = useSaveForm({ mutation: save, fields: FIELDS, onSaved: onClose });
  const owners = useDecisionOwners(true);
  const departments = useDepartments();
  const [finding, setFinding] = useState(action?.finding ?? '');
  const [decision, setDecision] = useState(action?.decision ?? '');
  const [ownerId, setOwnerId] = useState<string | null>(action?.ownerId ?? null);
  const [departmentId, setDepartmentId] = useState<string | null>(action?.departmentId ?? null);
  const [dueOn, setDueOn] = useState(action?.dueOn ?? '');
  const [requestNumbers, setRequestNumbers] = useState<string[]>(
    action?.links.flatMap((link) => (link.kind === 'request' ? [link.number] : [])) ??
      prefill?.requestNumbers ??
      [],
  );
  const [surveyLinks, setSurveyLinks] = useState<SurveyLink[]>(
    action?.links.filter((link): link is SurveyLink => link.kind !== 'request') ?? [],
  );
  const survey = prefill?.survey;
  const [questions, setQuestions] = useState<string[]>([]);

  const describe = (link: SurveyLink) =>
    link.kind === 'survey_response'
      ? t('feedbackActions.links.response', { survey: link.surveyTitle })
      : t('feedbackActions.links.question', { survey: link.surveyTitle, question: link.question });

  const onSubmit = () => {
    const surveyQuestions = [
      ...surveyLinks.flatMap((link) =>
        link.kind === 'survey_question' ? [{ surveyId: link.surveyId, question: link.question }] : [],
      ),
      ...(survey ? questions.map((question) => ({ surveyId: survey.id, question })) : []),
    ];
    const links = {
      requestNumbers,
      surveyResponseIds: surveyLinks.flatMap((link) =>
        link.kind === 'survey_response' ? [link.responseId] : [],
      ),
      surveyQuestions,
    };
    const linked = links.requestNumbers.length + links.surveyResponseIds.length + surveyQuestions.length;
    form.submit(
      collectErrors({
        finding: validateRequired(finding, t),
        decision: validateRequired(decision, t),
        dueOn: dueOn ? null : t('feedbackActions.errors.dueOn'),
        links: linked > 0 ? null : t('feedbackActions.errors.links'),
      }),
      { finding: finding.trim(), decision: decision.trim(), ownerId, departmentId, dueOn, links },
    );
  };

  return (
    <FormModal
      title={t(action ? 'feedbackActions.edit' : 'feedbackActions.record')}
      size="lg"
      onClose={onClose}
      onSubmit={onSubmit}
      formError={form.formError}
      pending={form.pending}
    >
      <Textarea
        label={t('feedbackActions.fields.finding')}
        description={t('feedbackActions.fields.findingHint')}
        required
        autosize
        minRows={2}
        maxLength={FINDING_MAX_LENGTH}
        value={finding}
        error={form.errors.finding}
        onChange={(event) => {
          form.clear('finding');
          setFinding(event.currentTarget.value);
        }}
        data-autofocus
      />
      <Textarea
        label={t('feedbackActions.fields.decision')}
        required
        autosize
        minRows={2}
        maxLength={DECISION_MAX_LENGTH}
        value={decision}
        error={form.errors.decision}
        onChange={(event) => {
          form.clear('decision');
          setDecision(event.currentTarget.value);
        }}
      />
      <Group grow align="flex-start">
        <Select
          label={t('feedbackActions.fields.owner')}
          placeholder={t('feedbackActions.noOwner')}
          data={(owners.data ?? []).map((user) => ({ value: user.id, label: user.name }))}
          value={ownerId}
          error={form.errors.ownerId}
          onChange={(value) => {
            form.clear('ownerId');
            setOwnerId(value);
          }}
          searchable
          clearable
        />
        <Select
          label={t('feedbackActions.fields.department')}
          placeholder={t('feedbackActions.noDepartment')}
          data={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
          value={departmentId}
          error={form.errors.departmentId}
          onChange={(value) => {
            form.clear('departmentId');
            setDepartmentId(value);
          }}
          searchable
          clearable
        />
      </Group>
      <DateField
        label={t('feedbackActions.fields.dueOn')}
        required
        value={dueOn}
        error={form.errors.dueOn}
        onChange={(value) => {
          form.clear('dueOn');
          setDueOn(value);
        }}
      />
      <Stack gap="xs">
        <TagsInput
          label={t('feedbackActions.fields.requestNumbers')}
          description={t('feedbackActions.fields.requestNumbersHint')}
          value={requestNumbers}
          maxTags={MAX_LINKS_PER_KIND}
          error={form.errors.links}
          onChange={(value) => {
            form.clear('links');
            setRequestNumbers(value);
          }}
        />
        {survey && (
          <Select
            label={t('feedbackActions.fields.surveyQuestion', { survey: survey.title })}
            placeholder={t('feedbackActions.fields.surveyQuestionHint')}
            data={survey.questions.map((q) => ({ value: q.id, label: q.text }))}
            value={questions[0] ?? null}
            onChange={(value) => {
              form.clear('links');
              setQuestions(value ? [value] : []);
            }}
            searchable
            clearable
          />
        )}
        {surveyLinks.length > 0 && (
          <div>
            <Text size="sm" fw={500} mb={4}>
              {t('feedbackActions.fields.surveyLinks')}
            </Text>
            <Pill.Group>
              {surveyLinks.map((link) => (
                <Pill
                  key={linkKey(link)}
                  withRemoveButton
                  removeButtonProps={{
                    'aria-label': t('feedbackActions.links.remove', { link: describe(link) }),
                  }}
                  onRemove={() =>
                    setSurveyLinks((current) => current.filter((l) => linkKey(l) !== linkKey(link)))
                  }
                >
                  {describe(link)}
                </Pill>
              ))}
            </Pill.Group>
          </div>
        )}
      </Stack>
    </FormModal>
  );
}
