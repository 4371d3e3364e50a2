import { Anchor, Group, Table, Text } from '@mantine/core';
import { IconEye, IconEyeOff } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Touchpoint } from '../../../common/types';
import { DataTable } from '../shared/DataTable';
import { RowActions } from '../shared/RowActions';
import { SortableTh } from '../shared/SortableTh';
import { useSort } from '../shared/useSort';

interface TouchpointsTableProps {
  touchpoints: Touchpoint[];
  editable: boolean;
  onEdit: (touchpoint: Touchpoint) => void;
  onDelete: (touchpoint: Touchpoint) => void;
}

/** Links only for values that are safe to open: web addresses, e-mail and phone numbers. */
function TouchpointValue({ touchpoint }: { touchpoint: Touchpoint }) {
  const { value } = touchpoint;
  if (/^https?:\/\//i.test(value)) {
    return (
      <Anchor href={value} target="_blank" rel="noopener noreferrer">
        {value}
      </Anchor>
    );
  }
  if (touchpoint.kind === 'email' && value.includes('@'))
    return <Anchor href={`mailto:${value}`}>{value}</Anchor>;
  return <Text span>{value}</Text>;
}

function sortColumns(t: TFunction) {
  return {
    sortOrder: (row: Touchpoint) => row.sortOrder,
    title: (row: Touchpoint) => row.title,
    kind: (row: Touchpoint) => t(`common:touchpointKinds.${row.kind}`),
    mode: (row: Touchpoint) => row.mode,
  };
}

export function TouchpointsTable({ touchpoints, editable, onEdit, onDelete }: TouchpointsTableProps) {
  const { t } = useTranslation('console');
  const columns = useMemo(() => sortColumns(t), [t]);
  const { sorted, sort, toggle } = useSort(touchpoints, columns, { key: 'sortOrder', direction: 'asc' });
  const head = (
    <>
      <SortableTh column="sortOrder" sort={sort} onSort={toggle}>
        {t('touchpoints.sortOrder')}
      </SortableTh>
      <SortableTh column="title" sort={sort} onSort={toggle}>
        {t('touchpoints.title')}
      </SortableTh>
      <SortableTh column="kind" sort={sort} onSort={toggle}>
        {t('touchpoints.kind')}
      </SortableTh>
      <SortableTh column="mode" sort={sort} onSort={toggle}>
        {t('touchpoints.mode')}
      </SortableTh>
      <Table.Th>{t('touchpoints.value')}</Table.Th>
      <Table.Th>{t('touchpoints.visibility')}</Table.Th>
      {editable && <Table.Th>{t('common:actions.edit')}</Table.Th>}
    </>
  );
  return (
    <DataTable minWidth={760} head={head}>
      {sorted.map((touchpoint) => (
        <Table.Tr key={touchpoint.id}>
          <Table.Td>{touchpoint.sortOrder}</Table.Td>
          <Table.Td>
            <Text fw={500}>{touchpoint.title}</Text>
            {touchpoint.note && (
              <Text size="xs" c="dimmed">
                {touchpoint.note}
              </Text>
            )}
          </Table.Td>
          <Table.Td>{t(`common:touchpointKinds.${touchpoint.kind}`)}</Table.Td>
          <Table.Td>{t(`common:touchpointModes.${touchpoint.mode}`)}</Table.Td>
          <Table.Td style={{ wordBreak: 'break-word' }}>
            <TouchpointValue touchpoint={touchpoint} />
          </Table.Td>
          <Table.Td>
            <Group gap={6} wrap="nowrap" c={touchpoint.isPublic ? undefined : 'dimmed'}>
              {touchpoint.isPublic ? (
                <IconEye size={16} color="var(--mantine-color-green-8)" aria-hidden />
              ) : (
                <IconEyeOff size={16} aria-hidden />
              )}
              <Text size="sm" span style={{ whiteSpace: 'nowrap' }}>
                {t(touchpoint.isPublic ? 'touchpoints.public' : 'touchpoints.internal')}
              </Text>
            </Group>
          </Table.Td>
          {editable && (
            <Table.Td>
              <RowActions
                subject={touchpoint.title}
                onEdit={() => onEdit(touchpoint)}
                onDelete={() => onDelete(touchpoint)}
              />
            </Table.Td>
          )}
        </Table.Tr>
      ))}
    </DataTable>
  );
}
