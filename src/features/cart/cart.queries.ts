import type { DB } from '../../db/connection.js';

/** What the cart needs to know about a monster to price and check a line. */
export interface CartMonster {
  readonly id: number;
  readonly name: string;
  readonly category: string;
  readonly price_cents: number;
  readonly stock: number;
  readonly image: string | null;
}

export function findCartMonsters(db: DB, ids: readonly number[]): Promise<CartMonster[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('monsters')
    .select(['id', 'name', 'category', 'price_cents', 'stock', 'image'])
    .where('id', 'in', [...ids])
    .orderBy('id')
    .execute();
}
