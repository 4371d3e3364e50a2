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
import { RoomModal } from './RoomModal';
import { type Room, useRooms } from './receptionQueries';

const COLUMNS = {
  name: (row: Room) => row.name,
  videoRecording: (row: Room) => (row.videoRecording ? 0 : 1),
};

export function RoomsSection({ editable }: { editable: boolean }) {
  const { t } = useTranslation('console');
  const rooms = useRooms();
  const { sorted, sort, toggle } = useSort(rooms.data ?? [], COLUMNS, { key: 'name', direction: 'asc' });
  const [editing, setEditing] = useState<{ room: Room | null } | null>(null);
  const add = editable && (
    <AddButton label={t('reception.rooms.add')} onClick={() => setEditing({ room: null })} />
  );

  return (
    <>
      <QueryStatus query={rooms} rows={2} />
      {rooms.data?.length === 0 && (
        <EmptyMessage
          title={t('reception.rooms.empty')}
          description={t('reception.rooms.emptyHint')}
          action={add}
        />
      )}
      {sorted.length > 0 && (
        <>
          {add}
          <DataTable
            minWidth={420}
            head={
              <>
                <SortableTh column="name" sort={sort} onSort={toggle}>
                  {t('reception.rooms.name')}
                </SortableTh>
                <SortableTh column="videoRecording" sort={sort} onSort={toggle}>
                  {t('reception.rooms.videoRecording')}
                </SortableTh>
                {editable && <Table.Th>{t('common:actions.edit')}</Table.Th>}
              </>
            }
          >
            {sorted.map((room) => (
              <Table.Tr key={room.id}>
                <Table.Td>{room.name}</Table.Td>
                <Table.Td>{t(room.videoRecording ? 'common:state.yes' : 'common:state.no')}</Table.Td>
                {editable && (
                  <Table.Td>
                    <EditAction subject={room.name} onClick={() => setEditing({ room })} />
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </DataTable>
        </>
      )}
      {editing && <RoomModal room={editing.room} onClose={() => setEditing(null)} />}
    </>
  );
}
