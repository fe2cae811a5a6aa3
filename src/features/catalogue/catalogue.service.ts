import type { DatabaseHandle } from '../../db/connection.js';
import { notFound } from '../../shared/http-error.js';
import {
  countMonsters,
  findMonsterById,
  listMonsters,
  type Monster,
  type MonsterFilter,
  type SortKey,
  type SortOrder,
} from './catalogue.queries.js';
import { pageOf } from './catalogue.schemas.js';
import { searchTerms } from './search-terms.js';

/** The largest id a monster can have (PostgreSQL `integer`). */
const MAX_MONSTER_ID = 2_147_483_647;

export interface MonsterPage {
  readonly items: Monster[];
  readonly page: number;
  readonly per_page: number;
  readonly total: number;
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
  const [items, total] = await Promise.all([
    listMonsters(db, dialect, filter, {
      sort: params.sort,
      order: params.order ?? 'asc',
      limit: per_page,
      offset: (page - 1) * per_page,
    }),
    countMonsters(db, dialect, filter),
  ]);
  return { items, page, per_page, total };
}

/** A monster id from a URL: digits only, within range; anything else is not an id. */
export function parseMonsterId(text: string): number | undefined {
  if (!/^\d{1,10}$/.test(text)) return undefined;
  const id = Number(text);
  return id >= 1 && id <= MAX_MONSTER_ID ? id : undefined;
}

/** The monster with this id (a number, or its text from a URL), or a 404. */
export async function getMonster(database: DatabaseHandle, id: number | string): Promise<Monster> {
  const parsed = typeof id === 'number' ? id : parseMonsterId(id);
  const monster = parsed === undefined ? undefined : await findMonsterById(database.db, parsed);
  if (!monster) throw notFound();
  return monster;
}
