import type { CompiledQuery } from 'kysely';
import type { DB, Dialect } from '../../db/connection.js';
import type { MonsterRow } from '../../db/tables.js';
import { countSearchMatches, matchesSearch, rankedSearchIds } from './search.queries.js';

/** The public columns of a monster: the JSON object of docs/requirements.md §4, everywhere. */
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
export type MonsterColumn = (typeof MONSTER_COLUMNS)[number];

/** A monster as every feature sees it: its row, without the bookkeeping timestamps. */
export type Monster = Readonly<Pick<MonsterRow, MonsterColumn>>;

const monsterByIdQueries = new WeakMap<DB, CompiledQuery<Monster>>();

/**
 * The hottest read of the app (every monster page, `GET /api/monsters/:id`):
 * built and compiled by Kysely once per database, then run with the id as
 * its only parameter (a bench profile: building the query cost more than running it).
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
    return findMonstersByIds(db, ids);
  }
  const { order } = ordering;
  const column = SORT_COLUMNS[ordering.sort ?? 'id'];
  let query = filteredMonsters(db, dialect, filter).select(MONSTER_COLUMNS);
  if (column !== 'id') query = query.orderBy(column, order);
  return query.orderBy('id', order).limit(ordering.limit).offset(ordering.offset).execute();
}

/**
 * The monsters with these ids, in the order of the ids (each once); ids of
 * no monster are left out. `columns` narrows the row (the `id` always
 * comes): a cart of 500 lines needs no descriptions.
 */
export async function findMonstersByIds<C extends MonsterColumn = MonsterColumn>(
  db: DB,
  ids: readonly number[],
  columns: readonly C[] = MONSTER_COLUMNS as readonly MonsterColumn[] as readonly C[],
): Promise<Pick<Monster, C | 'id'>[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const rows: Pick<Monster, C | 'id'>[] = await db
    .selectFrom('monsters')
    .select([...new Set<MonsterColumn>(['id', ...columns])])
    .where('id', 'in', unique)
    .execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  return unique.flatMap((id) => byId.get(id) ?? []);
}

/** Kept by triggers (migration 0002): list totals without counting rows. */
type CategoryCountsTable = {
  monster_category_counts: { category: string; count: number };
};

export async function countMonsters(
  db: DB,
  dialect: Dialect,
  filter: MonsterFilter,
): Promise<number> {
  const { terms, category } = filter;
  if (terms !== undefined) return countSearchMatches(db, dialect, { terms, category });
  const counts = db.withTables<CategoryCountsTable>().selectFrom('monster_category_counts');
  const row =
    category === undefined
      ? await counts.select((eb) => eb.fn.sum<number>('count').as('count')).executeTakeFirst()
      : await counts.select('count').where('category', '=', category).executeTakeFirst();
  return Number(row?.count ?? 0);
}

/** The categories that hold at least one monster, in order. */
export async function listCategories(db: DB): Promise<string[]> {
  const rows = await db
    .withTables<CategoryCountsTable>()
    .selectFrom('monster_category_counts')
    .select('category')
    .where('count', '>', 0)
    .orderBy('category')
    .execute();
  return rows.map((row) => row.category);
}
