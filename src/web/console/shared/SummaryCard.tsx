import { Card, Text } from '@mantine/core';

/** One headline figure of an analytics page: its name above, the number large below. */
export function SummaryCard({ label, value }: { label: string; value: string }) {
  return (
    <Card withBorder padding="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700}>
        {value}
      </Text>
    </Card>
  );
}
