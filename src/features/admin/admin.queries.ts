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

export async function findMonsterImage(
  db: DB,
  id: number,
): Promise<Pick<MonsterRow, 'image'> | undefined> {
  return db.selectFrom('monsters').select('image').where('id', '=', id).executeTakeFirst();
}
