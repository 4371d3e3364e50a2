import { Group, Select, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../../common/roles';
import type { Department } from '../../../common/types';

interface UserFiltersProps {
  search: string;
  onSearch: (value: string) => void;
  role: Role | null;
  onRole: (role: Role | null) => void;
  departmentId: string | null;
  onDepartment: (id: string | null) => void;
  departments: Department[];
}

export function UserFilters(props: UserFiltersProps) {
  const { t } = useTranslation('console');
  return (
    <Group align="flex-end" mb="md" wrap="wrap">
      <TextInput
        label={t('users.search')}
        placeholder={t('users.searchPlaceholder')}
        leftSection={<IconSearch size={16} aria-hidden />}
        value={props.search}
        onChange={(event) => props.onSearch(event.currentTarget.value)}
        type="search"
        w={300}
      />
      <Select<Role>
        label={t('users.role')}
        placeholder={t('users.allRoles')}
        data={ROLES.map((role) => ({ value: role, label: t(`common:roles.${role}`) }))}
        value={props.role}
        onChange={props.onRole}
        clearable
        w={240}
      />
      <Select
        label={t('users.department')}
        placeholder={t('users.allDepartments')}
        data={props.departments.map((department) => ({ value: department.id, label: department.name }))}
        value={props.departmentId}
        onChange={props.onDepartment}
        clearable
        searchable
        w={280}
      />
    </Group>
  );
}
