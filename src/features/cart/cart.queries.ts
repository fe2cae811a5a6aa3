import type { DB } from '../../db/connection.js';
import type { MonsterRow } from '../../db/tables.js';

/** What the cart needs to know about a monster to price and check a line. */
export type CartMonster = Pick<
  MonsterRow,
  'id' | 'name' | 'category' | 'price_cents' | 'stock' | 'image'
>;

export function findCartMonsters(db: DB, ids: readonly number[]): Promise<CartMonster[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('monsters')
    .select(['id', 'name', 'category', 'price_cents', 'stock', 'image'])
    .where('id', 'in', [...ids])
    .orderBy('id')
    .execute();
}
