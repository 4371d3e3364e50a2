import { Button, Group, Select } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AUTH_EVENT_KINDS, type AuthEventKind } from '../../../common/auth-events';
import { DateField } from '../shared/dates';
import { EmptyMessage } from '../shared/EmptyMessage';
import { PageFooter } from '../shared/PageFooter';
import { QueryStatus } from '../shared/QueryStatus';
import { AuthEventsTable } from './AuthEventsTable';
import { type AuthEventFilter, useAuthEvents } from './authEventQueries';

const NO_FILTER: AuthEventFilter = { kind: null, from: '', to: '', page: 1 };

/** Logins, failures, lockouts, logouts and password changes of the agency's staff (ASVS 7.2.1). */
export function AuthEventsPanel() {
  const { t } = useTranslation('console');
  const [filter, setFilter] = useState<AuthEventFilter>(NO_FILTER);
  const events = useAuthEvents(filter);
  const change = (patch: Partial<AuthEventFilter>) =>
    setFilter((current) => ({ ...current, ...patch, page: 1 }));
  const filtered = Boolean(filter.kind || filter.from || filter.to);

  return (
    <>
      <Group align="flex-end" mb="md" wrap="wrap">
        <Select<AuthEventKind>
          label={t('audit.authEvents.kind')}
          placeholder={t('audit.authEvents.allKinds')}
          data={AUTH_EVENT_KINDS.map((kind) => ({ value: kind, label: t(`common:authEvents.${kind}`) }))}
          value={filter.kind}
          onChange={(kind) => change({ kind })}
          clearable
          w={260}
        />
        <DateField
          label={t('audit.from')}
          value={filter.from}
          max={filter.to}
          onChange={(from) => change({ from })}
          clearable
          w={170}
        />
        <DateField
          label={t('audit.to')}
          value={filter.to}
          min={filter.from}
          onChange={(to) => change({ to })}
          clearable
          w={170}
        />
        {filtered && (
          <Button variant="subtle" onClick={() => setFilter(NO_FILTER)}>
            {t('audit.resetFilters')}
          </Button>
        )}
      </Group>
      <QueryStatus query={events} rows={10} />
      {events.data?.items.length === 0 && (
        <EmptyMessage title={t(filtered ? 'audit.noMatches' : 'audit.authEvents.empty')} />
      )}
      {events.data && events.data.items.length > 0 && (
        <>
          <AuthEventsTable events={events.data.items} />
          <PageFooter
            total={events.data.total}
            pages={events.data.pages}
            page={filter.page}
            onPage={(page) => setFilter((current) => ({ ...current, page }))}
          />
        </>
      )}
    </>
  );
}
