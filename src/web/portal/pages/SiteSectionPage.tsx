import { Anchor, Center, Loader, Pagination, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { pageParam } from '../../../common/site-params';
import { useAgency } from '../layout/AgencyLayout';
import { PageHeading } from '../layout/PageHeading';
import { agencyPath } from '../navigation/siteStructure';
import { shortDate, useSiteSection } from '../site/siteApi';
import { LoadError } from './LoadStatePages';
import { PageNotFoundPage } from './PageNotFoundPage';
import { pagerTarget } from './SearchPage';

/** A section of the site (news, documents…): its publications, newest first, paged. */
export function SiteSectionPage() {
  const { t } = useTranslation('portal');
  const agency = useAgency();
  const { section = '' } = useParams();
  const [params] = useSearchParams();
  const page = pageParam(params);
  const href = (n: number) =>
    n > 1 ? `${agencyPath(agency.slug, section)}?page=${n}` : agencyPath(agency.slug, section);
  const query = useSiteSection(agency.slug, section, page);

  if (query.isPending) {
    return (
      <Center py="xl" role="status">
        <Loader aria-label={t('state.loading')} />
      </Center>
    );
  }
  if (query.isError) {
    if ((query.error as { status?: number }).status === 404) return <PageNotFoundPage />;
    return <LoadError onRetry={() => void query.refetch()} />;
  }
  const { section: info, items, pages } = query.data;
  return (
    <>
      <PageHeading
        title={info.title}
        trail={[{ label: t('menu.home'), to: agencyPath(agency.slug) }]}
        siteName={agency.shortName}
      />
      <Stack gap="lg">
        {items.length === 0 && <Text>{t('site.empty')}</Text>}
        {items.map((item) => (
          <article key={item.url}>
            <Title order={2} size="h4">
              <Anchor component={Link} to={item.url}>
                {item.title}
              </Anchor>
            </Title>
            <Text size="sm" c="dimmed">
              {shortDate(item.publishedAt, agency.timezone)}
            </Text>
            {item.summary && <Text>{item.summary}</Text>}
          </article>
        ))}
        {pages > 1 && (
          <nav aria-label={t('site.pager')}>
            <Pagination
              total={pages}
              value={page}
              getControlProps={(control) => ({
                component: Link,
                to: href(pagerTarget(control, page, pages)),
                'aria-label': t(`search.pager.${control}`),
              })}
              getItemProps={(n) => ({
                component: Link,
                to: href(n),
                'aria-label': t('search.pager.page', { page: n }),
              })}
            />
          </nav>
        )}
      </Stack>
    </>
  );
}
