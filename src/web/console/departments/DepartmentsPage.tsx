import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Department } from '../../../common/types';
import { canEdit } from '../session/access';
import { useSession } from '../session/SessionContext';
import { ConfirmDeleteModal } from '../shared/ConfirmDeleteModal';
import { EmptyMessage } from '../shared/EmptyMessage';
import { ErrorAlert } from '../shared/ErrorAlert';
import { PageHeader } from '../shared/PageHeader';
import { TableSkeleton } from '../shared/TableSkeleton';
import { DepartmentModal } from './DepartmentModal';
import { DepartmentsTable } from './DepartmentsTable';
import { useDeleteDepartment, useDepartments } from './departmentQueries';

type Editing = { department: Department | null } | null;

export function DepartmentsPage() {
  const { t } = useTranslation('console');
  const editable = canEdit(useSession(), 'departments');
  const departments = useDepartments();
  const remove = useDeleteDepartment();
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<Department | null>(null);

  const closeDelete = () => {
    setDeleting(null);
    remove.reset();
  };
  const confirmDelete = () =>
    deleting &&
    remove.mutate(deleting.id, {
      onSuccess: () => {
        notifications.show({ color: 'green', message: t('departments.deleted', { name: deleting.name }) });
        closeDelete();
      },
    });

  const addButton = editable && (
    <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing({ department: null })}>
      {t('departments.add')}
    </Button>
  );

  return (
    <>
      <PageHeader
        title={t('nav.departments')}
        description={t('departments.description')}
        actions={addButton}
      />
      {departments.isPending && <TableSkeleton />}
      {departments.isError && <ErrorAlert error={departments.error} onRetry={() => departments.refetch()} />}
      {departments.data?.length === 0 && (
        <EmptyMessage title={t('departments.empty')} description={t('departments.emptyHint')} />
      )}
      {departments.data && departments.data.length > 0 && (
        <DepartmentsTable
          departments={departments.data}
          editable={editable}
          onRename={(department) => setEditing({ department })}
          onDelete={setDeleting}
        />
      )}
      {editing && <DepartmentModal department={editing.department} onClose={() => setEditing(null)} />}
      <ConfirmDeleteModal
        opened={deleting !== null}
        title={t('departments.deleteTitle')}
        message={t('departments.deleteConfirm', { name: deleting?.name ?? '' })}
        pending={remove.isPending}
        error={remove.error}
        onConfirm={confirmDelete}
        onClose={closeDelete}
      />
    </>
  );
}
