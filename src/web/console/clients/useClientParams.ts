import { useSearchParams } from 'react-router';
import type { ClientFilter, ClientSort } from './clientQueries';

const SORTS: readonly ClientSort[] = ['name', 'lastInteractionAt', 'createdAt'];

/** The list's search, sort and page live in the URL, so a view survives a reload and can be shared. */
export function useClientParams() {
  const [params, setParams] = useSearchParams();
  const sort = SORTS.find((s) => s === params.get('sort')) ?? 'lastInteractionAt';
  const orderParam = params.get('order');
  const order: 'asc' | 'desc' =
    orderParam === 'asc' || orderParam === 'desc' ? orderParam : sort === 'name' ? 'asc' : 'desc';
  const filter: ClientFilter = {
    q: params.get('q') ?? '',
    page: Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1),
    sort,
    order,
  };
  const update = (patch: Partial<ClientFilter>) => {
    const next = { ...filter, page: 1, ...patch };
    const query = new URLSearchParams();
    if (next.q.trim()) query.set('q', next.q.trim());
    if (next.sort !== 'lastInteractionAt' || patch.order || params.has('order')) {
      query.set('sort', next.sort);
      query.set('order', next.order);
    }
    if (next.page > 1) query.set('page', String(next.page));
    setParams(query);
  };
  return { filter, update };
}
