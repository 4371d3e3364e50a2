import { Anchor, Badge, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PublicationSort } from '../../../common/site';
import { FreshnessBadge } from '../kb/review/FreshnessBadge';
import { formatDate } from '../shared/agencyTime';
import { DataTable } from '../shared/DataTable';
import { SortableTh } from '../shared/SortableTh';
import type { SortState } from '../shared/useSort';
import type { PublicationListItem } from './siteQueries';

const STATE_COLORS = { draft: 'gray', scheduled: 'blue', published: 'green', archived: 'dark' } as const;

interface PublicationsTableProps {
  items: PublicationListItem[];
  sort: SortState<PublicationSort>;
  onSort: (column: PublicationSort) => void;
  timezone: string | undefined;
}

const COLUMNS: PublicationSort[] = ['title', 'section', 'state', 'publishAt', 'updatedAt', 'checkedAt'];

/** One page of the editor's list; every header sorts on the server. */
export function PublicationsTable({ items, sort, onSort, timezone }: PublicationsTableProps) {
  const { t, i18n } = useTranslation('console');
  const date = (iso: string | null, none: string) =>
    iso ? <time dateTime={iso}>{formatDate(iso, i18n.language, timezone)}</time> : none;
  return (
    <DataTable
      minWidth={960}
      head={COLUMNS.map((column) => (
        <SortableTh key={column} column={column} sort={sort} onSort={onSort}>
          {t(`site.list.columns.${column}`)}
        </SortableTh>
      ))}
    >
      {items.map((item) => (
        <Table.Tr key={item.id}>
          <Table.Td>
            <Anchor component={Link} to={`/site/${item.id}`} fw={600}>
              {item.title}
            </Anchor>
          </Table.Td>
          <Table.Td>{item.sectionTitle}</Table.Td>
          <Table.Td>
            <Badge color={STATE_COLORS[item.state]} tt="none">
              {t(`site.states.${item.state}`)}
            </Badge>
          </Table.Td>
          <Table.Td>{date(item.publishAt, t('site.list.notPublished'))}</Table.Td>
          <Table.Td>{date(item.updatedAt, '')}</Table.Td>
          <Table.Td>
            <Stack gap={4} align="flex-start">
              <Text size="sm">{date(item.checkedAt, t('site.list.neverChecked'))}</Text>
              {item.freshness && <FreshnessBadge state={item.freshness} />}
            </Stack>
          </Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}
