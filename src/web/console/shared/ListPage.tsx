import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { EmptyMessage } from './EmptyMessage';
import { PageHeader } from './PageHeader';
import { QueryStatus } from './QueryStatus';

interface ListPageProps<T> {
  title: string;
  description: string;
  actions?: ReactNode;
  query: UseQueryResult<T[]>;
  emptyTitle: string;
  emptyHint?: string;
  /** The list itself, rendered once the query has returned at least one item. */
  renderItems: (items: T[]) => ReactNode;
  /** The page's dialogs. */
  children?: ReactNode;
}

/** A section that lists one kind of record: header, loading and error states, empty state, list. */
export function ListPage<T>(props: ListPageProps<T>) {
  const { data } = props.query;
  return (
    <>
      <PageHeader title={props.title} description={props.description} actions={props.actions} />
      <QueryStatus query={props.query} />
      {data?.length === 0 && <EmptyMessage title={props.emptyTitle} description={props.emptyHint} />}
      {data && data.length > 0 && props.renderItems(data)}
      {props.children}
    </>
  );
}
