import type { DB } from '../../db/connection.js';
import type { MonsterRow, MonsterRowUpdate, NewMonsterRow } from '../../db/tables.js';

export async function insertMonster(db: DB, row: NewMonsterRow): Promise<number> {
  const inserted = await db
    .insertInto('monsters')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

/** Returns false when no monster has this id. */
export async function updateMonster(
  db: DB,
  id: number,
  changes: MonsterRowUpdate,
): Promise<boolean> {
  const result = await db
    .updateTable('monsters')
    .set({ ...changes, updated_at: new Date().toISOString() })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteMonster(db: DB, id: number): Promise<boolean> {
  const result = await db.deleteFrom('monsters').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** What an edit or a deletion needs to know of the stored monster. */
export async function findEditedMonster(
  db: DB,
  id: number,
): Promise<Pick<MonsterRow, 'image' | 'category'> | undefined> {
  return db
    .selectFrom('monsters')
    .select(['image', 'category'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Every category a monster may name: the named ones and any a monster already uses. */
export async function listCategorySlugs(db: DB): Promise<string[]> {
  const rows = await db
    .selectFrom('categories')
    .select('slug')
    .union(db.selectFrom('monsters').select('category as slug'))
    .orderBy('slug')
    .execute();
  return rows.map((row) => row.slug);
}
