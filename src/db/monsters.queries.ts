import type { DB } from './connection.js';
import type { MonsterRow } from './tables.js';

/**
 * The monster every feature reads: the catalogue shows it, the cart prices
 * it, orders check its stock, the home page ranks it. Its lookup by ids
 * lives here, beside the table types, so that no feature reaches into
 * another to read a monster (docs/architecture.md "Boundaries").
 */

/**
 * The public columns of a monster: the JSON object of docs/requirements.md §4,
 * whose `description` is `description` or `description_fr` by the client's
 * language (chosen at the edge, src/features/catalogue/localized-monster.ts).
 */
export const MONSTER_COLUMNS = [
  'id',
  'name',
  'height',
  'category',
  'description',
  'price_cents',
  'stock',
  'image',
  'description_fr',
] as const;
export type MonsterColumn = (typeof MONSTER_COLUMNS)[number];

/** A monster as every feature sees it: its row, without the bookkeeping timestamps. */
export type Monster = Readonly<Pick<MonsterRow, MonsterColumn>>;

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
