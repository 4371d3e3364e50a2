import { Button, Group, NumberInput, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../shared/ErrorAlert';
import { useIssueTokens } from './surveyQueries';

/**
 * Personal one-time links (seed 002 p. 3.3): one answer per person without knowing who answered.
 * The links are shown once; the server keeps only a hash of each.
 */
export function TokensPanel(props: { surveyId: string; agencySlug: string; surveySlug: string }) {
  const { t } = useTranslation('console');
  const [count, setCount] = useState<number | string>(10);
  const issue = useIssueTokens(props.surveyId);
  // In the fragment, which browsers never send: no server log can pair a token with an address.
  const link = (token: string) =>
    `${window.location.origin}/${props.agencySlug}/surveys/${props.surveySlug}#${new URLSearchParams({ token })}`;
  return (
    <Stack gap="sm" maw="48rem">
      <Text>{t('surveys.tokens.description')}</Text>
      <Group align="flex-end">
        <NumberInput
          label={t('surveys.tokens.count')}
          min={1}
          max={1000}
          value={count}
          onChange={setCount}
          w="12rem"
        />
        <Button loading={issue.isPending} onClick={() => issue.mutate(Number(count) || 1)}>
          {t('surveys.tokens.issue')}
        </Button>
      </Group>
      {issue.isError && <ErrorAlert error={issue.error} title={t('surveys.saveFailed')} />}
      {issue.data && (
        <Textarea
          label={t('surveys.tokens.links', { count: issue.data.tokens.length })}
          description={t('surveys.tokens.once')}
          readOnly
          autosize
          maxRows={12}
          value={issue.data.tokens.map(link).join('\n')}
        />
      )}
    </Stack>
  );
}
