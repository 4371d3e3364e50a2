import { Anchor, Badge, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ImportRowResult } from '../../../common/imports';
import { DataTable } from '../shared/DataTable';

const COLORS: Record<ImportRowResult['status'], string> = {
  ready: 'blue',
  created: 'green',
  duplicate: 'gray',
  error: 'red',
};

/** Every row of the file with what became of it, and a link to the request it made. */
export function ImportResults({ rows }: { rows: ImportRowResult[] }) {
  const { t } = useTranslation('console');
  const counts = (status: ImportRowResult['status']) => rows.filter((row) => row.status === status).length;
  return (
    <>
      <Text role="status" mb="xs">
        {t('imports.summary', {
          created: counts('created'),
          duplicate: counts('duplicate'),
          error: counts('error'),
          ready: counts('ready'),
        })}
      </Text>
      <DataTable
        minWidth={640}
        head={
          <>
            <Table.Th>{t('imports.columns.row')}</Table.Th>
            <Table.Th>{t('imports.columns.status')}</Table.Th>
            <Table.Th>{t('imports.columns.externalId')}</Table.Th>
            <Table.Th>{t('imports.columns.request')}</Table.Th>
            <Table.Th>{t('imports.columns.message')}</Table.Th>
          </>
        }
      >
        {rows.map((row) => (
          <Table.Tr key={row.row}>
            <Table.Td>{row.row}</Table.Td>
            <Table.Td>
              <Badge color={COLORS[row.status]} variant="light">
                {t(`imports.status.${row.status}`)}
              </Badge>
            </Table.Td>
            <Table.Td>{row.externalId ?? '—'}</Table.Td>
            <Table.Td>
              {row.requestId ? (
                <Anchor component={Link} to={`/requests/${row.requestId}`}>
                  {row.number}
                </Anchor>
              ) : (
                '—'
              )}
            </Table.Td>
            <Table.Td>{row.message ?? ''}</Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
    </>
  );
}
