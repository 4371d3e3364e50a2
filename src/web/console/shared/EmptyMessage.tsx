import { EmptyState } from '@mantine/core';
import { IconInbox } from '@tabler/icons-react';
import type { ReactNode } from 'react';

interface EmptyMessageProps {
  title: string;
  description?: string;
  action?: ReactNode;
}

export function EmptyMessage({ title, description, action }: EmptyMessageProps) {
  return (
    <EmptyState
      py="xl"
      title={title}
      description={description}
      icon={<IconInbox size={32} aria-hidden />}
      withIndicatorBackground
    >
      {action && <EmptyState.Actions>{action}</EmptyState.Actions>}
    </EmptyState>
  );
}
