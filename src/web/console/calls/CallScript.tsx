import { Paper, Skeleton, Text, Title, Typography } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCallScript } from './callQueries';

/** The agency's words for opening or closing a call, read out from the knowledge base. */
export function CallScript({ stage }: { stage: 'greeting' | 'farewell' }) {
  const { t } = useTranslation('console');
  const script = useCallScript(stage);
  const titleId = `call-script-${stage}`;
  return (
    <Paper
      withBorder
      p="sm"
      bg="var(--mantine-color-blue-light)"
      component="section"
      aria-labelledby={titleId}
    >
      <Title order={2} size="h5" id={titleId}>
        {t(`calls.card.${stage}`)}
      </Title>
      {script.isPending && <Skeleton h={40} mt="xs" />}
      {script.data?.length === 0 && (
        <Text size="sm" c="dimmed" mt="xs">
          {t('calls.card.noScript')}
        </Text>
      )}
      {script.data?.map((article) => (
        <Typography key={article.id} mt="xs">
          <Text fw={600} size="sm">
            {article.title}
          </Text>
          {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised by the server's allow-list on every save (kb/sanitize.ts) */}
          <div dangerouslySetInnerHTML={{ __html: article.body }} />
        </Typography>
      ))}
    </Paper>
  );
}
