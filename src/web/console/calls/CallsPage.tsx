import { Group, Select, Tabs } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CALL_SOURCES, type CallSource } from '../../../common/calls';
import { PosterLink } from '../qr/PosterLink';
import { canEdit } from '../session/access';
import { useSession } from '../session/SessionContext';
import { AddButton } from '../shared/AddButton';
import { EmptyMessage } from '../shared/EmptyMessage';
import { PageFooter } from '../shared/PageFooter';
import { PageHeader } from '../shared/PageHeader';
import { QueryStatus } from '../shared/QueryStatus';
import { CallsTable } from './CallsTable';
import { type CallFilter, useCalls } from './callQueries';
import { LogCallModal } from './LogCallModal';
import { MissedReportPanel } from './MissedReportPanel';

type Tri = 'all' | 'yes' | 'no';
const triValue = (value: Tri) => (value === 'all' ? null : value === 'yes');
const triOf = (value: boolean | null): Tri => (value === null ? 'all' : value ? 'yes' : 'no');

/** The consult line (issue 7): the calls register with its filters, and the missed-calls report. */
export function CallsPage() {
  const { t } = useTranslation('console');
  const session = useSession();
  const [logging, setLogging] = useState(false);
  const [filter, setFilter] = useState<CallFilter>({
    answered: null,
    withinHours: null,
    source: null,
    page: 1,
  });
  const calls = useCalls(filter);
  const change = (patch: Partial<CallFilter>) => setFilter((current) => ({ ...current, ...patch, page: 1 }));
  const filtered = filter.answered !== null || filter.withinHours !== null || filter.source !== null;
  const all = t('calls.filter.all');
  return (
    <>
      <PageHeader
        title={t('calls.title')}
        description={t('calls.description')}
        actions={
          <>
            <PosterLink target="rate" />
            {canEdit(session, 'calls') && (
              <AddButton label={t('calls.log')} onClick={() => setLogging(true)} />
            )}
          </>
        }
      />
      <Tabs defaultValue="list" keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="list">{t('calls.tabs.list')}</Tabs.Tab>
          <Tabs.Tab value="missed">{t('calls.tabs.missed')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="list">
          <Group mb="md" align="flex-end">
            <Select
              label={t('calls.filter.answered')}
              allowDeselect={false}
              data={[
                { value: 'all', label: all },
                { value: 'yes', label: t('calls.answered') },
                { value: 'no', label: t('calls.missed') },
              ]}
              value={triOf(filter.answered)}
              onChange={(value) => change({ answered: triValue((value ?? 'all') as Tri) })}
            />
            <Select
              label={t('calls.filter.withinHours')}
              allowDeselect={false}
              data={[
                { value: 'all', label: all },
                { value: 'yes', label: t('calls.withinHours') },
                { value: 'no', label: t('calls.outsideHours') },
              ]}
              value={triOf(filter.withinHours)}
              onChange={(value) => change({ withinHours: triValue((value ?? 'all') as Tri) })}
            />
            <Select
              label={t('calls.filter.source')}
              allowDeselect={false}
              data={[
                { value: 'all', label: all },
                ...CALL_SOURCES.map((source) => ({ value: source, label: t(`calls.sources.${source}`) })),
              ]}
              value={filter.source ?? 'all'}
              onChange={(value) =>
                change({ source: !value || value === 'all' ? null : (value as CallSource) })
              }
            />
          </Group>
          <QueryStatus query={calls} />
          {calls.data?.items.length === 0 && (
            <EmptyMessage
              title={t(filtered ? 'calls.emptyFiltered' : 'calls.empty')}
              description={filtered ? undefined : t('calls.emptyHint')}
            />
          )}
          {calls.data && calls.data.items.length > 0 && (
            <>
              <CallsTable calls={calls.data.items} />
              <PageFooter
                total={calls.data.total}
                pages={calls.data.pages}
                page={calls.data.page}
                onPage={(page) => setFilter((current) => ({ ...current, page }))}
              />
            </>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="missed">
          <MissedReportPanel />
        </Tabs.Panel>
      </Tabs>
      {logging && <LogCallModal onClose={() => setLogging(false)} />}
    </>
  );
}
