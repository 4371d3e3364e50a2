import { Anchor, Badge, Group, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useTopics } from '../classification/classificationQueries';
import { formatDate, formatDateTime } from '../shared/agencyTime';
import { DataTable } from '../shared/DataTable';
import { SortableTh } from '../shared/SortableTh';
import type { SortState } from '../shared/useSort';
import type { RequestSummary, SortColumn } from './requestTypes';
import { OverdueBadge, StatusBadge } from './StatusBadges';

interface RequestsTableProps {
  requests: RequestSummary[];
  sort: SortState<SortColumn>;
  onSort: (column: SortColumn) => void;
  timezone: string | undefined;
}

export function RequestsTable({ requests, sort, onSort, timezone }: RequestsTableProps) {
  const { t, i18n } = useTranslation('console');
  const topics = useTopics();
  const topicName = (id: string | null) => topics.data?.find((topic) => topic.id === id)?.name ?? '—';
  const head = (
    <>
      <SortableTh column="number" sort={sort} onSort={onSort}>
        {t('requests.columns.number')}
      </SortableTh>
      <Table.Th>{t('requests.columns.status')}</Table.Th>
      <Table.Th>{t('requests.columns.kind')}</Table.Th>
      <Table.Th>{t('requests.columns.channel')}</Table.Th>
      <Table.Th>{t('requests.columns.applicant')}</Table.Th>
      <Table.Th>{t('classification.topic')}</Table.Th>
      <SortableTh column="receivedAt" sort={sort} onSort={onSort}>
        {t('requests.columns.received')}
      </SortableTh>
      <SortableTh column="dueAt" sort={sort} onSort={onSort}>
        {t('requests.columns.due')}
      </SortableTh>
    </>
  );
  return (
    <DataTable minWidth={1120} head={head}>
      {requests.map((request) => (
        <Table.Tr key={request.id}>
          <Table.Td>
            <Anchor component={Link} to={`/requests/${request.id}`} fw={600} style={{ whiteSpace: 'nowrap' }}>
              {request.number}
            </Anchor>
          </Table.Td>
          <Table.Td>
            <Group gap={4} wrap="nowrap">
              <StatusBadge status={request.status} />
              {request.overdue && <OverdueBadge />}
              {request.urgent && (
                <Badge color="orange" c="black">
                  {t('classification.urgentBadge')}
                </Badge>
              )}
            </Group>
          </Table.Td>
          <Table.Td>{t(`common:requestKinds.${request.kind}`, { defaultValue: request.kind })}</Table.Td>
          <Table.Td>
            {t(`common:requestChannels.${request.channel}`, { defaultValue: request.channel })}
          </Table.Td>
          <Table.Td>{request.contactName}</Table.Td>
          <Table.Td>{topicName(request.topicId)}</Table.Td>
          <Table.Td>
            <time dateTime={request.receivedAt}>
              {formatDateTime(request.receivedAt, i18n.language, timezone)}
            </time>
          </Table.Td>
          <Table.Td>
            <time dateTime={request.dueAt}>{formatDate(request.dueAt, i18n.language, timezone)}</time>
          </Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}
