import {
  Anchor,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  List,
  Stack,
  Text,
  Title,
  Typography,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { formatDateTime, useAgencyTimezone } from '../shared/agencyTime';
import { DetailPage } from '../shared/DetailPage';
import { PageHeader } from '../shared/PageHeader';
import { ArticleFiles } from './ArticleFiles';
import { type Article, useArchiveArticle, useArticle } from './kbQueries';
import { VersionHistory } from './VersionHistory';

/** One article: its text as readers see it, its files and links, and its history. */
export function ArticlePage() {
  const { t } = useTranslation('console');
  const { id = '' } = useParams();
  const article = useArticle(id);
  return (
    <DetailPage
      query={article}
      back={{ to: '/kb', label: t('kb.article.back') }}
      title={t('nav.kb')}
      notFoundTitle={t('kb.article.notFound')}
    >
      {(data) => <ArticleView article={data} />}
    </DetailPage>
  );
}

function ArticleView({ article }: { article: Article }) {
  const { t, i18n } = useTranslation('console');
  const navigate = useNavigate();
  const archive = useArchiveArticle();
  const toggleArchive = () =>
    archive.mutate(
      { id: article.id, archived: article.active },
      { onError: (error) => notifications.show({ color: 'red', message: error.message }) },
    );
  const timeZone = useAgencyTimezone();
  const when = (iso: string) => formatDateTime(iso, i18n.language, timeZone);
  return (
    <Stack>
      <PageHeader
        title={article.title}
        description={`${t(`kb.kinds.${article.kind}`)} · ${article.section.title}`}
        actions={
          article.canEdit && (
            <Group>
              <Button onClick={() => navigate(`/kb/articles/${article.id}/edit`)}>
                {t('kb.article.edit')}
              </Button>
              <Button variant="default" loading={archive.isPending} onClick={toggleArchive}>
                {t(article.active ? 'kb.article.archive' : 'kb.article.unarchive')}
              </Button>
            </Group>
          )
        }
      />
      <Group gap="xs">
        {!article.active && <Badge color="gray">{t('kb.articles.archived')}</Badge>}
        <Badge variant="light">{t(`kb.visibility.${article.visibility}`)}</Badge>
        {article.scriptStage && <Badge variant="light">{t(`kb.stages.${article.scriptStage}`)}</Badge>}
        {article.starter && (
          <Badge variant="light" color="gray">
            {t('kb.starter')}
          </Badge>
        )}
        {article.tags.map((tag) => (
          <Badge key={tag} variant="outline" color="gray">
            #{tag}
          </Badge>
        ))}
      </Group>
      <Text size="sm" c="dimmed">
        {t('kb.article.byline', {
          version: article.version,
          date: when(article.updatedAt),
          name: article.updatedBy?.name ?? '—',
        })}
      </Text>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Card withBorder>
            <ArticleBody article={article} />
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack>
            <Card withBorder>
              <Title order={2} size="h5" mb="xs">
                {t('kb.article.files')}
              </Title>
              <ArticleFiles articleId={article.id} files={article.attachments} canEdit={article.canEdit} />
            </Card>
            <Card withBorder>
              <Title order={2} size="h5" mb="xs">
                {t('kb.article.linksOut')}
              </Title>
              <LinkList links={article.links.outgoing} />
              <Title order={2} size="h5" mt="md" mb="xs">
                {t('kb.article.linksIn')}
              </Title>
              <LinkList links={article.links.incoming} />
            </Card>
          </Stack>
        </Grid.Col>
      </Grid>
      <VersionHistory articleId={article.id} current={article.version} canEdit={article.canEdit} />
    </Stack>
  );
}

/** Templates are plain text in two variants; every other kind is HTML the server sanitised on save. */
function ArticleBody({ article }: { article: Article }) {
  const { t } = useTranslation('console');
  if (article.kind === 'template') {
    return (
      <Stack>
        <div>
          <Text fw={700} size="sm">
            {t('kb.editor.formal')}
          </Text>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{article.body}</Text>
        </div>
        <div>
          <Text fw={700} size="sm">
            {t('kb.editor.short')}
          </Text>
          <Text style={{ whiteSpace: 'pre-wrap' }} c={article.shortBody ? undefined : 'dimmed'}>
            {article.shortBody ?? t('kb.article.shortFallback')}
          </Text>
        </div>
      </Stack>
    );
  }
  return (
    <Typography>
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised by the server's allow-list on every save (kb/sanitize.ts) */}
      <div dangerouslySetInnerHTML={{ __html: article.body }} />
    </Typography>
  );
}

function LinkList({ links }: { links: Article['links']['outgoing'] }) {
  const { t } = useTranslation('console');
  if (links.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('kb.article.noLinks')}
      </Text>
    );
  }
  return (
    <List spacing={4} size="sm">
      {links.map((link) => (
        <List.Item key={link.id}>
          <Anchor component={Link} to={`/kb/articles/${link.id}`}>
            {link.title}
          </Anchor>
          {!link.active && ` (${t('kb.articles.archived').toLowerCase()})`}
        </List.Item>
      ))}
    </List>
  );
}
