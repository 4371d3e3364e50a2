import { Button, Group } from '@mantine/core';
import { IconFileSpreadsheet, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgencyTimezone } from '../shared/agencyTime';
import { EmptyMessage } from '../shared/EmptyMessage';
import { PageFooter } from '../shared/PageFooter';
import { PageHeader } from '../shared/PageHeader';
import { QueryStatus } from '../shared/QueryStatus';
import { RegisterRequestModal } from './RegisterRequestModal';
import { RequestFilters } from './RequestFilters';
import { RequestsTable } from './RequestsTable';
import { exportPath, useRequests } from './requestQueries';
import type { SortColumn } from './requestTypes';
import { useRegisterParams } from './useRegisterParams';

export function RequestsPage() {
  const { t } = useTranslation('console');
  const { filter, update, view, setView, openQuery } = useRegisterParams();
  const requests = useRequests(filter);
  const timezone = useAgencyTimezone();
  const [registering, setRegistering] = useState(false);
  const filtered = Boolean(
    filter.q ||
      filter.statuses.length ||
      filter.kind ||
      filter.topic ||
      filter.overdue ||
      filter.mine ||
      filter.myDepartments ||
      filter.dueWithin !== null,
  );

  const onSort = (column: SortColumn) =>
    update(
      filter.sort === column
        ? { order: filter.order === 'asc' ? 'desc' : 'asc' }
        : { sort: column, order: column === 'receivedAt' ? 'desc' : 'asc' },
    );

  return (
    <>
      <PageHeader
        title={t('nav.requests')}
        description={t('requests.description')}
        actions={
          <Group>
            <Button
              component="a"
              href={exportPath(filter)}
              download
              variant="light"
              leftSection={<IconFileSpreadsheet size={18} aria-hidden />}
            >
              {t('requests.export')}
            </Button>
            <Button leftSection={<IconPlus size={18} aria-hidden />} onClick={() => setRegistering(true)}>
              {t('registration.open')}
            </Button>
          </Group>
        }
      />
      {registering && <RegisterRequestModal onClose={() => setRegistering(false)} />}
      <RequestFilters
        filter={filter}
        view={view}
        onView={setView}
        onChange={update}
        onOpenQuery={openQuery}
      />
      <QueryStatus query={requests} rows={10} />
      {requests.data?.items.length === 0 && (
        <EmptyMessage
          title={t(filtered ? 'requests.noMatches' : 'requests.empty')}
          description={filtered ? t('requests.noMatchesHint') : undefined}
          action={
            filtered && (
              <Button
                variant="light"
                onClick={() =>
                  update({
                    statuses: [],
                    overdue: false,
                    kind: null,
                    topic: null,
                    q: '',
                    mine: false,
                    myDepartments: false,
                    dueWithin: null,
                  })
                }
              >
                {t('requests.resetFilters')}
              </Button>
            )
          }
        />
      )}
      {requests.data && requests.data.items.length > 0 && (
        <>
          <RequestsTable
            requests={requests.data.items}
            sort={{ key: filter.sort, direction: filter.order }}
            onSort={onSort}
            timezone={timezone}
          />
          <PageFooter
            total={requests.data.total}
            totalIsLowerBound={requests.data.totalIsLowerBound}
            pages={requests.data.pages}
            page={filter.page}
            onPage={(page) => update({ page })}
          />
        </>
      )}
    </>
  );
}
