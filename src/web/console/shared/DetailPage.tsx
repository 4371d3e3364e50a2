import { Anchor, Group, Text } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../ui/api';
import { EmptyMessage } from './EmptyMessage';
import { PageHeader } from './PageHeader';
import { QueryStatus } from './QueryStatus';

interface DetailPageProps<T> {
  query: UseQueryResult<T>;
  back: { to: string; label: string };
  /** The heading while loading or on an error other than 404. */
  title: string;
  notFoundTitle: string;
  children: (data: T) => ReactNode;
}

/** One record's page: the way back to its list, loading and errors, a 404 that says what is missing. */
export function DetailPage<T>({ query, back, title, notFoundTitle, children }: DetailPageProps<T>) {
  const notFound = query.error instanceof ApiError && query.error.status === 404;
  return (
    <>
      <Anchor component={Link} to={back.to} size="sm" mb="sm" display="inline-flex">
        <Group gap={4} component="span">
          <IconArrowLeft size={14} aria-hidden />
          {back.label}
        </Group>
      </Anchor>
      {notFound ? (
        <>
          <PageHeader title={notFoundTitle} />
          <EmptyMessage title={notFoundTitle} />
        </>
      ) : (
        <>
          {!query.data && <PageHeader title={title} />}
          <QueryStatus query={query} rows={6} />
          {query.data !== undefined && children(query.data)}
        </>
      )}
    </>
  );
}

/** A labelled value in a card's description list (`<dl>`). */
export function DetailField({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="sm" c="dimmed" component="dt">
        {label}
      </Text>
      <Text component="dd" m={0} style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </div>
  );
}
