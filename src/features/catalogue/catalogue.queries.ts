import { sql } from 'kysely';
import type { DB, Dialect } from '../../db/connection.js';
import { searchSql } from './search.queries.js';

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

/** Each sort key has an index `(column, id)` (migration 0001): no sort step on any page. */
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
  if (filter.terms !== undefined) query = query.where(searchSql(dialect).matches(filter.terms));
  return query;
}

/** One page of monsters; ties are broken by id so pages never overlap. */
export function listMonsters(
  db: DB,
  dialect: Dialect,
  filter: MonsterFilter,
  ordering: MonsterOrdering,
): Promise<Monster[]> {
  let query = filteredMonsters(db, dialect, filter).select(MONSTER_COLUMNS);
  const { order } = ordering;
  if (ordering.sort === undefined && filter.terms !== undefined) {
    query = query.orderBy(searchSql(dialect).rank(filter.terms)).orderBy('name').orderBy('id');
  } else {
    const column = SORT_COLUMNS[ordering.sort ?? 'id'];
    if (column !== 'id') query = query.orderBy(column, order);
    query = query.orderBy('id', order);
  }
  return query.limit(ordering.limit).offset(ordering.offset).execute();
}

export async function countMonsters(
  db: DB,
  dialect: Dialect,
  filter: MonsterFilter,
): Promise<number> {
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
