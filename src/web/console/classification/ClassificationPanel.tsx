import { Alert, Button, Group, Select, SimpleGrid, Stack, Switch, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBulb } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  REQUEST_TYPES,
  type RequestType,
  type Suggestions,
  type Topic,
} from '../../../common/classification';
import { useDepartments } from '../departments/departmentQueries';
import type { RequestDetail } from '../requests/requestTypes';
import { splitApiError } from '../shared/fieldErrors';
import { type ClassificationInput, useClassify, useSuggestions, useTopics } from './classificationQueries';

const FIELDS = ['topicId', 'typicalNeedId', 'requestType', 'urgent', 'departmentId'] as const;

/**
 * «Классификация» on the request card (seed 003 p. 9.1, seed 004 p. 8): the operator picks the
 * topic, typical need, type and urgency, sees what the agency's classifier suggests, and confirms.
 */
export function ClassificationPanel({ request, editable }: { request: RequestDetail; editable: boolean }) {
  const { t } = useTranslation('console');
  const { t: common } = useTranslation();
  const topics = useTopics();
  const departments = useDepartments();
  const suggestions = useSuggestions(request.id);
  const classify = useClassify(request.id);
  const [draft, setDraft] = useState({
    topicId: request.topicId,
    typicalNeedId: request.typicalNeedId,
    requestType: request.requestType,
    urgent: request.urgent,
    departmentId: request.departmentId,
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const set = (patch: Partial<typeof draft>) => {
    setDraft((current) => ({ ...current, ...patch }));
    setErrors({});
  };
  // Archived topics stay visible only on requests already classified with them.
  const visibleTopics = (topics.data ?? []).filter((topic) => !topic.archived || topic.id === draft.topicId);
  const topic = visibleTopics.find((item) => item.id === draft.topicId);
  const needs = (topic?.needs ?? []).filter((need) => !need.archived || need.id === draft.typicalNeedId);

  const pickTopic = (id: string | null, departmentId?: string | null) => {
    const chosen = visibleTopics.find((item) => item.id === id);
    set({
      topicId: id,
      typicalNeedId: null,
      departmentId: departmentId ?? chosen?.defaultDepartmentId ?? draft.departmentId,
    });
  };

  const confirm = () => {
    const found: Record<string, string> = {};
    if (!draft.topicId) found.topicId = t('classification.chooseTopic');
    if (!draft.requestType) found.requestType = t('classification.chooseType');
    setErrors(found);
    setFormError(null);
    if (!draft.topicId || !draft.requestType) return;
    const input: ClassificationInput = { ...draft, topicId: draft.topicId, requestType: draft.requestType };
    classify.mutate(input, {
      onSuccess: () => notifications.show({ color: 'green', message: t('classification.confirmed') }),
      onError: (error) => {
        const split = splitApiError(error, FIELDS, common);
        setErrors(split.fields);
        setFormError(split.form);
      },
    });
  };

  return (
    <Stack gap="sm">
      {editable && (
        <SuggestionLine suggestions={suggestions.data} topics={visibleTopics} onAccept={pickTopic} />
      )}
      {formError && <Alert color="red">{formError}</Alert>}
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <Select
          label={t('classification.topic')}
          data={visibleTopics.map((item) => ({ value: item.id, label: item.name }))}
          value={draft.topicId}
          onChange={(value) => pickTopic(value)}
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
          onChange={(value) => set({ typicalNeedId: value })}
          error={errors.typicalNeedId}
          placeholder={topic && needs.length === 0 ? t('classification.noNeeds') : undefined}
          disabled={!editable || !topic || needs.length === 0}
          clearable
        />
        <Select
          label={t('classification.type')}
          data={REQUEST_TYPES.map((value) => ({ value, label: t(`classification.types.${value}`) }))}
          value={draft.requestType}
          onChange={(value) => set({ requestType: value as RequestType | null })}
          error={errors.requestType}
          disabled={!editable}
          required
        />
        <Select
          label={t('classification.department')}
          data={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
          value={draft.departmentId}
          onChange={(value) => set({ departmentId: value })}
          error={errors.departmentId}
          disabled={!editable}
          clearable
        />
      </SimpleGrid>
      <Switch
        label={t('classification.urgent')}
        description={t('classification.urgentHint')}
        checked={draft.urgent}
        onChange={(event) => set({ urgent: event.currentTarget.checked })}
        error={errors.urgent}
        disabled={!editable}
      />
      {editable && (
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {request.classifiedAt ? t('classification.classifiedEarlier') : t('classification.notClassified')}
          </Text>
          <Button onClick={confirm} loading={classify.isPending}>
            {t('classification.confirm')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

interface SuggestionLineProps {
  suggestions: Suggestions | undefined;
  topics: Topic[];
  onAccept: (topicId: string, departmentId?: string | null) => void;
}

function SuggestionLine({ suggestions, topics, onAccept }: SuggestionLineProps) {
  const { t } = useTranslation('console');
  if (!suggestions) return null;
  const { topic, department, trainedOn, minimum } = suggestions;
  if (!topic || !topics.some((item) => item.id === topic.id)) {
    const message =
      trainedOn < minimum
        ? t('classification.fewExamples', { count: trainedOn, minimum })
        : t('classification.unsure', { count: trainedOn });
    return (
      <Text size="sm" c="dimmed">
        {message}
      </Text>
    );
  }
  const percent = Math.round(topic.confidence * 100);
  return (
    <Alert color="blue" icon={<IconBulb size={18} aria-hidden />} p="xs">
      <Group justify="space-between" gap="xs">
        <Text size="sm">
          {t('classification.suggested', { topic: topic.name, percent })}
          {department && ` · ${t('classification.suggestedDepartment', { department: department.name })}`}
        </Text>
        <Button size="xs" variant="light" onClick={() => onAccept(topic.id, department?.id)}>
          {t('classification.accept')}
        </Button>
      </Group>
    </Alert>
  );
}
