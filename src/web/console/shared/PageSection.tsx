import { Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A part of a page under its own second-level heading, which also names it for screen readers. */
export function PageSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <Title order={2} size="h4" id={id} mb="xs">
        {title}
      </Title>
      {children}
    </section>
  );
}
