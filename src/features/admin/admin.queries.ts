import type { DB } from '../../db/connection.js';
import type { MonsterInput } from './admin.schemas.js';

export async function insertMonster(
  db: DB,
  input: MonsterInput & { image: string | null },
): Promise<number> {
  const row = await db
    .insertInto('monsters')
    .values(input)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Returns false when no monster has this id. */
export async function updateMonster(
  db: DB,
  id: number,
  changes: Partial<MonsterInput> & { image?: string | null },
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
): Promise<{ image: string | null } | undefined> {
  return db.selectFrom('monsters').select('image').where('id', '=', id).executeTakeFirst();
}
