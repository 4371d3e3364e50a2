import { Anchor, Badge, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate, useAgencyTimezone } from '../shared/agencyTime';
import { DataTable } from '../shared/DataTable';
import { SortableTh } from '../shared/SortableTh';
import type { SortState } from '../shared/useSort';
import type { ArticleSort, ArticleSummary } from './kbQueries';

type Column = 'title' | 'updatedAt';

interface ArticlesTableProps {
  articles: ArticleSummary[];
  sort: ArticleSort;
  onSort: (sort: ArticleSort) => void;
}

/** The articles of the chosen section (or all), sorted by the server, each a link to its page. */
export function ArticlesTable({ articles, sort, onSort }: ArticlesTableProps) {
  const { t, i18n } = useTranslation('console');
  const timeZone = useAgencyTimezone();
  const state: SortState<Column> = {
    key: sort.replace('-', '') as Column,
    direction: sort.startsWith('-') ? 'desc' : 'asc',
  };
  const toggle = (column: Column) =>
    onSort(state.key === column && state.direction === 'asc' ? `-${column}` : column);
  return (
    <DataTable
      minWidth={720}
      head={
        <>
          <SortableTh column="title" sort={state} onSort={toggle}>
            {t('kb.articles.title')}
          </SortableTh>
          <Table.Th>{t('kb.articles.kind')}</Table.Th>
          <Table.Th>{t('kb.articles.section')}</Table.Th>
          <Table.Th>{t('kb.articles.tags')}</Table.Th>
          <SortableTh column="updatedAt" sort={state} onSort={toggle}>
            {t('kb.articles.updated')}
          </SortableTh>
        </>
      }
    >
      {articles.map((article) => (
        <Table.Tr key={article.id}>
          <Table.Td>
            <Group gap={6}>
              <Anchor component={Link} to={`/kb/articles/${article.id}`}>
                {article.title}
              </Anchor>
              {article.visibility === 'public' && (
                <Badge size="xs" variant="light">
                  {t('kb.visibility.public')}
                </Badge>
              )}
              {article.starter && (
                <Badge size="xs" variant="light" color="gray">
                  {t('kb.starter')}
                </Badge>
              )}
            </Group>
          </Table.Td>
          <Table.Td>
            {t(`kb.kinds.${article.kind}`)}
            {article.scriptStage && ` · ${t(`kb.stages.${article.scriptStage}`)}`}
          </Table.Td>
          <Table.Td>{article.sectionTitle}</Table.Td>
          <Table.Td>
            <Text size="sm">{article.tags.join(', ')}</Text>
          </Table.Td>
          <Table.Td>
            {formatDate(article.updatedAt, i18n.language, timeZone)}{' '}
            <Text span size="xs" c="dimmed">
              {t('kb.article.versionShort', { version: article.version })}
            </Text>
          </Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}
