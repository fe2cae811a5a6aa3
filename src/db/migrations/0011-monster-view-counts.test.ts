import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestDatabase, testEngines } from '../../../test/helpers/databases.js';
import { migrateTo } from '../../../test/helpers/migrate-to.js';
import { mostViewedMonsters } from '../../features/consent/index.js';
import type { DatabaseHandle } from '../connection.js';
import { seedDemoCatalogueIfEmpty } from '../seed/seed.js';

const MIGRATION = '0011-monster-view-counts';

async function view(
  handle: DatabaseHandle,
  monsterId: number,
  visitorId: string,
  day = '2026-01-01',
) {
  // A visitor's view counts once a day, as the consent feature records it.
  await handle.db
    .insertInto('monster_views')
    .values({ monster_id: monsterId, visitor_id: visitorId, day })
    .onConflict((conflict) => conflict.doNothing())
    .execute();
}

async function ranking(handle: DatabaseHandle): Promise<[number, number][]> {
  const ranked = await mostViewedMonsters(handle.db, 5);
  return ranked.map((monster) => [monster.id, monster.views]);
}

for (const engine of testEngines()) {
  test(`the "most viewed" ranking keeps its views through migration ${MIGRATION} and after, on ${engine}`, async (t) => {
    const database = await createTestDatabase(engine);
    t.after(() => database.destroy());
    const { handle } = database;
    await migrateTo(handle, '0010-shared-limits');
    await seedDemoCatalogueIfEmpty(handle);
    for (const visitor of ['a', 'b', 'c']) await view(handle, 2, visitor);
    for (const visitor of ['a', 'b']) await view(handle, 1, visitor);
    await view(handle, 666, 'a');

    await migrateTo(handle, MIGRATION);
    assert.deepEqual(
      await ranking(handle),
      [
        [2, 3],
        [1, 2],
        [666, 1],
      ],
      'views recorded before',
    );

    for (const visitor of ['b', 'c', 'd']) await view(handle, 666, visitor);
    await view(handle, 666, 'd'); // the same visitor the same day counts once
    await view(handle, 666, 'd', '2026-01-02');
    assert.deepEqual(
      await ranking(handle),
      [
        [666, 5],
        [2, 3],
        [1, 2],
      ],
      'views recorded after',
    );

    await handle.db.deleteFrom('monster_views').where('visitor_id', '=', 'a').execute();
    assert.deepEqual(
      await ranking(handle),
      [
        [666, 4],
        [2, 2],
        [1, 1],
      ],
      'views forgotten',
    );
    await handle.db.deleteFrom('monsters').where('id', '=', 666).execute();
    assert.deepEqual(
      await ranking(handle),
      [
        [2, 2],
        [1, 1],
      ],
      'a deleted monster leaves the ranking',
    );

    await migrateTo(handle, '0010-shared-limits');
    await view(handle, 1, 'e');
    await migrateTo(handle, MIGRATION);
    assert.deepEqual(
      await ranking(handle),
      [
        [1, 2],
        [2, 2],
      ],
      'rolled back and up again (a tie goes by id)',
    );
  });
}
