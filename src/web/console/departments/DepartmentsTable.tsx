import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Department } from '../../../common/types';
import { DataTable } from '../shared/DataTable';
import { RowActions } from '../shared/RowActions';
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
  const head = (
    <>
      <SortableTh column="name" sort={sort} onSort={toggle}>
        {t('departments.name')}
      </SortableTh>
      <SortableTh column="userCount" sort={sort} onSort={toggle}>
        {t('departments.userCount')}
      </SortableTh>
      {editable && <Table.Th>{t('common:actions.edit')}</Table.Th>}
    </>
  );
  return (
    <DataTable minWidth={480} head={head}>
      {sorted.map((department) => (
        <Table.Tr key={department.id}>
          <Table.Td>{department.name}</Table.Td>
          <Table.Td>{department.userCount}</Table.Td>
          {editable && (
            <Table.Td>
              <RowActions
                subject={department.name}
                editLabel={t('departments.rename')}
                tooltip
                onEdit={() => onRename(department)}
                onDelete={() => onDelete(department)}
              />
            </Table.Td>
          )}
        </Table.Tr>
      ))}
    </DataTable>
  );
}
