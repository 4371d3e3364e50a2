import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Touchpoint } from '../../../common/types';
import { canEdit } from '../session/access';
import { useSession } from '../session/SessionContext';
import { ConfirmDeleteModal } from '../shared/ConfirmDeleteModal';
import { EmptyMessage } from '../shared/EmptyMessage';
import { ErrorAlert } from '../shared/ErrorAlert';
import { PageHeader } from '../shared/PageHeader';
import { TableSkeleton } from '../shared/TableSkeleton';
import { type TouchpointFilter, TouchpointFilters } from './TouchpointFilters';
import { TouchpointModal } from './TouchpointModal';
import { TouchpointsTable } from './TouchpointsTable';
import { emptyTouchpoint, toInput } from './touchpointForm';
import { useDeleteTouchpoint, useTouchpoints } from './touchpointQueries';

type Editing = { touchpoint: Touchpoint | null } | null;

export function TouchpointsPage() {
  const { t } = useTranslation('console');
  const editable = canEdit(useSession(), 'touchpoints');
  const touchpoints = useTouchpoints();
  const remove = useDeleteTouchpoint();
  const [filter, setFilter] = useState<TouchpointFilter>({ kind: null, mode: 'all' });
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<Touchpoint | null>(null);

  const all = touchpoints.data ?? [];
  const visible = useMemo(
    () =>
      (touchpoints.data ?? []).filter(
        (item) =>
          (!filter.kind || item.kind === filter.kind) && (filter.mode === 'all' || item.mode === filter.mode),
      ),
    [touchpoints.data, filter],
  );
  const nextSortOrder = all.reduce((max, item) => Math.max(max, item.sortOrder), 0) + 10;

  const closeDelete = () => {
    setDeleting(null);
    remove.reset();
  };
  const confirmDelete = () =>
    deleting &&
    remove.mutate(deleting.id, {
      onSuccess: () => {
        notifications.show({ color: 'green', message: t('touchpoints.deleted', { title: deleting.title }) });
        closeDelete();
      },
    });

  const addButton = editable && (
    <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing({ touchpoint: null })}>
      {t('touchpoints.add')}
    </Button>
  );

  return (
    <>
      <PageHeader
        title={t('nav.touchpoints')}
        description={t('touchpoints.description')}
        actions={addButton}
      />
      {touchpoints.isPending && <TableSkeleton />}
      {touchpoints.isError && <ErrorAlert error={touchpoints.error} onRetry={() => touchpoints.refetch()} />}
      {touchpoints.data?.length === 0 && (
        <EmptyMessage title={t('touchpoints.empty')} description={t('touchpoints.emptyHint')} />
      )}
      {all.length > 0 && (
        <>
          <TouchpointFilters value={filter} onChange={setFilter} />
          {visible.length === 0 ? (
            <EmptyMessage title={t('touchpoints.noMatches')} />
          ) : (
            <TouchpointsTable
              touchpoints={visible}
              editable={editable}
              onEdit={(touchpoint) => setEditing({ touchpoint })}
              onDelete={setDeleting}
            />
          )}
        </>
      )}
      {editing && (
        <TouchpointModal
          id={editing.touchpoint?.id}
          initial={editing.touchpoint ? toInput(editing.touchpoint) : emptyTouchpoint(nextSortOrder)}
          onClose={() => setEditing(null)}
        />
      )}
      <ConfirmDeleteModal
        opened={deleting !== null}
        title={t('touchpoints.deleteTitle')}
        message={t('touchpoints.deleteConfirm', { title: deleting?.title ?? '' })}
        pending={remove.isPending}
        error={remove.error}
        onConfirm={confirmDelete}
        onClose={closeDelete}
      />
    </>
  );
}
