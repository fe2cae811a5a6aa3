import type { DB } from '../../db/connection.js';
import type { Monster } from '../../db/monsters.queries.js';

/** A monster with the number of consenting visitors who viewed it (one a day each). */
export type RankedMonster = Pick<Monster, 'id' | 'name' | 'category'> & { readonly views: number };

export async function insertConsentProof(
  db: DB,
  proof: { choices: string; policyVersion: string; userId: number | null; createdAt: string },
): Promise<void> {
  await db
    .insertInto('consents')
    .values({
      choices: proof.choices,
      policy_version: proof.policyVersion,
      user_id: proof.userId,
      created_at: proof.createdAt,
    })
    .execute();
}

export async function recordMonsterView(
  db: DB,
  view: { monsterId: number; visitorId: string; day: string },
): Promise<void> {
  await db
    .insertInto('monster_views')
    .values({ monster_id: view.monsterId, visitor_id: view.visitorId, day: view.day })
    .onConflict((conflict) => conflict.doNothing())
    .execute();
}

export async function mostViewedMonsters(db: DB, limit: number): Promise<RankedMonster[]> {
  const rows = await db
    .selectFrom('monster_views')
    .innerJoin('monsters', 'monsters.id', 'monster_views.monster_id')
    .select((eb) => [
      'monsters.id',
      'monsters.name',
      'monsters.category',
      eb.fn.countAll<number>().as('views'),
    ])
    .groupBy(['monsters.id', 'monsters.name', 'monsters.category'])
    .orderBy('views', 'desc')
    .orderBy('monsters.id')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ ...row, views: Number(row.views) }));
}
