import { Badge, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Department, StaffUser } from '../../../common/types';
import { useAgencyTimezone } from '../shared/agencyTime';
import { DataTable } from '../shared/DataTable';
import { EditAction } from '../shared/RowActions';

interface UsersTableProps {
  users: StaffUser[];
  departments: Department[];
  editable: boolean;
  onEdit: (user: StaffUser) => void;
}

export function UsersTable({ users, departments, editable, onEdit }: UsersTableProps) {
  const { t, i18n } = useTranslation('console');
  const departmentName = new Map(departments.map((department) => [department.id, department.name]));
  const timeZone = useAgencyTimezone();
  const dateTime = new Intl.DateTimeFormat(i18n.language, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  });
  const head = (
    <>
      <Table.Th>{t('users.name')}</Table.Th>
      <Table.Th>{t('users.roles')}</Table.Th>
      <Table.Th>{t('users.departments')}</Table.Th>
      <Table.Th>{t('users.status')}</Table.Th>
      <Table.Th>{t('users.lastLogin')}</Table.Th>
      {editable && <Table.Th>{t('common:actions.edit')}</Table.Th>}
    </>
  );
  return (
    <DataTable minWidth={860} head={head}>
      {users.map((user) => (
        <Table.Tr key={user.id}>
          <Table.Td>
            <Text fw={500}>{user.name}</Text>
            <Text size="xs" c="dimmed">
              {user.email}
            </Text>
          </Table.Td>
          <Table.Td>
            <Group gap={4}>
              {user.roles.map((role) => (
                <Badge key={role} variant="light" size="sm">
                  {t(`common:roles.${role}`)}
                </Badge>
              ))}
            </Group>
          </Table.Td>
          <Table.Td>
            {user.departmentIds.map((id) => departmentName.get(id) ?? id).join(', ') ||
              t('common:state.notSet')}
          </Table.Td>
          <Table.Td>
            <Badge color={user.active ? 'green' : 'gray'} variant="dot">
              {t(user.active ? 'users.active' : 'users.inactive')}
            </Badge>
          </Table.Td>
          <Table.Td>
            {user.lastLoginAt ? dateTime.format(new Date(user.lastLoginAt)) : t('users.neverLoggedIn')}
          </Table.Td>
          {editable && (
            <Table.Td>
              <EditAction subject={user.name} onClick={() => onEdit(user)} />
            </Table.Td>
          )}
        </Table.Tr>
      ))}
    </DataTable>
  );
}
