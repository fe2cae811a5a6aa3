import { sql } from 'kysely';
import type { DB, Dialect } from '../../db/connection.js';
import { countSearchMatches, matchesSearch, rankedSearchIds } from './search.queries.js';

/** The public columns of a monster: the JSON object of SPEC §4, everywhere. */
export const MONSTER_COLUMNS = [
  'id',
  'name',
  'height',
  'category',
  'description',
  'price_cents',
  'stock',
  'image',
] as const;

export interface Monster {
  readonly id: number;
  readonly name: string;
  readonly height: number;
  readonly category: string;
  readonly description: string;
  readonly price_cents: number;
  readonly stock: number;
  readonly image: string | null;
}

export function findMonsterById(db: DB, id: number): Promise<Monster | undefined> {
  return db.selectFrom('monsters').select(MONSTER_COLUMNS).where('id', '=', id).executeTakeFirst();
}

/** A stable showcase for the home page: the course's own monsters first, then by id. */
export function listFeaturedMonsters(db: DB, limit: number): Promise<Monster[]> {
  return db
    .selectFrom('monsters')
    .select(MONSTER_COLUMNS)
    .where('stock', '>', 0)
    .orderBy((eb) => eb.case().when('id', 'in', [1, 2, 666]).then(0).else(1).end())
    .orderBy('id')
    .limit(limit)
    .execute();
}

export const SORT_KEYS = ['id', 'name', 'height', 'price'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export const SORT_ORDERS = ['asc', 'desc'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

/**
 * Each sort key has an index `(column, id)` (migration 0001), and
 * `(category, column, id)` for a filtered list (0002): no sort step on any page.
 */
const SORT_COLUMNS = {
  id: 'id',
  name: 'name',
  height: 'height',
  price: 'price_cents',
} as const satisfies Record<SortKey, keyof Monster>;

export interface MonsterFilter {
  /** Only monsters of this category. */
  readonly category?: string | undefined;
  /** Only monsters matching every search term (see search-terms.ts); none: no search. */
  readonly terms?: readonly string[] | undefined;
}

export interface MonsterOrdering {
  /** Absent: by relevance when searching, else by id. */
  readonly sort?: SortKey | undefined;
  readonly order: SortOrder;
  readonly limit: number;
  readonly offset: number;
}

function filteredMonsters(db: DB, dialect: Dialect, filter: MonsterFilter) {
  let query = db.selectFrom('monsters');
  if (filter.category !== undefined) query = query.where('category', '=', filter.category);
  if (filter.terms !== undefined) query = query.where(matchesSearch(dialect, filter.terms));
  return query;
}

/**
 * One page of monsters; ties are broken by id so pages never overlap. A
 * search without an explicit sort comes by relevance (search.queries.ts).
 */
export async function listMonsters(
  db: DB,
  dialect: Dialect,
  filter: MonsterFilter,
  ordering: MonsterOrdering,
): Promise<Monster[]> {
  const { terms, category } = filter;
  if (terms !== undefined && ordering.sort === undefined) {
    const ids = await rankedSearchIds(db, dialect, { terms, category }, ordering);
    return findMonstersInOrder(db, ids);
  }
  const { order } = ordering;
  const column = SORT_COLUMNS[ordering.sort ?? 'id'];
  let query = filteredMonsters(db, dialect, filter).select(MONSTER_COLUMNS);
  if (column !== 'id') query = query.orderBy(column, order);
  return query.orderBy('id', order).limit(ordering.limit).offset(ordering.offset).execute();
}

async function findMonstersInOrder(db: DB, ids: readonly number[]): Promise<Monster[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('monsters')
    .select(MONSTER_COLUMNS)
    .where('id', 'in', ids)
    .execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export async function countMonsters(
  db: DB,
  dialect: Dialect,
  filter: MonsterFilter,
): Promise<number> {
  const { terms, category } = filter;
  if (terms !== undefined) return countSearchMatches(db, dialect, { terms, category });
  const { count } = await filteredMonsters(db, dialect, filter)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(count);
}

/**
 * The distinct categories, in order, by skipping through the
 * `(category, id)` index one category at a time: a handful of index seeks
 * however many monsters there are (a plain DISTINCT reads every row).
 */
export async function listCategories(db: DB): Promise<string[]> {
  const { rows } = await sql<{ category: string }>`
    with recursive categories (category) as (
      select min(category) from monsters
      union all
      select (select min(category) from monsters where category > categories.category)
      from categories where categories.category is not null
    )
    select category from categories where category is not null`.execute(db);
  return rows.map((row) => row.category);
}
