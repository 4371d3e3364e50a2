import { useSearchParams } from 'react-router';
import { filterQuery, type RequestFilter } from './requestQueries';
import {
  QUICK_VIEWS,
  type QuickView,
  REQUEST_KINDS,
  REQUEST_STATUSES,
  type RequestKind,
  type RequestStatus,
  type SortColumn,
  type ViewFilter,
} from './requestTypes';

function dueWithinOf(value: string | null): number | null {
  const days = value === null ? Number.NaN : Number(value);
  return Number.isInteger(days) && days >= 0 && days <= 60 ? days : null;
}

const SORTS: readonly SortColumn[] = ['dueAt', 'receivedAt', 'number'];
// A topic id from a bookmarked URL; anything else is ignored rather than sent for a 400.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const isStatus = (value: string): value is RequestStatus =>
  (REQUEST_STATUSES as readonly string[]).includes(value);
const isKind = (value: string | null): value is RequestKind =>
  value !== null && (REQUEST_KINDS as readonly string[]).includes(value);

/**
 * The register's filters live in the URL query (`?status=registered&status=assigned&overdue=true
 * &q=…&sort=dueAt&order=asc&page=2`), so a view can be bookmarked and survives a reload.
 */
export function useRegisterParams() {
  const [params, setParams] = useSearchParams();
  const sortParam = params.get('sort');
  const sort = SORTS.find((column) => column === sortParam) ?? 'dueAt';
  const orderParam = params.get('order');
  const order: 'asc' | 'desc' =
    orderParam === 'asc' || orderParam === 'desc' ? orderParam : sort === 'receivedAt' ? 'desc' : 'asc';
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const kindParam = params.get('kind');
  const filter: RequestFilter = {
    page,
    statuses: params.getAll('status').filter(isStatus),
    kind: isKind(kindParam) ? kindParam : null,
    topic: UUID.test(params.get('topic') ?? '') ? params.get('topic') : null,
    overdue: params.get('overdue') === 'true',
    mine: params.get('mine') === 'true',
    myDepartments: params.get('myDepartments') === 'true',
    dueWithin: dueWithinOf(params.get('dueWithin')),
    q: params.get('q') ?? '',
    sort,
    order,
  };

  /** Applies a change; any change but paging starts again from page 1. */
  const update = (patch: Partial<RequestFilter>) => {
    const next = { ...filter, page: 1, ...patch };
    const query = new URLSearchParams(filterQuery(next));
    // The default order is left out of the URL unless the user chose one.
    if (next.sort === 'dueAt' && !patch.order && !params.has('order')) {
      query.delete('sort');
      query.delete('order');
    }
    setParams(query);
  };

  const sameStatuses = (a: readonly RequestStatus[], b: readonly RequestStatus[]) =>
    a.length === b.length && a.every((status) => b.includes(status));
  const matches = (view: ViewFilter) =>
    sameStatuses(view.statuses, filter.statuses) &&
    view.overdue === filter.overdue &&
    view.mine === filter.mine &&
    view.myDepartments === filter.myDepartments &&
    view.dueWithin === filter.dueWithin;
  const view = (Object.keys(QUICK_VIEWS) as QuickView[]).find((key) => matches(QUICK_VIEWS[key]));

  const setView = (key: QuickView) => {
    const { statuses, ...rest } = QUICK_VIEWS[key];
    update({ statuses: [...statuses], ...rest });
  };

  /** Opens a saved view: its query replaces the current one. */
  const openQuery = (query: string) => setParams(new URLSearchParams(query));

  return { filter, update, view: view ?? null, setView, openQuery };
}
