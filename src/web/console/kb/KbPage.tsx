import { Grid, Group, SegmentedControl, Select, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { KB_KINDS, type KbKind } from '../../../common/kb';
import { canEdit } from '../session/access';
import { useSession } from '../session/SessionContext';
import { AddButton } from '../shared/AddButton';
import { ConfirmDeleteModal } from '../shared/ConfirmDeleteModal';
import { EmptyMessage } from '../shared/EmptyMessage';
import { PageFooter } from '../shared/PageFooter';
import { PageHeader } from '../shared/PageHeader';
import { QueryStatus } from '../shared/QueryStatus';
import { ArticlesTable } from './ArticlesTable';
import { type ArticleFilter, type KbSection, useArticles, useDeleteSection, useSections } from './kbQueries';
import { SectionModal } from './SectionModal';
import { SectionsPanel } from './SectionsPanel';

/** «База знаний» (seed 003 section V): sections by function on the left, their articles on the right. */
export function KbPage() {
  const { t } = useTranslation('console');
  const navigate = useNavigate();
  const manage = canEdit(useSession(), 'kb');
  const sections = useSections();
  const [filter, setFilter] = useState<ArticleFilter>({
    sectionId: null,
    kind: null,
    tag: '',
    archived: false,
    sort: 'title',
    page: 1,
  });
  const articles = useArticles(filter);
  const [editing, setEditing] = useState<{ section: KbSection | null } | null>(null);
  const [deleting, setDeleting] = useState<KbSection | null>(null);
  const removeSection = useDeleteSection();
  const change = (patch: Partial<ArticleFilter>) =>
    setFilter((current) => ({ ...current, page: 1, ...patch }));
  const writable = (sections.data ?? []).filter((section) => section.canEdit);
  const filtered = filter.kind !== null || filter.tag.trim() !== '' || filter.sectionId !== null;

  const addArticle = () => {
    const preferred = writable.find((section) => section.id === filter.sectionId) ?? writable[0];
    navigate(`/kb/articles/new${preferred ? `?sectionId=${preferred.id}` : ''}`);
  };

  return (
    <>
      <PageHeader
        title={t('nav.kb')}
        description={t('kb.description')}
        actions={writable.length > 0 && <AddButton label={t('kb.articles.add')} onClick={addArticle} />}
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 4 }}>
          <QueryStatus query={sections} />
          {sections.data && (
            <SectionsPanel
              sections={sections.data}
              selected={filter.sectionId}
              onSelect={(sectionId) => change({ sectionId })}
              manage={manage}
              onAdd={() => setEditing({ section: null })}
              onEdit={(section) => setEditing({ section })}
              onDelete={setDeleting}
            />
          )}
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Group mb="md" align="flex-end" wrap="wrap">
            <Select
              label={t('kb.articles.filterKind')}
              placeholder={t('kb.articles.anyKind')}
              data={KB_KINDS.map((kind) => ({ value: kind, label: t(`kb.kinds.${kind}`) }))}
              value={filter.kind}
              onChange={(kind) => change({ kind: kind as KbKind | null })}
              clearable
              w={240}
            />
            <TextInput
              label={t('kb.articles.filterTag')}
              value={filter.tag}
              maxLength={40}
              onChange={(event) => change({ tag: event.currentTarget.value })}
              w={180}
            />
            <SegmentedControl
              aria-label={t('kb.articles.show')}
              value={filter.archived ? 'archived' : 'active'}
              onChange={(value) => change({ archived: value === 'archived' })}
              data={[
                { value: 'active', label: t('kb.articles.active') },
                { value: 'archived', label: t('kb.articles.archived') },
              ]}
            />
          </Group>
          <QueryStatus query={articles} />
          {articles.data?.total === 0 && (
            <EmptyMessage
              title={t(filtered || filter.archived ? 'kb.articles.noMatches' : 'kb.articles.empty')}
              description={filtered || filter.archived ? undefined : t('kb.articles.emptyHint')}
            />
          )}
          {articles.data && articles.data.total > 0 && (
            <>
              <ArticlesTable
                articles={articles.data.items}
                sort={filter.sort}
                onSort={(sort) => setFilter((current) => ({ ...current, sort }))}
              />
              <PageFooter
                total={articles.data.total}
                pages={articles.data.pages}
                page={filter.page}
                onPage={(page) => setFilter((current) => ({ ...current, page }))}
              />
            </>
          )}
        </Grid.Col>
      </Grid>
      {editing && <SectionModal section={editing.section} onClose={() => setEditing(null)} />}
      <ConfirmDeleteModal
        item={deleting}
        remove={removeSection}
        title={t('kb.sections.deleteTitle')}
        message={t('kb.sections.deleteConfirm', { name: deleting?.title ?? '' })}
        deletedMessage={(section) => t('kb.sections.deleted', { name: section.title })}
        onClose={() => {
          if (deleting?.id === filter.sectionId) change({ sectionId: null });
          setDeleting(null);
        }}
      />
    </>
  );
}
