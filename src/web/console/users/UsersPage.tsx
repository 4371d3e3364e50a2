import { useDebouncedValue } from '@mantine/hooks';
import { IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../common/roles';
import type { StaffUser } from '../../../common/types';
import { useDepartments } from '../departments/departmentQueries';
import { canEdit } from '../session/access';
import { useSession } from '../session/SessionContext';
import { AddButton } from '../shared/AddButton';
import { EmptyMessage } from '../shared/EmptyMessage';
import { PageFooter } from '../shared/PageFooter';
import { PageHeader } from '../shared/PageHeader';
import { QueryStatus } from '../shared/QueryStatus';
import { CreateUserModal } from './CreateUserModal';
import { EditUserModal } from './EditUserModal';
import { UserFilters } from './UserFilters';
import { UsersTable } from './UsersTable';
import { useUsers } from './userQueries';

export function UsersPage() {
  const { t } = useTranslation('console');
  const session = useSession();
  const editable = canEdit(session, 'users');
  const departments = useDepartments();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 300);
  const [role, setRole] = useState<Role | null>(null);
  const [departmentId, setDepartmentId] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const users = useUsers({ q, role, departmentId, page });
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<StaffUser | null>(null);

  // Any filter change starts again from the first page: page 7 of the old result may not exist.
  const filterBy =
    <T,>(setter: (value: T) => void) =>
    (value: T) => {
      setter(value);
      setPage(1);
    };
  const filtered = Boolean(q || role || departmentId);

  const addButton = editable && (
    <AddButton label={t('users.add')} icon={IconUserPlus} onClick={() => setCreating(true)} />
  );

  return (
    <>
      <PageHeader
        title={t('nav.users')}
        description={editable ? t('users.description') : t('users.readOnly')}
        actions={addButton}
      />
      <UserFilters
        search={search}
        onSearch={filterBy(setSearch)}
        role={role}
        onRole={filterBy(setRole)}
        departmentId={departmentId}
        onDepartment={filterBy(setDepartmentId)}
        departments={departments.data ?? []}
      />
      <QueryStatus query={users} rows={8} />
      {users.data?.items.length === 0 && (
        <EmptyMessage title={t(filtered ? 'users.noMatches' : 'users.empty')} />
      )}
      {users.data && users.data.items.length > 0 && (
        <>
          <UsersTable
            users={users.data.items}
            departments={departments.data ?? []}
            editable={editable}
            onEdit={setEditing}
          />
          <PageFooter total={users.data.total} pages={users.data.pages} page={page} onPage={setPage} />
        </>
      )}
      {creating && (
        <CreateUserModal departments={departments.data ?? []} onClose={() => setCreating(false)} />
      )}
      {editing && (
        <EditUserModal
          user={editing}
          departments={departments.data ?? []}
          isSelf={editing.id === session.user.id}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}
