import { Paper, SimpleGrid, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FreshnessCounts } from '../../../../common/kb-review';

const CARDS = [
  { key: 'sections', color: undefined },
  { key: 'fresh', color: 'green.9' },
  { key: 'dueSoon', color: 'yellow.9' },
  { key: 'overdue', color: 'red.9' },
] as const;

/** Four numbers at the top of the dashboard: all sections, and how many are in each state. */
export function FreshnessSummary({ totals }: { totals: FreshnessCounts }) {
  const { t } = useTranslation('console');
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }} mb="lg" component="ul" style={{ listStyle: 'none', padding: 0 }}>
      {CARDS.map(({ key, color }) => (
        <Paper key={key} withBorder p="md" radius="md" component="li">
          <Text size="sm" c="dimmed">
            {t(`kbFreshness.totals.${key}`)}
          </Text>
          <Text fz={32} fw={700} c={color}>
            {totals[key]}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}
