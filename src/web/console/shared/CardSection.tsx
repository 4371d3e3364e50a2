import { Group, Paper, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A bordered part of a card page under its own heading, with its buttons on the right. */
export function CardSection({
  title,
  actions,
  children,
}: {
  title: string;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={title}>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {title}
        </Title>
        {actions}
      </Group>
      {children}
    </Paper>
  );
}
