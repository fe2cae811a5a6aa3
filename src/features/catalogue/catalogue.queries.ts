import type { DB } from '../../db/connection.js';

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
