import type { Page } from '../../common/types.js';

export interface PageRequest {
  page?: number;
  pageSize?: number;
}

export const DEFAULT_PAGE_SIZE = 25;

export function pageWindow(request: PageRequest): { page: number; limit: number; offset: number } {
  const page = Math.max(1, request.page ?? 1);
  const limit = Math.min(100, Math.max(1, request.pageSize ?? DEFAULT_PAGE_SIZE));
  return { page, limit, offset: (page - 1) * limit };
}

export function toPage<T>(items: T[], total: number, page: number, limit: number): Page<T> {
  return { total, page, pages: Math.max(1, Math.ceil(total / limit)), items };
}
