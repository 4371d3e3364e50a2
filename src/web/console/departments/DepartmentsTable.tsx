import { ActionIcon, Group, Table, Tooltip } from '@mantine/core';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Department } from '../../../common/types';
import { SortableTh } from '../shared/SortableTh';
import { useSort } from '../shared/useSort';

const COLUMNS = {
  name: (row: Department) => row.name,
  userCount: (row: Department) => row.userCount,
};

interface DepartmentsTableProps {
  departments: Department[];
  editable: boolean;
  onRename: (department: Department) => void;
  onDelete: (department: Department) => void;
}

export function DepartmentsTable({ departments, editable, onRename, onDelete }: DepartmentsTableProps) {
  const { t } = useTranslation('console');
  const { sorted, sort, toggle } = useSort(departments, COLUMNS, { key: 'name', direction: 'asc' });
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <SortableTh column="name" sort={sort} onSort={toggle}>
              {t('departments.name')}
            </SortableTh>
            <SortableTh column="userCount" sort={sort} onSort={toggle}>
              {t('departments.userCount')}
            </SortableTh>
            {editable && <Table.Th>{t('common:actions.edit')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sorted.map((department) => (
            <Table.Tr key={department.id}>
              <Table.Td>{department.name}</Table.Td>
              <Table.Td>{department.userCount}</Table.Td>
              {editable && (
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Tooltip label={t('departments.rename')}>
                      <ActionIcon
                        variant="subtle"
                        aria-label={`${t('departments.rename')}: ${department.name}`}
                        onClick={() => onRename(department)}
                      >
                        <IconPencil size={18} aria-hidden />
                      </ActionIcon>
                    </Tooltip>
                    <Tooltip label={t('common:actions.delete')}>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={`${t('common:actions.delete')}: ${department.name}`}
                        onClick={() => onDelete(department)}
                      >
                        <IconTrash size={18} aria-hidden />
                      </ActionIcon>
                    </Tooltip>
                  </Group>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
