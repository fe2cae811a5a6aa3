import {
  type Category,
  type CategoryNames,
  findCategoryNames,
  listCategories as listNamedCategories,
} from '../../db/categories.queries.js';
import { defaultCategoryNames } from '../../db/category-names.js';
import type { DatabaseHandle } from '../../db/connection.js';
import type { Monster } from '../../db/monsters.queries.js';
import { readForm } from '../../plugins/read-form.js';
import { pageOf } from '../../shared/schemas.js';
import { catalogueErrors } from './catalogue.messages.js';
import {
  countMonsters,
  findMonsterById,
  listMonsters,
  listCategories as listStockedCategories,
  type MonsterFilter,
  type SortKey,
  type SortOrder,
} from './catalogue.queries.js';
import { MonsterIdParams } from './catalogue.schemas.js';
import type { MatchCount } from './match-count.js';
import { searchTerms } from './search-terms.js';

/** A search's `total` stops at MAX_COUNTED_MATCHES, flagged by `total_capped` (match-count.ts). */
export interface MonsterPage extends MatchCount {
  readonly items: Monster[];
  readonly page: number;
  readonly per_page: number;
}

export interface BrowseParams {
  readonly category?: string | undefined;
  /** A search; blank: no search. */
  readonly q?: string | undefined;
  readonly sort?: SortKey | undefined;
  readonly order?: SortOrder | undefined;
  readonly page?: number | undefined;
  readonly per_page?: number | undefined;
}

/**
 * One page of the catalogue, filtered by category and/or a search, with the
 * total for pagination. A page past the end is simply empty.
 */
export async function browseMonsters(
  database: DatabaseHandle,
  params: BrowseParams,
): Promise<MonsterPage> {
  const { db, dialect } = database;
  const { page, per_page } = pageOf(params);
  const query = params.q?.trim() ?? '';
  const filter: MonsterFilter = {
    category: params.category || undefined,
    terms: query === '' ? undefined : searchTerms(query),
  };
  if (filter.terms?.length === 0) return { items: [], page, per_page, total: 0 };
  const [items, count] = await Promise.all([
    listMonsters(db, dialect, filter, {
      sort: params.sort,
      order: params.order ?? 'asc',
      limit: per_page,
      offset: (page - 1) * per_page,
    }),
    countMonsters(db, dialect, filter),
  ]);
  return { items, page, per_page, ...count };
}

/** An id as a URL writes it, read by the API's own id schema; anything else is no id. */
function idOfText(text: string): number | undefined {
  const read = readForm(MonsterIdParams, { id: text });
  return read.ok ? read.value.id : undefined;
}

/**
 * The monster with this id (a number, or its text from a URL). Throws
 * `catalogue.unknown_monster` when there is none.
 */
export async function getMonster(database: DatabaseHandle, id: number | string): Promise<Monster> {
  const wanted = typeof id === 'number' ? id : idOfText(id);
  const monster = wanted === undefined ? undefined : await findMonsterById(database.db, wanted);
  if (!monster) throw catalogueErrors.unknownMonster();
  return monster;
}

/**
 * The names of these categories (of every named one without `slugs`);
 * `categoryLabel` shows an unnamed slug as words.
 */
export function categoryNames(
  database: DatabaseHandle,
  slugs?: readonly string[],
): Promise<CategoryNames> {
  return findCategoryNames(database.db, slugs);
}

/**
 * Every category a picker offers: the named ones, and any a monster uses
 * without a name yet (named from its slug), by English name then slug
 * (`inNameOrder` sorts them in the visitor's language). `stockedOnly`: only
 * those holding a monster (the public filter, where an emptied category
 * would only lead to "No monster matches").
 */
export async function listCategoryChoices(
  database: DatabaseHandle,
  { stockedOnly = false }: { readonly stockedOnly?: boolean } = {},
): Promise<Category[]> {
  const [named, used] = await Promise.all([
    listNamedCategories(database.db),
    listStockedCategories(database.db),
  ]);
  const stocked = new Set(used);
  const known = new Set(named.map((category) => category.slug));
  const unnamed = used
    .filter((slug) => !known.has(slug))
    .map((slug) => ({ slug, ...defaultCategoryNames(slug) }));
  const offered = stockedOnly ? named.filter(({ slug }) => stocked.has(slug)) : named;
  return [...offered, ...unnamed];
}
