import {
  Anchor,
  Button,
  Center,
  Group,
  Loader,
  NativeSelect,
  Pagination,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { FAQ_SEARCH_SECTION, SEARCH_SORTS, SITE_SEARCH_MAX_PAGE } from '../../../common/site';
import { datesReversed, type SiteSearchParams, searchHref, searchParams } from '../../../common/site-params';
import { useAgency } from '../layout/AgencyLayout';
import { PageHeading } from '../layout/PageHeading';
import { pageTrail } from '../navigation/siteStructure';
import { shortDate, useSiteMenu, useSiteSearch } from '../site/siteApi';
import { LoadError } from './LoadStatePages';
import classes from './SearchPage.module.css';

/** Filters by section and dates: a plain GET form, so it works with or without scripts. */
function SearchFilters({ slug, search }: { slug: string; search: SiteSearchParams }) {
  const { t } = useTranslation('portal');
  const sections = useSiteMenu(slug);
  return (
    <form method="get" action={`/${slug}/search`} aria-label={t('search.filters')}>
      <input type="hidden" name="q" value={search.q} />
      <input type="hidden" name="sort" value={search.sort} />
      <Group gap="sm" align="flex-end" wrap="wrap">
        <NativeSelect
          label={t('search.section')}
          name="section"
          defaultValue={search.section ?? ''}
          data={[
            { value: '', label: t('search.anySection') },
            ...(sections.data ?? []).map((section) => ({ value: section.slug, label: section.title })),
            { value: FAQ_SEARCH_SECTION, label: t('search.faqSection') },
          ]}
        />
        <TextInput type="date" label={t('search.from')} name="from" defaultValue={search.from ?? ''} />
        <TextInput type="date" label={t('search.to')} name="to" defaultValue={search.to ?? ''} />
        <Button type="submit" variant="light">
          {t('search.applyFilters')}
        </Button>
      </Group>
    </form>
  );
}

/** Seed 000 p. 4.2: results with their count and number of pages, sorting, filters and paging — all links. */
export function SearchPage() {
  const { t } = useTranslation('portal');
  const agency = useAgency();
  const [params] = useSearchParams();
  const search = searchParams(params);
  const reversed = datesReversed(search);
  const query = useSiteSearch(agency.slug, search, !reversed);
  const href = (changes: Partial<SiteSearchParams>) => searchHref(agency.slug, { ...search, ...changes });

  let content = <Text>{t('search.prompt')}</Text>;
  if (reversed) {
    content = <Text role="alert">{t('search.datesReversed')}</Text>;
  } else if (search.q && query.isPending) {
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
          <nav aria-label={t('search.sort')} className={classes.sorts}>
            {SEARCH_SORTS.map((sort) => (
              <Anchor
                key={sort}
                component={Link}
                to={href({ sort, page: 1 })}
                aria-current={sort === search.sort ? 'true' : undefined}
                className={classes.sort}
              >
                {t(`search.sortBy.${sort}`)}
              </Anchor>
            ))}
          </nav>
        </Group>
        {items.length === 0 ? (
          <Text>{t('search.nothing')}</Text>
        ) : (
          <ol aria-label={t('search.list')} className={classes.results}>
            {items.map((item) => (
              <li key={item.url}>
                {item.kind === 'faq' && (
                  <Text size="sm" fw={700} className={classes.kind}>
                    {t('search.kind.faq')}
                  </Text>
                )}
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
          <nav aria-label={t('search.pager.label')}>
            <Pagination
              total={Math.min(pages, SITE_SEARCH_MAX_PAGE)}
              value={search.page}
              getControlProps={(control) => ({
                component: Link,
                to: href({ page: pagerTarget(control, search.page, pages) }),
                'aria-label': t(`search.pager.${control}`),
              })}
              getItemProps={(n) => ({
                component: Link,
                to: href({ page: n }),
                'aria-label': t('search.pager.page', { page: n }),
              })}
            />
          </nav>
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
      <Stack gap="lg">
        {search.q && <SearchFilters slug={agency.slug} search={search} />}
        {content}
      </Stack>
    </>
  );
}

/** The page a pager arrow leads to, kept within the result pages. */
export function pagerTarget(control: 'first' | 'previous' | 'next' | 'last', page: number, pages: number) {
  const last = Math.max(1, Math.min(pages, SITE_SEARCH_MAX_PAGE));
  if (control === 'first') return 1;
  if (control === 'last') return last;
  return Math.min(last, Math.max(1, control === 'next' ? page + 1 : page - 1));
}
