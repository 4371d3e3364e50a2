import {
  Button,
  Group,
  MultiSelect,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  TextInput,
} from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTopics } from '../classification/classificationQueries';
import { filterQuery, type RequestFilter } from './requestQueries';
import {
  QUICK_VIEWS,
  type QuickView,
  REQUEST_KINDS,
  REQUEST_STATUSES,
  type RequestKind,
  type RequestStatus,
} from './requestTypes';
import { SavedViewsMenu } from './SavedViewsMenu';

interface RequestFiltersProps {
  filter: RequestFilter;
  view: QuickView | null;
  onView: (view: QuickView) => void;
  onChange: (patch: Partial<RequestFilter>) => void;
  onOpenQuery: (query: string) => void;
}

export function RequestFilters({ filter, view, onView, onChange, onOpenQuery }: RequestFiltersProps) {
  const { t } = useTranslation('console');
  const [search, setSearch] = useState(filter.q);
  const topics = useTopics();
  // The URL is the source of truth: follow it when it changes (back button, quick view).
  useEffect(() => setSearch(filter.q), [filter.q]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onChange({ q: search });
  };

  return (
    <Stack gap="sm" mb="md">
      <Group justify="space-between" wrap="wrap">
        <SegmentedControl
          aria-label={t('requests.views.label')}
          value={view ?? ''}
          onChange={(value) => onView(value as QuickView)}
          data={(Object.keys(QUICK_VIEWS) as QuickView[]).map((key) => ({
            value: key,
            label: t(`requests.views.${key}`),
          }))}
          w="fit-content"
        />
        <SavedViewsMenu currentQuery={filterQuery({ ...filter, page: 1 })} onOpen={onOpenQuery} />
      </Group>
      <Group align="flex-end" wrap="wrap">
        <form onSubmit={submit}>
          <Group align="flex-end" gap="xs" wrap="nowrap">
            <TextInput
              label={t('requests.search')}
              placeholder={t('requests.searchPlaceholder')}
              leftSection={<IconSearch size={16} aria-hidden />}
              value={search}
              onChange={(event) => setSearch(event.currentTarget.value)}
              type="search"
              w={280}
            />
            <Button type="submit" variant="light">
              {t('requests.find')}
            </Button>
          </Group>
        </form>
        <MultiSelect
          label={t('requests.statusFilter')}
          placeholder={filter.statuses.length ? undefined : t('requests.allStatuses')}
          data={REQUEST_STATUSES.map((status) => ({
            value: status,
            label: t(`common:requestStatuses.${status}`),
          }))}
          value={filter.statuses}
          onChange={(value) => onChange({ statuses: value as RequestStatus[] })}
          clearable
          w={320}
        />
        <Select
          label={t('requests.kindFilter')}
          placeholder={t('requests.allKinds')}
          data={REQUEST_KINDS.map((kind) => ({ value: kind, label: t(`common:requestKinds.${kind}`) }))}
          value={filter.kind}
          onChange={(value) => onChange({ kind: value as RequestKind | null })}
          clearable
          w={240}
        />
        <Select
          label={t('classification.topicFilter')}
          placeholder={t('classification.allTopics')}
          data={(topics.data ?? []).map((topic) => ({ value: topic.id, label: topic.name }))}
          value={filter.topic}
          onChange={(value) => onChange({ topic: value })}
          searchable
          clearable
          w={280}
        />
        <Switch
          label={t('requests.overdueOnly')}
          checked={filter.overdue}
          onChange={(event) => onChange({ overdue: event.currentTarget.checked })}
          mb={8}
        />
      </Group>
    </Stack>
  );
}
