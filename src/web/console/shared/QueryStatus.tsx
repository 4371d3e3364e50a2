import type { UseQueryResult } from '@tanstack/react-query';
import { ErrorAlert } from './ErrorAlert';
import { TableSkeleton } from './TableSkeleton';

interface QueryStatusProps {
  query: Pick<UseQueryResult, 'isPending' | 'isError' | 'error' | 'refetch'>;
  /** Placeholder rows while loading. */
  rows?: number;
}

/** What a page shows until its data is there: a skeleton while loading, the error with a retry. */
export function QueryStatus({ query, rows }: QueryStatusProps) {
  return (
    <>
      {query.isPending && <TableSkeleton rows={rows} />}
      {query.isError && <ErrorAlert error={query.error} onRetry={() => query.refetch()} />}
    </>
  );
}
