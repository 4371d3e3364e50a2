import { Button, Checkbox, Group, Select, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  defaultPublicationOrder,
  PUBLICATION_STATES,
  type PublicationSort,
  type PublicationState,
} from '../../../common/site';
import { useAgencyTimezone } from '../shared/agencyTime';
import { EmptyMessage } from '../shared/EmptyMessage';
import { PageFooter } from '../shared/PageFooter';
import { QueryStatus } from '../shared/QueryStatus';
import { PublicationsTable } from './PublicationsTable';
import { useSitePublications, useSiteSections } from './siteQueries';
import { usePublicationParams } from './usePublicationParams';

/** The editor's publications: search, filters, sortable columns and pages, all kept in the URL. */
export function PublicationsList() {
  const { t } = useTranslation('console');
  const { filter, update, filtered } = usePublicationParams();
  const publications = useSitePublications(filter);
  const sections = useSiteSections();
  const timezone = useAgencyTimezone();
  const [q, setQ] = useState(filter.q);
  // The URL is the source of truth: follow it when it changes (back button, reset).
  useEffect(() => setQ(filter.q), [filter.q]);

  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    update({ q });
  };
  const onSort = (column: PublicationSort) =>
    update(
      filter.sort === column
        ? { order: filter.order === 'asc' ? 'desc' : 'asc' }
        : { sort: column, order: defaultPublicationOrder(column) },
    );
  const page = publications.data;

  return (
    <>
      <form onSubmit={onSearch}>
        <Group align="flex-end" mb="md" wrap="wrap">
          <TextInput
            label={t('site.list.search')}
            placeholder={t('site.list.searchPlaceholder')}
            value={q}
            onChange={(event) => setQ(event.currentTarget.value)}
            leftSection={<IconSearch size={16} aria-hidden />}
            w={280}
            maxLength={200}
          />
          <Button type="submit">{t('site.list.find')}</Button>
          <Select
            label={t('site.fields.section')}
            placeholder={t('site.list.allSections')}
            clearable
            data={(sections.data ?? []).map((s) => ({ value: s.id, label: s.title }))}
            value={filter.sectionId}
            onChange={(sectionId) => update({ sectionId })}
            w={260}
          />
          <Select
            label={t('site.fields.state')}
            placeholder={t('site.list.allStates')}
            clearable
            data={PUBLICATION_STATES.map((state) => ({ value: state, label: t(`site.states.${state}`) }))}
            value={filter.state}
            onChange={(state) => update({ state: state as PublicationState | null })}
            w={200}
          />
          <Checkbox
            label={t('site.list.staleOnly')}
            checked={filter.stale}
            onChange={(event) => update({ stale: event.currentTarget.checked })}
            mb={8}
          />
          {filtered && (
            <Button
              variant="default"
              onClick={() => update({ q: '', sectionId: null, state: null, stale: false })}
            >
              {t('common:actions.reset')}
            </Button>
          )}
        </Group>
      </form>
      <QueryStatus query={publications} rows={10} />
      {page?.items.length === 0 && (
        <EmptyMessage
          title={t(filtered ? 'site.list.noMatches' : 'site.empty')}
          description={t(filtered ? 'site.list.noMatchesHint' : 'site.emptyHint')}
        />
      )}
      {page && page.items.length > 0 && (
        <>
          <PublicationsTable
            items={page.items}
            sort={{ key: filter.sort, direction: filter.order }}
            onSort={onSort}
            timezone={timezone}
          />
          <PageFooter
            total={page.total}
            pages={page.pages}
            page={filter.page}
            onPage={(p) => update({ page: p })}
          />
        </>
      )}
    </>
  );
}
