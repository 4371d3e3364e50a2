import { Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { type FormEvent, type KeyboardEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { KB_KINDS, type KbKind } from '../../../../common/kb';
import { EmptyMessage } from '../../shared/EmptyMessage';
import { PageFooter } from '../../shared/PageFooter';
import { QueryStatus } from '../../shared/QueryStatus';
import { useSections } from '../kbQueries';
import { KbResultList, type KbResultListHandle } from './KbResultList';
import { type KbFound, type KbSearchParams, useKbSearch } from './kbSearchQueries';

interface KbSearchPanelProps {
  onOpen: (item: KbFound) => void;
}

/**
 * Knowledge-base search (issue 6 p. 6): the query runs on Enter or the button, not on every
 * keystroke; ↓ from the field goes to the results. Reusable wherever staff look something up.
 */
export function KbSearchPanel({ onOpen }: KbSearchPanelProps) {
  const { t } = useTranslation('console');
  const [draft, setDraft] = useState('');
  const [params, setParams] = useState<KbSearchParams>({ q: '', kind: null, sectionId: null, page: 1 });
  const results = useKbSearch(params);
  const sections = useSections();
  const list = useRef<KbResultListHandle>(null);
  const searched = params.q !== '';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setParams((current) => ({ ...current, q: draft.trim(), page: 1 }));
  };
  const toResults = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowDown' || !results.data?.items.length) return;
    event.preventDefault();
    list.current?.focusFirst();
  };

  return (
    <Stack>
      <search>
        <form onSubmit={submit}>
          <Group align="flex-end" wrap="wrap">
            <TextInput
              label={t('kbSearch.query')}
              placeholder={t('kbSearch.placeholder')}
              leftSection={<IconSearch size={16} aria-hidden />}
              value={draft}
              onChange={(event) => setDraft(event.currentTarget.value)}
              onKeyDown={toResults}
              maxLength={200}
              style={{ flex: 1, minWidth: 260 }}
              data-autofocus
            />
            <Button type="submit" disabled={draft.trim() === ''}>
              {t('kbSearch.submit')}
            </Button>
          </Group>
        </form>
      </search>
      <Group wrap="wrap">
        <Select
          label={t('kbSearch.kind')}
          placeholder={t('kbSearch.allKinds')}
          data={KB_KINDS.map((kind) => ({ value: kind, label: t(`kbSearch.kinds.${kind}`) }))}
          value={params.kind}
          onChange={(kind) => setParams((current) => ({ ...current, kind: kind as KbKind | null, page: 1 }))}
          clearable
          w={240}
        />
        <Select
          label={t('kbSearch.section')}
          placeholder={t('kbSearch.allSections')}
          data={(sections.data ?? []).map((section) => ({
            value: section.id,
            label: section.title,
          }))}
          value={params.sectionId}
          onChange={(sectionId) => setParams((current) => ({ ...current, sectionId, page: 1 }))}
          clearable
          searchable
          w={300}
        />
      </Group>
      {!searched && <EmptyMessage title={t('kbSearch.prompt')} description={t('kbSearch.promptHint')} />}
      {searched && <QueryStatus query={results} rows={4} />}
      {searched && results.data?.total === 0 && (
        <EmptyMessage title={t('kbSearch.noMatches')} description={t('kbSearch.noMatchesHint')} />
      )}
      {searched && results.data && results.data.total > 0 && (
        <>
          <KbResultList ref={list} items={results.data.items} onOpen={onOpen} label={t('kbSearch.results')} />
          <PageFooter
            total={results.data.total}
            pages={results.data.pages}
            page={results.data.page}
            onPage={(page) => setParams((current) => ({ ...current, page }))}
          />
        </>
      )}
    </Stack>
  );
}
