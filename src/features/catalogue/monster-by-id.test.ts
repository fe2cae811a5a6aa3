import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  createTestDatabase,
  type Engine,
  type TestDatabase,
  testEngines,
} from '../../../test/helpers/databases.js';
import { migrateToLatest } from '../../db/migrator.js';
import { seedDemoCatalogueIfEmpty } from '../../db/seed/seed.js';
import { findMonsterById } from './catalogue.queries.js';

async function demoCatalogue(engine: Engine): Promise<TestDatabase> {
  const database = await createTestDatabase(engine);
  await migrateToLatest(database.handle);
  await seedDemoCatalogueIfEmpty(database.handle);
  return database;
}

/**
 * findMonsterById compiles its query once per database and runs it with each
 * call's id (docs/decisions/012-performance-tricks.md): every engine open in
 * the process gets its own SQL, and each call its own monster.
 */
test('the monster-by-id query compiled once answers each call with its own monster, on every engine at once', async (t) => {
  const databases = await Promise.all(testEngines().map(demoCatalogue));
  t.after(() => Promise.all(databases.map((database) => database.destroy())));
  const [first] = databases as [TestDatabase];
  const ids = (await first.handle.db.selectFrom('monsters').select('id').orderBy('id').execute())
    .map((row) => row.id)
    .slice(0, 5);
  assert.ok(ids.length >= 3, 'the demo catalogue holds monsters');

  for (const id of [...ids, 2_147_483_647, ...[...ids].reverse()]) {
    for (const { handle } of databases) {
      const expected = await handle.db
        .selectFrom('monsters')
        .select(['id', 'name', 'price_cents'])
        .where('id', '=', id)
        .executeTakeFirst();
      const found = await findMonsterById(handle.db, id);
      assert.deepEqual(
        found && { id: found.id, name: found.name, price_cents: found.price_cents },
        expected,
        `${handle.dialect}: monster ${id}`,
      );
    }
  }

  // A transaction is another Kysely instance: it gets its own compiled query, and sees its own writes.
  for (const { handle } of databases) {
    const [id] = ids as [number];
    const renamed = await handle.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('monsters')
        .set({ name: 'Renamed in a transaction' })
        .where('id', '=', id)
        .execute();
      const inside = await findMonsterById(trx, id);
      await trx
        .updateTable('monsters')
        .set({ name: 'Renamed back' })
        .where('id', '=', id)
        .execute();
      return inside?.name;
    });
    assert.equal(renamed, 'Renamed in a transaction', handle.dialect);
    assert.equal((await findMonsterById(handle.db, id))?.name, 'Renamed back', handle.dialect);
  }
});
