import { API_PREFIX } from '../../shared/negotiation.js';
import { DEFAULT_PER_PAGE } from '../../shared/schemas.js';
import { monsterIdPath, SITE_PATHS } from '../../shared/site-paths.js';

/** The catalogue's URLs; the JSON API has the list and `/:id` under /api. */
export const MONSTERS_PATH = SITE_PATHS.monsters;
/** Any monster by its id alone: redirects to its canonical page. */
export const MONSTER_ID_ROUTE = `${MONSTERS_PATH}/:id`;
export const MONSTER_PAGE_ROUTE = `${MONSTERS_PATH}/:category/:id`;

/** A monster in the JSON API, as a `Location` header names it. */
export const monsterApiPath = (id: number): string => `${API_PREFIX}${monsterIdPath(id)}`;

/** Query parameters of a list page; defaults are left out of the URL. */
export interface ListUrlParams {
  readonly q?: string | undefined;
  readonly category?: string | undefined;
  readonly sort?: string | undefined;
  readonly order?: string | undefined;
  readonly page?: number | undefined;
  readonly per_page?: number | undefined;
  /** How the list page shows the monsters; cards unless `table`. */
  readonly view?: string | undefined;
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
  if (params.view === 'table') search.set('view', 'table');
  const query = search.toString();
  return query === '' ? path : `${path}?${query}`;
}

/** One page of the catalogue list. */
export const monstersUrl = (params: ListUrlParams = {}): string => listUrl(MONSTERS_PATH, params);

/** The list of one category's monsters: `/monsters?category=cosmic`. */
export const categoryUrl = (category: string): string => monstersUrl({ category });
