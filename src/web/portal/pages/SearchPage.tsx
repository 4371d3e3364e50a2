import {
  Anchor,
  Center,
  Group,
  Loader,
  Pagination,
  SegmentedControl,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { SEARCH_SORTS, type SearchSort } from '../../../common/site';
import { useAgency } from '../layout/AgencyLayout';
import { PageHeading } from '../layout/PageHeading';
import { pageTrail } from '../navigation/siteStructure';
import { shortDate, useSiteSearch } from '../site/siteApi';
import { LoadError } from './LoadStatePages';

/** Seed 000 p. 4.2: results with their count and number of pages, sorting and paging. */
export function SearchPage() {
  const { t } = useTranslation('portal');
  const agency = useAgency();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const sort: SearchSort = params.get('sort') === 'date' ? 'date' : 'relevance';
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const query = useSiteSearch(agency.slug, q, sort, page);
  const change = (next: Record<string, string>) => setParams({ q, sort, page: String(page), ...next });

  let content = <Text>{t('search.prompt')}</Text>;
  if (q.trim() && query.isPending) {
    content = (
      <Center py="xl" role="status">
        <Loader aria-label={t('state.loading')} />
      </Center>
    );
  } else if (query.isError) {
    content = <LoadError onRetry={() => void query.refetch()} />;
  } else if (query.data) {
    const { total, pages, items } = query.data;
    content = (
      <Stack gap="md">
        <Group justify="space-between" wrap="wrap">
          <Text role="status" fw={600} data-testid="search-summary">
            {t('search.summary', {
              results: t('search.results', { count: total }),
              pages: t('search.pages', { count: pages }),
            })}
          </Text>
          <SegmentedControl
            aria-label={t('search.sort')}
            value={sort}
            onChange={(value) => change({ sort: value, page: '1' })}
            data={SEARCH_SORTS.map((value) => ({ value, label: t(`search.sortBy.${value}`) }))}
          />
        </Group>
        {items.length === 0 ? (
          <Text>{t('search.nothing')}</Text>
        ) : (
          <ol aria-label={t('search.list')} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {items.map((item) => (
              <li key={item.url} style={{ marginBottom: 'var(--mantine-spacing-lg)' }}>
                <Title order={2} size="h4">
                  <Anchor component={Link} to={item.url}>
                    {item.title}
                  </Anchor>
                </Title>
                {/* biome-ignore lint/security/noDangerouslySetInnerHtml: the server escapes the snippet and adds only <mark> */}
                <Text dangerouslySetInnerHTML={{ __html: item.snippet }} />
                <Text size="sm" c="dimmed">
                  {shortDate(item.publishedAt, agency.timezone)}
                </Text>
              </li>
            ))}
          </ol>
        )}
        {pages > 1 && (
          <Pagination
            total={Math.min(pages, 1000)}
            value={page}
            onChange={(next) => change({ page: String(next) })}
            getControlProps={(control) => ({ 'aria-label': t(`search.pager.${control}`) })}
            getItemProps={(n) => ({ 'aria-label': t('search.pager.page', { page: n }) })}
          />
        )}
      </Stack>
    );
  }

  return (
    <>
      <PageHeading
        title={t('search.title')}
        trail={pageTrail(agency.slug, 'search', (p) => t(`menu.${p.key}`))}
        siteName={agency.shortName}
      />
      {content}
    </>
  );
}
