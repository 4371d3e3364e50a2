import { Anchor, Badge, Paper, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Highlighted } from '../kb/search/Highlighted';
import { kbArticlePath } from '../kb/search/kbSearchQueries';
import { ErrorAlert } from '../shared/ErrorAlert';
import { useTextKbSuggestions } from './callQueries';

/** Articles answering the caller's question, refreshed as the operator types it. */
export function CallKbSuggestions({ question }: { question: string }) {
  const { t } = useTranslation('console');
  const [text] = useDebouncedValue(question.trim(), 500);
  const suggestions = useTextKbSuggestions(text);
  return (
    <Stack gap="xs" component="section" aria-labelledby="call-kb-title">
      <Title order={2} size="h5" id="call-kb-title">
        {t('calls.card.suggestions')}
      </Title>
      {text.length < 3 && (
        <Text size="sm" c="dimmed">
          {t('calls.card.suggestionsHint')}
        </Text>
      )}
      {suggestions.isError && <ErrorAlert error={suggestions.error} onRetry={() => suggestions.refetch()} />}
      {text.length >= 3 && suggestions.data?.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('calls.card.noSuggestions')}
        </Text>
      )}
      <div aria-live="polite">
        {text.length >= 3 &&
          suggestions.data?.map((item) => (
            <Paper key={item.id} withBorder p="xs" mb="xs">
              <Badge variant="light" size="sm">
                {t(`kbSearch.kinds.${item.kind}`)}
              </Badge>
              <Text size="sm" fw={600} mt={4}>
                {item.title}
              </Text>
              <Highlighted text={item.snippet} ranges={item.highlights} lineClamp={3} />
              <Anchor
                component={Link}
                to={kbArticlePath(item.id)}
                target="_blank"
                size="sm"
                aria-label={t('kbSearch.suggestions.openLabel', { title: item.title })}
              >
                {t('calls.card.openArticle')}
              </Anchor>
            </Paper>
          ))}
      </div>
    </Stack>
  );
}
