import { encodeQueryValue } from '../../shared/safe-redirect.js';
import { SITE_PATHS } from '../../shared/site-paths.js';
import { listUrl } from '../catalogue/index.js';

/** The search page: `GET` shows it, `POST` (a form that posts) redirects to it. */
export const SEARCH_PATH = SITE_PATHS.search;

/** Where a posted search lands: every character of the query percent-encoded. */
export function searchResultsPath(query: string): string {
  return query === '' ? SEARCH_PATH : `${SEARCH_PATH}?q=${encodeQueryValue(query)}`;
}

/** One page of the results of `q`, as the pagination links write it. */
export function searchPageUrl(params: {
  readonly q: string;
  readonly page?: number | undefined;
  readonly per_page?: number | undefined;
}): string {
  return listUrl(SEARCH_PATH, params);
}
