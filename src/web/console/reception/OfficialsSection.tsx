import { Table } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AddButton } from '../shared/AddButton';
import { DataTable } from '../shared/DataTable';
import { EmptyMessage } from '../shared/EmptyMessage';
import { QueryStatus } from '../shared/QueryStatus';
import { EditAction } from '../shared/RowActions';
import { SortableTh } from '../shared/SortableTh';
import { useSort } from '../shared/useSort';
import { OfficialModal } from './OfficialModal';
import { type Official, useOfficials } from './receptionQueries';

const COLUMNS = {
  name: (row: Official) => row.name,
  position: (row: Official) => row.position,
  active: (row: Official) => (row.active ? 0 : 1),
};

export function OfficialsSection({ editable }: { editable: boolean }) {
  const { t } = useTranslation('console');
  const officials = useOfficials();
  const { sorted, sort, toggle } = useSort(officials.data ?? [], COLUMNS, { key: 'name', direction: 'asc' });
  const [editing, setEditing] = useState<{ official: Official | null } | null>(null);
  const add = editable && (
    <AddButton label={t('reception.officials.add')} onClick={() => setEditing({ official: null })} />
  );

  return (
    <>
      <QueryStatus query={officials} rows={3} />
      {officials.data?.length === 0 && (
        <EmptyMessage
          title={t('reception.officials.empty')}
          description={t('reception.officials.emptyHint')}
          action={add}
        />
      )}
      {sorted.length > 0 && (
        <>
          {add}
          <DataTable
            minWidth={560}
            head={
              <>
                <SortableTh column="name" sort={sort} onSort={toggle}>
                  {t('reception.officials.name')}
                </SortableTh>
                <SortableTh column="position" sort={sort} onSort={toggle}>
                  {t('reception.officials.position')}
                </SortableTh>
                <SortableTh column="active" sort={sort} onSort={toggle}>
                  {t('reception.officials.status')}
                </SortableTh>
                {editable && <Table.Th>{t('common:actions.edit')}</Table.Th>}
              </>
            }
          >
            {sorted.map((official) => (
              <Table.Tr key={official.id}>
                <Table.Td>{official.name}</Table.Td>
                <Table.Td>{official.position}</Table.Td>
                <Table.Td>
                  {t(official.active ? 'reception.officials.activeYes' : 'reception.officials.activeNo')}
                </Table.Td>
                {editable && (
                  <Table.Td>
                    <EditAction subject={official.name} onClick={() => setEditing({ official })} />
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </DataTable>
        </>
      )}
      {editing && <OfficialModal official={editing.official} onClose={() => setEditing(null)} />}
    </>
  );
}
