import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Touchpoint } from '../../../common/types';
import { canEdit } from '../session/access';
import { useSession } from '../session/SessionContext';
import { AddButton } from '../shared/AddButton';
import { ConfirmDeleteModal } from '../shared/ConfirmDeleteModal';
import { EmptyMessage } from '../shared/EmptyMessage';
import { ListPage } from '../shared/ListPage';
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

  return (
    <ListPage
      title={t('nav.touchpoints')}
      description={t('touchpoints.description')}
      actions={
        editable && (
          <AddButton label={t('touchpoints.add')} onClick={() => setEditing({ touchpoint: null })} />
        )
      }
      query={touchpoints}
      emptyTitle={t('touchpoints.empty')}
      emptyHint={t('touchpoints.emptyHint')}
      renderItems={() => (
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
    >
      {editing && (
        <TouchpointModal
          id={editing.touchpoint?.id}
          initial={editing.touchpoint ? toInput(editing.touchpoint) : emptyTouchpoint(nextSortOrder)}
          onClose={() => setEditing(null)}
        />
      )}
      <ConfirmDeleteModal
        item={deleting}
        remove={remove}
        title={t('touchpoints.deleteTitle')}
        message={t('touchpoints.deleteConfirm', { title: deleting?.title ?? '' })}
        deletedMessage={(touchpoint) => t('touchpoints.deleted', { title: touchpoint.title })}
        onClose={() => setDeleting(null)}
      />
    </ListPage>
  );
}
