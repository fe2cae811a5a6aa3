import type { CompiledQuery } from 'kysely';
import type { DB, Dialect } from '../../db/connection.js';
import { findMonstersByIds, MONSTER_COLUMNS, type Monster } from '../../db/monsters.queries.js';
import { MAX_COUNTED_MATCHES, type MatchCount, matchCountOf } from './match-count.js';
import { countSearchMatches, matchesSearch, rankedSearchIds } from './search.queries.js';

const monsterByIdQueries = new WeakMap<DB, CompiledQuery<Monster>>();

/**
 * The hottest read of the app (every monster page, `GET /api/monsters/:id`):
 * built and compiled by Kysely once per database, then run with the id as
 * its only parameter (docs/decisions/012-performance-tricks.md: building the
 * query cost more than running it).
 */
export async function findMonsterById(db: DB, id: number): Promise<Monster | undefined> {
  let compiled = monsterByIdQueries.get(db);
  if (!compiled) {
    compiled = db.selectFrom('monsters').select(MONSTER_COLUMNS).where('id', '=', 0).compile();
    monsterByIdQueries.set(db, compiled);
  }
  const { rows } = await db.executeQuery<Monster>({ ...compiled, parameters: [id] });
  return rows[0];
}

/** The course's own monsters (Cthulhu, the Yeti, the Beast). */
const COURSE_MONSTER_IDS = [1, 2, 666];

/**
 * A stable showcase for the home page: the course's own monsters first, then
 * by id. Two reads along the primary key: ordering every monster by "is it
 * the course's" sorted the whole catalogue (25 ms at 100,000 monsters).
 */
export async function listFeaturedMonsters(db: DB, limit: number): Promise<Monster[]> {
  const inStock = db.selectFrom('monsters').select(MONSTER_COLUMNS).where('stock', '>', 0);
  const [course, others] = await Promise.all([
    inStock.where('id', 'in', COURSE_MONSTER_IDS).orderBy('id').execute(),
    inStock.where('id', 'not in', COURSE_MONSTER_IDS).orderBy('id').limit(limit).execute(),
  ]);
  return [...course, ...others].slice(0, limit);
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
    return findMonstersByIds(db, ids);
  }
  const { order } = ordering;
  const column = SORT_COLUMNS[ordering.sort ?? 'id'];
  let query = filteredMonsters(db, dialect, filter).select(MONSTER_COLUMNS);
  if (column !== 'id') query = query.orderBy(column, order);
  return query.orderBy('id', order).limit(ordering.limit).offset(ordering.offset).execute();
}

/**
 * How many monsters a list holds: exact without a search (read from the
 * counts kept by triggers), counted up to the cap with one (match-count.ts).
 */
export async function countMonsters(
  db: DB,
  dialect: Dialect,
  filter: MonsterFilter,
): Promise<MatchCount> {
  const { terms, category } = filter;
  if (terms !== undefined) {
    const filter = { terms, category };
    return matchCountOf(await countSearchMatches(db, dialect, filter, MAX_COUNTED_MATCHES + 1));
  }
  const counts = db.selectFrom('monster_category_counts');
  const row =
    category === undefined
      ? await counts.select((eb) => eb.fn.sum<number>('count').as('count')).executeTakeFirst()
      : await counts.select('count').where('category', '=', category).executeTakeFirst();
  return { total: Number(row?.count ?? 0) };
}

/** The categories that hold at least one monster, in order. */
export async function listCategories(db: DB): Promise<string[]> {
  const rows = await db
    .selectFrom('monster_category_counts')
    .select('category')
    .where('count', '>', 0)
    .orderBy('category')
    .execute();
  return rows.map((row) => row.category);
}
