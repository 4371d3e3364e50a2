import { Code, SimpleGrid, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

function JsonBlock({ label, value }: { label: string; value: unknown }) {
  const { t } = useTranslation('console');
  return (
    <div>
      <Text size="sm" fw={600} mb={4}>
        {label}
      </Text>
      {value === null || value === undefined ? (
        <Text size="sm" c="dimmed">
          {t('audit.noData')}
        </Text>
      ) : (
        <Code
          block
          style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', maxHeight: 400, overflow: 'auto' }}
        >
          {JSON.stringify(value, null, 2)}
        </Code>
      )}
    </div>
  );
}

/** The record before and after the change, side by side (stacked on narrow screens). */
export function AuditDiff({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useTranslation('console');
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} py="sm">
      <JsonBlock label={t('audit.before')} value={before} />
      <JsonBlock label={t('audit.after')} value={after} />
    </SimpleGrid>
  );
}
