import { Alert, Button, Group, Select, SimpleGrid, Stack, Switch, Text } from '@mantine/core';
import { IconBulb } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import {
  REQUEST_TYPES,
  type RequestType,
  type Suggestions,
  type Topic,
} from '../../../common/classification';
import type { Department } from '../../../common/types';
import { useDepartments } from '../departments/departmentQueries';
import type { RequestDetail } from '../requests/requestTypes';
import type { FieldErrors } from '../shared/fieldErrors';
import { useSuggestions, useTopics } from './classificationQueries';
import { type Draft, useClassificationDraft } from './useClassificationDraft';

/**
 * «Классификация» on the request card (seed 003 p. 9.1, seed 004 p. 8): the operator picks the
 * topic, typical need, type and urgency, sees what the agency's classifier suggests, and confirms.
 */
export function ClassificationPanel({ request, editable }: { request: RequestDetail; editable: boolean }) {
  const { t } = useTranslation('console');
  const topics = useTopics();
  const departments = useDepartments();
  const suggestions = useSuggestions(request.id);
  // Archived topics stay visible only on requests already classified with them.
  const visibleTopics = (topics.data ?? []).filter(
    (topic) => !topic.archived || topic.id === request.topicId,
  );
  const form = useClassificationDraft(request, visibleTopics);

  return (
    <Stack gap="sm">
      {editable && (
        <SuggestionLine suggestions={suggestions.data} topics={visibleTopics} onAccept={form.pickTopic} />
      )}
      {form.formError && <Alert color="red">{form.formError}</Alert>}
      <ClassificationFields
        draft={form.draft}
        errors={form.errors}
        topics={visibleTopics}
        departments={departments.data ?? []}
        editable={editable}
        onTopic={(id) => form.pickTopic(id)}
        onChange={form.set}
      />
      {editable && (
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {t(request.classifiedAt ? 'classification.classifiedEarlier' : 'classification.notClassified')}
          </Text>
          <Button onClick={form.confirm} loading={form.pending}>
            {t('classification.confirm')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

interface FieldsProps {
  draft: Draft;
  errors: FieldErrors;
  topics: Topic[];
  departments: Pick<Department, 'id' | 'name'>[];
  editable: boolean;
  onTopic: (id: string | null) => void;
  onChange: (patch: Partial<Draft>) => void;
}

function ClassificationFields({
  draft,
  errors,
  topics,
  departments,
  editable,
  onTopic,
  onChange,
}: FieldsProps) {
  const { t } = useTranslation('console');
  const topic = topics.find((item) => item.id === draft.topicId);
  const needs = (topic?.needs ?? []).filter((need) => !need.archived || need.id === draft.typicalNeedId);
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <Select
          label={t('classification.topic')}
          data={topics.map((item) => ({ value: item.id, label: item.name }))}
          value={draft.topicId}
          onChange={onTopic}
          error={errors.topicId}
          nothingFoundMessage={t('classification.noTopics')}
          searchable
          disabled={!editable}
          required
        />
        <Select
          label={t('classification.need')}
          data={needs.map((need) => ({ value: need.id, label: need.name }))}
          value={draft.typicalNeedId}
          onChange={(value) => onChange({ typicalNeedId: value })}
          error={errors.typicalNeedId}
          placeholder={topic && needs.length === 0 ? t('classification.noNeeds') : undefined}
          disabled={!editable || !topic || needs.length === 0}
          clearable
        />
        <Select
          label={t('classification.type')}
          data={REQUEST_TYPES.map((value) => ({ value, label: t(`classification.types.${value}`) }))}
          value={draft.requestType}
          onChange={(value) => onChange({ requestType: value as RequestType | null })}
          error={errors.requestType}
          disabled={!editable}
          required
        />
        <Select
          label={t('classification.department')}
          data={departments.map((d) => ({ value: d.id, label: d.name }))}
          value={draft.departmentId}
          onChange={(value) => onChange({ departmentId: value })}
          error={errors.departmentId}
          disabled={!editable}
          clearable
        />
      </SimpleGrid>
      <Switch
        label={t('classification.urgent')}
        description={t('classification.urgentHint')}
        checked={draft.urgent}
        onChange={(event) => onChange({ urgent: event.currentTarget.checked })}
        error={errors.urgent}
        disabled={!editable}
      />
    </>
  );
}

interface SuggestionLineProps {
  suggestions: Suggestions | undefined;
  topics: Topic[];
  onAccept: (topicId: string, departmentId?: string | null) => void;
}

/** «Предлагается: <тема> — 82 %» with one-click acceptance, or why there is no suggestion. */
function SuggestionLine({ suggestions, topics, onAccept }: SuggestionLineProps) {
  const { t } = useTranslation('console');
  if (!suggestions) return null;
  const { topic, department, trainedOn, minimum } = suggestions;
  if (!topic || !topics.some((item) => item.id === topic.id)) {
    return (
      <Text size="sm" c="dimmed">
        {trainedOn < minimum
          ? t('classification.fewExamples', { count: trainedOn, minimum })
          : t('classification.unsure', { count: trainedOn })}
      </Text>
    );
  }
  return (
    <Alert color="blue" icon={<IconBulb size={18} aria-hidden />} p="xs">
      <Group justify="space-between" gap="xs">
        <Text size="sm">
          {t('classification.suggested', { topic: topic.name, percent: Math.round(topic.confidence * 100) })}
          {department && ` · ${t('classification.suggestedDepartment', { department: department.name })}`}
        </Text>
        <Button size="xs" variant="light" onClick={() => onAccept(topic.id, department?.id)}>
          {t('classification.accept')}
        </Button>
      </Group>
    </Alert>
  );
}
