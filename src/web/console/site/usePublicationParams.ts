import { useSearchParams } from 'react-router';
import {
  defaultPublicationOrder as naturalOrder,
  PUBLICATION_SORTS,
  PUBLICATION_STATES,
  type PublicationSort,
  type PublicationState,
} from '../../../common/site';
import type { PublicationFilter } from './siteQueries';

const DEFAULT_SORT: PublicationSort = 'updatedAt';

/** The list's search, filters, sort and page live in the URL, so a view survives a reload. */
export function usePublicationParams() {
  const [params, setParams] = useSearchParams();
  const sort = PUBLICATION_SORTS.find((s) => s === params.get('sort')) ?? DEFAULT_SORT;
  const orderParam = params.get('order');
  const filter: PublicationFilter = {
    q: params.get('q') ?? '',
    sectionId: params.get('section'),
    state: PUBLICATION_STATES.find((s) => s === params.get('state')) ?? null,
    stale: params.get('stale') === '1',
    sort,
    order: orderParam === 'asc' || orderParam === 'desc' ? orderParam : naturalOrder(sort),
    page: Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1),
  };
  const update = (patch: Partial<PublicationFilter>) => {
    const next = { ...filter, page: 1, ...patch };
    const query = new URLSearchParams();
    if (next.q.trim()) query.set('q', next.q.trim());
    if (next.sectionId) query.set('section', next.sectionId);
    if (next.state) query.set('state', next.state as PublicationState);
    if (next.stale) query.set('stale', '1');
    if (next.sort !== DEFAULT_SORT || next.order !== naturalOrder(next.sort)) {
      query.set('sort', next.sort);
      query.set('order', next.order);
    }
    if (next.page > 1) query.set('page', String(next.page));
    setParams(query);
  };
  const filtered = Boolean(filter.q.trim() || filter.sectionId || filter.state || filter.stale);
  return { filter, update, filtered };
}
