import { Group, Select, Switch, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  FEEDBACK_ACTION_STATUSES,
  type FeedbackAction,
  type FeedbackActionSort,
  type FeedbackActionStatus,
} from '../../../common/feedback-actions';
import { useDepartments } from '../departments/departmentQueries';
import { canRecordDecisions } from '../session/access';
import { useSession } from '../session/SessionContext';
import { AddButton } from '../shared/AddButton';
import { EmptyMessage } from '../shared/EmptyMessage';
import { PageFooter } from '../shared/PageFooter';
import { PageHeader } from '../shared/PageHeader';
import { QueryStatus } from '../shared/QueryStatus';
import { FeedbackActionModal } from './FeedbackActionModal';
import { FeedbackActionsTable } from './FeedbackActionsTable';
import { type FeedbackActionFilter, useFeedbackActions } from './feedbackActionQueries';
import { StatusModal } from './StatusModal';

const INITIAL: FeedbackActionFilter = {
  status: null,
  departmentId: null,
  overdue: false,
  search: '',
  sort: 'dueOn',
  order: 'asc',
  page: 1,
};

/** «Решения по обратной связи» (seed 000 p. 6.3): what feedback showed and what was done about it. */
export function FeedbackActionsPage() {
  const { t } = useTranslation('console');
  const session = useSession();
  const writer = canRecordDecisions(session);
  const departments = useDepartments();
  const [filter, setFilter] = useState<FeedbackActionFilter>(INITIAL);
  const [editing, setEditing] = useState<FeedbackAction | 'new' | null>(null);
  const [moving, setMoving] = useState<FeedbackAction | null>(null);
  const actions = useFeedbackActions(filter);
  const change = (patch: Partial<FeedbackActionFilter>) =>
    setFilter((current) => ({ ...current, ...patch, page: 1 }));
  const sortBy = (column: FeedbackActionSort) =>
    change({
      sort: column,
      order: filter.sort === column && filter.order === 'asc' ? 'desc' : 'asc',
    });
  const filtered =
    filter.status !== null || filter.departmentId !== null || filter.overdue || filter.search.trim() !== '';
  return (
    <>
      <PageHeader
        title={t('feedbackActions.title')}
        description={t('feedbackActions.description')}
        actions={
          writer && <AddButton label={t('feedbackActions.record')} onClick={() => setEditing('new')} />
        }
      />
      <Group mb="md" align="flex-end" wrap="wrap">
        <TextInput
          label={t('feedbackActions.filter.search')}
          value={filter.search}
          maxLength={200}
          onChange={(event) => change({ search: event.currentTarget.value })}
        />
        <Select
          label={t('feedbackActions.filter.status')}
          placeholder={t('feedbackActions.filter.any')}
          clearable
          data={FEEDBACK_ACTION_STATUSES.map((value) => ({
            value,
            label: t(`feedbackActions.statuses.${value}`),
          }))}
          value={filter.status}
          onChange={(value) => change({ status: (value as FeedbackActionStatus | null) ?? null })}
        />
        <Select
          label={t('feedbackActions.filter.department')}
          placeholder={t('feedbackActions.filter.any')}
          clearable
          searchable
          data={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
          value={filter.departmentId}
          onChange={(value) => change({ departmentId: value })}
        />
        <Switch
          label={t('feedbackActions.filter.overdue')}
          checked={filter.overdue}
          onChange={(event) => change({ overdue: event.currentTarget.checked })}
          mb={8}
        />
      </Group>
      <QueryStatus query={actions} />
      {actions.data?.items.length === 0 && (
        <EmptyMessage
          title={t(filtered ? 'feedbackActions.emptyFiltered' : 'feedbackActions.empty')}
          description={filtered ? undefined : t('feedbackActions.emptyHint')}
        />
      )}
      {actions.data && actions.data.items.length > 0 && (
        <>
          <FeedbackActionsTable
            actions={actions.data.items}
            sort={{ key: filter.sort, direction: filter.order }}
            onSort={sortBy}
            onEdit={writer ? setEditing : undefined}
            onStatus={writer ? setMoving : undefined}
          />
          <PageFooter
            total={actions.data.total}
            pages={actions.data.pages}
            page={actions.data.page}
            onPage={(page) => setFilter((current) => ({ ...current, page }))}
          />
        </>
      )}
      {editing && (
        <FeedbackActionModal action={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
      {moving && <StatusModal action={moving} onClose={() => setMoving(null)} />}
    </>
  );
}
