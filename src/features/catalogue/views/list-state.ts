import type { SortKey, SortOrder } from '../catalogue.queries.js';
import type { ListView } from '../list-page-query.js';

/** What a list page shows: the choices its links and its filter form carry from page to page. */
export interface ListState {
  readonly category?: string | undefined;
  readonly sort?: SortKey | undefined;
  readonly order?: SortOrder | undefined;
  readonly per_page: number;
  readonly view: ListView;
}

/** A category as a page offers it: its slug in URLs, its name in the visitor's language. */
export interface CategoryChoice {
  readonly slug: string;
  readonly name: string;
}
