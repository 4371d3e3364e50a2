import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Department } from '../../../common/types';
import { canEdit } from '../session/access';
import { useSession } from '../session/SessionContext';
import { AddButton } from '../shared/AddButton';
import { ConfirmDeleteModal } from '../shared/ConfirmDeleteModal';
import { ListPage } from '../shared/ListPage';
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

  return (
    <ListPage
      title={t('nav.departments')}
      description={t('departments.description')}
      actions={
        editable && (
          <AddButton label={t('departments.add')} onClick={() => setEditing({ department: null })} />
        )
      }
      query={departments}
      emptyTitle={t('departments.empty')}
      emptyHint={t('departments.emptyHint')}
      renderItems={(items) => (
        <DepartmentsTable
          departments={items}
          editable={editable}
          onRename={(department) => setEditing({ department })}
          onDelete={setDeleting}
        />
      )}
    >
      {editing && <DepartmentModal department={editing.department} onClose={() => setEditing(null)} />}
      <ConfirmDeleteModal
        item={deleting}
        remove={remove}
        title={t('departments.deleteTitle')}
        message={t('departments.deleteConfirm', { name: deleting?.name ?? '' })}
        deletedMessage={(department) => t('departments.deleted', { name: department.name })}
        onClose={() => setDeleting(null)}
      />
    </ListPage>
  );
}
