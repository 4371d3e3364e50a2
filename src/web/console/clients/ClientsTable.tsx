import { Anchor, Badge, Table, Text } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ClientSummary } from '../../../common/clients';
import { formatDateTime } from '../shared/agencyTime';
import { DataTable } from '../shared/DataTable';
import { SortableTh } from '../shared/SortableTh';
import type { SortState } from '../shared/useSort';
import type { ClientSort } from './clientQueries';

interface ClientsTableProps {
  clients: ClientSummary[];
  sort: SortState<ClientSort>;
  onSort: (column: ClientSort) => void;
  timezone: string | undefined;
}

export function LegalHoldBadge() {
  const { t } = useTranslation('console');
  return (
    <Badge color="orange.9" variant="filled" tt="none" leftSection={<IconLock size={12} aria-hidden />}>
      {t('clients.legalHold.badge')}
    </Badge>
  );
}

export function ClientsTable({ clients, sort, onSort, timezone }: ClientsTableProps) {
  const { t, i18n } = useTranslation('console');
  const none = t('common:state.notSet');
  const head = (
    <>
      <SortableTh column="name" sort={sort} onSort={onSort}>
        {t('clients.columns.name')}
      </SortableTh>
      <Table.Th>{t('clients.columns.kind')}</Table.Th>
      <Table.Th>{t('clients.columns.email')}</Table.Th>
      <Table.Th>{t('clients.columns.phone')}</Table.Th>
      <SortableTh column="lastInteractionAt" sort={sort} onSort={onSort}>
        {t('clients.columns.lastInteraction')}
      </SortableTh>
    </>
  );
  return (
    <DataTable minWidth={900} head={head}>
      {clients.map((client) => (
        <Table.Tr key={client.id}>
          <Table.Td>
            <Anchor component={Link} to={`/clients/${client.id}`} fw={600}>
              {client.name}
            </Anchor>
            {client.organisationName && (
              <Text size="sm" c="dimmed">
                {client.organisationName}
              </Text>
            )}
            {client.legalHold && <LegalHoldBadge />}
          </Table.Td>
          <Table.Td>{t(`clients.kinds.${client.kind}`)}</Table.Td>
          <Table.Td style={{ overflowWrap: 'anywhere' }}>{client.email ?? none}</Table.Td>
          <Table.Td>{client.phone ?? none}</Table.Td>
          <Table.Td>
            <time dateTime={client.lastInteractionAt}>
              {formatDateTime(client.lastInteractionAt, i18n.language, timezone)}
            </time>
          </Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}
