import { DEFAULT_PER_PAGE } from './catalogue.schemas.js';

/** Query parameters of a list page; defaults are left out of the URL. */
export interface ListUrlParams {
  readonly q?: string | undefined;
  readonly category?: string | undefined;
  readonly sort?: string | undefined;
  readonly order?: string | undefined;
  readonly page?: number | undefined;
  readonly per_page?: number | undefined;
}

/** `/monsters?category=cosmic&sort=name&page=2`: the links of the list and search pages. */
export function listUrl(path: string, params: ListUrlParams): string {
  const search = new URLSearchParams();
  if (params.q) search.set('q', params.q);
  if (params.category) search.set('category', params.category);
  if (params.sort) search.set('sort', params.sort);
  if (params.order === 'desc') search.set('order', 'desc');
  if (params.page !== undefined && params.page > 1) search.set('page', String(params.page));
  if (params.per_page !== undefined && params.per_page !== DEFAULT_PER_PAGE) {
    search.set('per_page', String(params.per_page));
  }
  const query = search.toString();
  return query === '' ? path : `${path}?${query}`;
}
