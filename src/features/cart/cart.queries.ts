import type { DB } from '../../db/connection.js';
import { findMonstersByIds, type Monster } from '../../db/monsters.queries.js';

/** What the cart prices and checks a line by. */
const CART_COLUMNS = ['name', 'category', 'price_cents', 'stock', 'image'] as const;

export type CartMonster = Pick<Monster, 'id' | (typeof CART_COLUMNS)[number]>;

/** The monsters of a cart's lines, in the order of the ids. */
export function findCartMonsters(db: DB, ids: readonly number[]): Promise<CartMonster[]> {
  return findMonstersByIds(db, ids, CART_COLUMNS);
}
