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

/** The ranking read from the counts kept by triggers (migration 0011), most viewed first. */
export async function mostViewedMonsters(db: DB, limit: number): Promise<RankedMonster[]> {
  const rows = await db
    .selectFrom('monster_view_counts')
    .innerJoin('monsters', 'monsters.id', 'monster_view_counts.monster_id')
    .select(['monsters.id', 'monsters.name', 'monsters.category', 'monster_view_counts.views'])
    .where('monster_view_counts.views', '>', 0)
    .orderBy('monster_view_counts.views', 'desc')
    .orderBy('monster_view_counts.monster_id')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ ...row, views: Number(row.views) }));
}
