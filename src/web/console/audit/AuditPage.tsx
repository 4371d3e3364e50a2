import { Tabs } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyMessage } from '../shared/EmptyMessage';
import { PageFooter } from '../shared/PageFooter';
import { PageHeader } from '../shared/PageHeader';
import { QueryStatus } from '../shared/QueryStatus';
import { AuditFilters } from './AuditFilters';
import { AuditTable } from './AuditTable';
import { AuthEventsPanel } from './AuthEventsPanel';
import { type AuditFilter, useAudit } from './auditQueries';

const NO_FILTER: AuditFilter = { entity: '', action: null, from: '', to: '', page: 1 };

export function AuditPage() {
  const { t } = useTranslation('console');
  return (
    <>
      <PageHeader title={t('nav.audit')} description={t('audit.description')} />
      <Tabs defaultValue="changes" keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="changes">{t('audit.tabs.changes')}</Tabs.Tab>
          <Tabs.Tab value="auth">{t('audit.tabs.auth')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="changes">
          <DataChangesPanel />
        </Tabs.Panel>
        <Tabs.Panel value="auth">
          <AuthEventsPanel />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

function DataChangesPanel() {
  const { t } = useTranslation('console');
  const [filter, setFilter] = useState<AuditFilter>(NO_FILTER);
  const [entityInput, setEntityInput] = useState('');
  const [entity] = useDebouncedValue(entityInput, 300);
  const audit = useAudit(filter);

  // Typing in the entity box waits for a pause before asking the server.
  useEffect(() => setFilter((current) => ({ ...current, entity, page: 1 })), [entity]);

  const change = (patch: Partial<AuditFilter>) => setFilter((current) => ({ ...current, ...patch, page: 1 }));
  const reset = () => {
    setEntityInput('');
    setFilter(NO_FILTER);
  };
  const filtered = Boolean(filter.entity || filter.action || filter.from || filter.to);

  return (
    <>
      <AuditFilters
        entity={entityInput}
        onEntity={setEntityInput}
        value={filter}
        onChange={change}
        onReset={reset}
      />
      <QueryStatus query={audit} rows={10} />
      {audit.data?.items.length === 0 && (
        <EmptyMessage title={t(filtered ? 'audit.noMatches' : 'audit.empty')} />
      )}
      {audit.data && audit.data.items.length > 0 && (
        <>
          <AuditTable entries={audit.data.items} />
          <PageFooter
            total={audit.data.total}
            pages={audit.data.pages}
            page={filter.page}
            onPage={(page) => setFilter((current) => ({ ...current, page }))}
          />
        </>
      )}
    </>
  );
}
