import { Anchor, List, SimpleGrid, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Dashboard, ReviewItem } from '../../../common/dashboard';

const longDate = (date: string, locale: string) =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );

function ReviewList({
  id,
  title,
  summary,
  items,
  link,
}: {
  id: string;
  title: string;
  summary: string;
  items: ReviewItem[];
  link: string;
}) {
  const { t, i18n } = useTranslation('console');
  return (
    <section aria-labelledby={id}>
      <Text fw={700} id={id}>
        {title}
      </Text>
      <Text size="sm" mb="xs">
        {summary}
      </Text>
      {items.length === 0 ? (
        <Text c="dimmed">{t('monitoring.freshness.allFresh')}</Text>
      ) : (
        <List size="sm">
          {items.map((item) => (
            <List.Item key={item.id}>
              {t('monitoring.freshness.item', {
                title: item.title,
                date: longDate(item.reviewDueOn, i18n.language),
              })}
            </List.Item>
          ))}
        </List>
      )}
      <Anchor component={Link} to={link} size="sm">
        {t('monitoring.freshness.open')}
      </Anchor>
    </section>
  );
}

/** KB sections past review (seed 003 p. 41), stale site pages (seed 000 p. 7.1), questions without an article. */
export function FreshnessSection({ data }: { data: Dashboard }) {
  const { t } = useTranslation('console');
  return (
    <SimpleGrid cols={{ base: 1, md: 3 }}>
      <ReviewList
        id="monitoring-kb"
        title={t('monitoring.freshness.kb')}
        summary={t('monitoring.freshness.kbSummary', { past: data.kb.pastReview, total: data.kb.sections })}
        items={data.kb.items}
        link="/kb-freshness"
      />
      <ReviewList
        id="monitoring-site"
        title={t('monitoring.freshness.site')}
        summary={t('monitoring.freshness.siteSummary', { past: data.site.stale, total: data.site.pages })}
        items={data.site.items}
        link="/site-freshness"
      />
      <section aria-labelledby="monitoring-gaps">
        <Text fw={700} id="monitoring-gaps" mb="xs">
          {t('monitoring.freshness.gaps')}
        </Text>
        {data.kbGaps.length === 0 ? (
          <Text c="dimmed">{t('monitoring.freshness.noGaps')}</Text>
        ) : (
          <List size="sm">
            {data.kbGaps.map((g) => (
              <List.Item key={g.id}>
                {t('monitoring.freshness.gap', { title: g.title, count: g.size })}
              </List.Item>
            ))}
          </List>
        )}
        <Anchor component={Link} to="/kb-proposals" size="sm">
          {t('monitoring.freshness.openProposals')}
        </Anchor>
      </section>
    </SimpleGrid>
  );
}
