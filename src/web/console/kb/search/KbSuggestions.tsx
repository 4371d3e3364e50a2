import { Anchor, Badge, Button, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { Highlighted } from './Highlighted';
import { kbArticlePath, useRequestKbSuggestions } from './kbSearchQueries';

interface KbSuggestionsProps {
  requestId: string;
  /** Puts a template into the answer (rendered with the request's facts by the caller). */
  onInsertTemplate: (templateId: string) => void;
}

/**
 * Articles that answer the request, found from its text and topic (issue 6 p. 6), templates and
 * FAQ first. A template goes into the answer with one click; other articles open for reading.
 */
export function KbSuggestions({ requestId, onInsertTemplate }: KbSuggestionsProps) {
  const { t } = useTranslation('console');
  const suggestions = useRequestKbSuggestions(requestId);
  return (
    <Stack gap="xs" component="section" aria-labelledby="kb-suggestions-title">
      <Title order={3} size="h5" id="kb-suggestions-title">
        {t('kbSearch.suggestions.title')}
      </Title>
      {suggestions.isPending && <Skeleton h={120} />}
      {suggestions.isError && <ErrorAlert error={suggestions.error} onRetry={() => suggestions.refetch()} />}
      {suggestions.data?.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('kbSearch.suggestions.empty')}
        </Text>
      )}
      {suggestions.data?.map((item) => (
        <Paper key={item.id} withBorder p="xs">
          <Badge variant="light" size="sm">
            {t(`kbSearch.kinds.${item.kind}`)}
          </Badge>
          <Text size="sm" fw={600} mt={4}>
            {item.title}
          </Text>
          <Highlighted text={item.snippet} ranges={item.highlights} lineClamp={3} />
          <Group justify="flex-end" mt={4}>
            {item.kind === 'template' ? (
              <Button
                size="xs"
                variant="outline"
                onClick={() => onInsertTemplate(item.id)}
                aria-label={t('kbSearch.suggestions.insertLabel', { title: item.title })}
              >
                {t('kbSearch.suggestions.insert')}
              </Button>
            ) : (
              <Anchor
                component={Link}
                to={kbArticlePath(item.id)}
                target="_blank"
                size="sm"
                aria-label={t('kbSearch.suggestions.openLabel', { title: item.title })}
              >
                {t('kbSearch.suggestions.open')}
              </Anchor>
            )}
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}
