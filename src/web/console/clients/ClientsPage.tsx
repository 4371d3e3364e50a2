import { Button, Group, TextInput } from '@mantine/core';
import { IconArrowsJoin, IconSearch } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { canMergeClients } from '../session/access';
import { useSession } from '../session/SessionContext';
import { useAgencyTimezone } from '../shared/agencyTime';
import { EmptyMessage } from '../shared/EmptyMessage';
import { PageFooter } from '../shared/PageFooter';
import { PageHeader } from '../shared/PageHeader';
import { QueryStatus } from '../shared/QueryStatus';
import { ClientsTable } from './ClientsTable';
import { type ClientSort, useClients } from './clientQueries';
import { useClientParams } from './useClientParams';

export function ClientsPage() {
  const { t } = useTranslation('console');
  const session = useSession();
  const { filter, update } = useClientParams();
  const clients = useClients(filter);
  const timezone = useAgencyTimezone();
  const [q, setQ] = useState(filter.q);

  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    update({ q });
  };
  const onSort = (column: ClientSort) =>
    update(
      filter.sort === column
        ? { order: filter.order === 'asc' ? 'desc' : 'asc' }
        : { sort: column, order: column === 'name' ? 'asc' : 'desc' },
    );

  return (
    <>
      <PageHeader
        title={t('nav.clients')}
        description={t('clients.description')}
        actions={
          canMergeClients(session) && (
            <Button
              component={Link}
              to="/clients/merges"
              variant="light"
              leftSection={<IconArrowsJoin size={18} aria-hidden />}
            >
              {t('clients.merge.title')}
            </Button>
          )
        }
      />
      <form onSubmit={onSearch}>
        <Group align="flex-end" mb="md">
          <TextInput
            label={t('clients.search')}
            placeholder={t('clients.searchPlaceholder')}
            description={t('clients.searchHint')}
            value={q}
            onChange={(event) => setQ(event.currentTarget.value)}
            leftSection={<IconSearch size={16} aria-hidden />}
            w={360}
            maxLength={200}
          />
          <Button type="submit">{t('clients.find')}</Button>
          {filter.q && (
            <Button
              variant="default"
              onClick={() => {
                setQ('');
                update({ q: '' });
              }}
            >
              {t('common:actions.reset')}
            </Button>
          )}
        </Group>
      </form>
      <QueryStatus query={clients} rows={10} />
      {clients.data?.items.length === 0 && (
        <EmptyMessage
          title={t(filter.q ? 'clients.noMatches' : 'clients.empty')}
          description={filter.q ? t('clients.noMatchesHint') : t('clients.emptyHint')}
        />
      )}
      {clients.data && clients.data.items.length > 0 && (
        <>
          <ClientsTable
            clients={clients.data.items}
            sort={{ key: filter.sort, direction: filter.order }}
            onSort={onSort}
            timezone={timezone}
          />
          <PageFooter
            total={clients.data.total}
            pages={clients.data.pages}
            page={filter.page}
            onPage={(page) => update({ page })}
          />
        </>
      )}
    </>
  );
}
