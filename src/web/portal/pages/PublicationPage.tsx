import { Anchor, Center, List, Loader, Stack, Text, Title } from '@mantine/core';
import { IconFileText } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { sizeText } from '../../../common/attachments';
import { ArticleHtml } from '../kb/ArticleHtml';
import { useAgency } from '../layout/AgencyLayout';
import { PageHeading } from '../layout/PageHeading';
import { agencyPath } from '../navigation/siteStructure';
import { PublicationImage, shownAsImage } from '../site/PublicationImage';
import { fileUrl, shortDate, usePublication } from '../site/siteApi';
import { LoadError } from './LoadStatePages';
import { PageNotFoundPage } from './PageNotFoundPage';

const TYPE_LABELS: Record<string, string> = {
  'application/pdf': 'PDF',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
};

/** A publication: breadcrumbs through its section, the text, its pictures, its files with type and size. */
export function PublicationPage() {
  const { t } = useTranslation('portal');
  const agency = useAgency();
  const { section = '', page = '' } = useParams();
  const query = usePublication(agency.slug, section, page);
  const data = query.data;
  const images = data?.attachments.filter(shownAsImage) ?? [];
  const documents = data?.attachments.filter((file) => !shownAsImage(file)) ?? [];

  if (query.isPending) {
    return (
      <Center py="xl" role="status">
        <Loader aria-label={t('state.loading')} />
      </Center>
    );
  }
  if (query.isError || !data) {
    if ((query.error as { status?: number } | null)?.status === 404) return <PageNotFoundPage />;
    return <LoadError onRetry={() => void query.refetch()} />;
  }
  return (
    <>
      <PageHeading
        title={data.title}
        trail={[
          { label: t('menu.home'), to: agencyPath(agency.slug) },
          { label: data.section.title, to: agencyPath(agency.slug, data.section.slug) },
        ]}
        siteName={agency.shortName}
      />
      <Stack gap="md" maw="48rem">
        <Text size="sm" c="dimmed">
          {t('site.published', { date: shortDate(data.publishedAt, agency.timezone) })}
        </Text>
        {data.summary && <Text fw={500}>{data.summary}</Text>}
        <ArticleHtml html={data.html} />
        {images.map((file) => (
          <PublicationImage key={file.id} slug={agency.slug} publicationId={data.id} file={file} />
        ))}
        {documents.length > 0 && (
          <section aria-labelledby="publication-files">
            <Title order={2} size="h4" id="publication-files" mb="xs">
              {t('site.files')}
            </Title>
            <List spacing="xs" icon={<IconFileText size="1.1rem" aria-hidden="true" />}>
              {documents.map((file) => (
                <List.Item key={file.id}>
                  <Anchor href={fileUrl(agency.slug, data.id, file.id)} download={file.fileName}>
                    {file.fileName}
                  </Anchor>{' '}
                  <Text span c="dimmed">
                    ({TYPE_LABELS[file.contentType] ?? t('site.file')}, {sizeText(file.size)})
                  </Text>
                </List.Item>
              ))}
            </List>
          </section>
        )}
      </Stack>
    </>
  );
}
