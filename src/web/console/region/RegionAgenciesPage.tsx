import { Anchor, Table } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicAgency } from '../../../common/types';
import { utcOffsetLabel } from '../agency/timezones';
import { AddButton } from '../shared/AddButton';
import { DataTable } from '../shared/DataTable';
import { ListPage } from '../shared/ListPage';
import { SortableTh } from '../shared/SortableTh';
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
  const head = (
    <>
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
    </>
  );
  return (
    <DataTable minWidth={720} head={head}>
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
    </DataTable>
  );
}

export function RegionAgenciesPage() {
  const { t } = useTranslation('console');
  const agencies = useRegionAgencies();
  const [creating, setCreating] = useState(false);
  return (
    <ListPage
      title={t('nav.region')}
      description={t('region.description')}
      actions={<AddButton label={t('region.add')} onClick={() => setCreating(true)} />}
      query={agencies}
      emptyTitle={t('region.empty')}
      renderItems={(items) => <AgenciesTable agencies={items} />}
    >
      {creating && <CreateAgencyModal onClose={() => setCreating(false)} />}
    </ListPage>
  );
}
