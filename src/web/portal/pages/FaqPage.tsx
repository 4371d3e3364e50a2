import { Accordion, Anchor, Button, Center, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { IconMessagePlus } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import type { PublishedArticle } from '../../../common/kb';
import { useStaticRender } from '../../ui/staticRender';
import { usePublishedArticles } from '../data/publicQueries';
import { ArticleHtml } from '../kb/ArticleHtml';
import { useAgency } from '../layout/AgencyLayout';
import { ContentSection } from '../layout/ContentSection';
import { PageHeading } from '../layout/PageHeading';
import { agencyPath, pageTrail } from '../navigation/siteStructure';
import { formatDay } from '../requests/formats';
import { LoadError } from './LoadStatePages';

/** The anchor of an answer, which the site's search links to. */
const answerAnchor = (id: string) => `faq-${id}`;

function FaqList({ items, timezone }: { items: PublishedArticle[]; timezone: string }) {
  const { t, i18n } = useTranslation('portal');
  const { hash } = useLocation();
  // A server-rendered page has no script to open an answer, so there every answer is shown.
  const isStatic = useStaticRender();
  if (items.length === 0) return <Text>{t('faq.empty')}</Text>;
  const answer = (item: PublishedArticle) => (
    <>
      <ArticleHtml html={item.html} />
      <Text size="sm" c="dimmed" mt="xs">
        {t('faq.updated', { date: formatDay(item.updatedAt, timezone, i18n.language) })}
      </Text>
    </>
  );
  if (isStatic) {
    return (
      <Stack gap="md">
        {items.map((item) => (
          <Paper key={item.id} id={answerAnchor(item.id)} withBorder radius="md" p="md">
            <Title order={3} size="h4" mb="xs">
              {item.title}
            </Title>
            {answer(item)}
          </Paper>
        ))}
      </Stack>
    );
  }
  return (
    <Accordion
      multiple
      order={3}
      variant="separated"
      chevronPosition="right"
      // An answer a search result leads to is open on arrival.
      defaultValue={items.filter((item) => hash === `#${answerAnchor(item.id)}`).map((item) => item.id)}
    >
      {items.map((item) => (
        <Accordion.Item key={item.id} value={item.id} id={answerAnchor(item.id)}>
          <Accordion.Control>{item.title}</Accordion.Control>
          <Accordion.Panel>{answer(item)}</Accordion.Panel>
        </Accordion.Item>
      ))}
    </Accordion>
  );
}

function ConsultationContacts({ items, slug }: { items: PublishedArticle[]; slug: string }) {
  const { t } = useTranslation('portal');
  const allContacts = (
    <Anchor component={Link} to={agencyPath(slug, 'contacts')}>
      {t('faq.allContacts')}
    </Anchor>
  );
  if (items.length === 0) {
    return (
      <Stack gap="xs" align="flex-start">
        <Text>{t('faq.contactsEmpty')}</Text>
        {allContacts}
      </Stack>
    );
  }
  // One article sits under the section's own heading; several get a heading each.
  const [only] = items;
  if (items.length === 1 && only) return <ArticleHtml html={only.html} />;
  return (
    <Stack gap="lg">
      {items.map((item) => (
        <article key={item.id} aria-labelledby={`contact-${item.id}`}>
          <Text component="h3" fw={700} size="lg" id={`contact-${item.id}`} mb="xs">
            {item.title}
          </Text>
          <ArticleHtml html={item.html} />
        </article>
      ))}
    </Stack>
  );
}

/** «Вопросы и ответы» (issue 6 p. 7): the public FAQ and contacts of the agency's knowledge base. */
export function FaqPage() {
  const { t } = useTranslation('portal');
  const agency = useAgency();
  const query = usePublishedArticles(agency.slug);

  let content: ReactNode;
  if (query.isPending) {
    content = (
      <Center py="xl" role="status">
        <Loader aria-label={t('state.loading')} />
      </Center>
    );
  } else if (query.isError) {
    content = <LoadError onRetry={() => void query.refetch()} />;
  } else {
    content = (
      <>
        <ContentSection id="faq" title={t('sections.faq')}>
          <FaqList items={query.data.filter((a) => a.kind === 'faq')} timezone={agency.timezone} />
        </ContentSection>
        <ContentSection id="consultation" title={t('sections.consultation')}>
          <ConsultationContacts items={query.data.filter((a) => a.kind === 'contacts')} slug={agency.slug} />
        </ContentSection>
      </>
    );
  }

  return (
    <>
      <PageHeading
        title={t('menu.faq')}
        trail={pageTrail(agency.slug, 'faq', (page) => t(`menu.${page.key}`))}
        siteName={agency.shortName}
      />
      <Stack gap="lg">
        <Text maw="48rem">{t('faq.intro')}</Text>
        {content}
        <div>
          <Button
            component={Link}
            to={agencyPath(agency.slug, 'requests/new')}
            leftSection={<IconMessagePlus aria-hidden="true" />}
            variant="outline"
          >
            {t('faq.ask')}
          </Button>
        </div>
      </Stack>
    </>
  );
}
