import { Anchor, Button, Table } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicAgency } from '../../../common/types';
import { utcOffsetLabel } from '../agency/timezones';
import { EmptyMessage } from '../shared/EmptyMessage';
import { ErrorAlert } from '../shared/ErrorAlert';
import { PageHeader } from '../shared/PageHeader';
import { SortableTh } from '../shared/SortableTh';
import { TableSkeleton } from '../shared/TableSkeleton';
import { useSort } from '../shared/useSort';
import { CreateAgencyModal } from './CreateAgencyModal';
import { useRegionAgencies } from './regionQueries';

const COLUMNS = {
  name: (row: PublicAgency) => row.name,
  shortName: (row: PublicAgency) => row.shortName,
  slug: (row: PublicAgency) => row.slug,
};

function AgenciesTable({ agencies }: { agencies: PublicAgency[] }) {
  const { t } = useTranslation('console');
  const { sorted, sort, toggle } = useSort(agencies, COLUMNS, { key: 'name', direction: 'asc' });
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <SortableTh column="name" sort={sort} onSort={toggle}>
              {t('agency.name')}
            </SortableTh>
            <SortableTh column="shortName" sort={sort} onSort={toggle}>
              {t('agency.shortName')}
            </SortableTh>
            <SortableTh column="slug" sort={sort} onSort={toggle}>
              {t('region.portal')}
            </SortableTh>
            <Table.Th>{t('agency.timezone')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sorted.map((agency) => (
            <Table.Tr key={agency.slug}>
              <Table.Td>{agency.name}</Table.Td>
              <Table.Td>{agency.shortName}</Table.Td>
              <Table.Td>
                <Anchor href={`/${agency.slug}/`} target="_blank" rel="noopener">
                  /{agency.slug}/
                </Anchor>
              </Table.Td>
              <Table.Td>
                {t(`common:timezones.${agency.timezone}`, { defaultValue: agency.timezone })} (
                {utcOffsetLabel(agency.timezone)})
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function RegionAgenciesPage() {
  const { t } = useTranslation('console');
  const agencies = useRegionAgencies();
  const [creating, setCreating] = useState(false);
  const addButton = (
    <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
      {t('region.add')}
    </Button>
  );
  return (
    <>
      <PageHeader title={t('nav.region')} description={t('region.description')} actions={addButton} />
      {agencies.isPending && <TableSkeleton />}
      {agencies.isError && <ErrorAlert error={agencies.error} onRetry={() => agencies.refetch()} />}
      {agencies.data?.length === 0 && <EmptyMessage title={t('region.empty')} />}
      {agencies.data && agencies.data.length > 0 && <AgenciesTable agencies={agencies.data} />}
      {creating && <CreateAgencyModal onClose={() => setCreating(false)} />}
    </>
  );
}
