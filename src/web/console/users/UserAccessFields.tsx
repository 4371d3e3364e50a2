import { MultiSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../../common/roles';
import type { Department } from '../../../common/types';

interface UserAccessFieldsProps {
  roles: Role[];
  onRoles: (roles: Role[]) => void;
  departmentIds: string[];
  onDepartments: (ids: string[]) => void;
  departments: Department[];
  errors: Record<string, string | undefined>;
}

/** Roles and departments: the part of a user that the create and edit dialogs share. */
export function UserAccessFields(props: UserAccessFieldsProps) {
  const { t } = useTranslation('console');
  return (
    <>
      <MultiSelect
        label={t('users.roles')}
        description={t('users.rolesHint')}
        required
        data={ROLES.map((role) => ({ value: role, label: t(`common:roles.${role}`) }))}
        value={props.roles}
        onChange={(values) => props.onRoles(values as Role[])}
        error={props.errors.roles}
      />
      <MultiSelect
        label={t('users.departments')}
        data={props.departments.map((department) => ({ value: department.id, label: department.name }))}
        value={props.departmentIds}
        onChange={props.onDepartments}
        searchable
        nothingFoundMessage={t('users.noDepartments')}
        error={props.errors.departmentIds}
      />
    </>
  );
}
