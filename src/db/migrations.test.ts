import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase, testEngines } from '../../test/helpers/databases.js';
import { migrateToLatest, pendingMigrations, rollbackAll, rollbackLast } from './migrator.js';
import { seedDemoCatalogueIfEmpty, seedGeneratedMonsters } from './seed/seed.js';
import type { NewMonsterRow } from './tables.js';

const TABLES = ['consents', 'monsters', 'order_items', 'orders', 'sessions', 'users'];

for (const engine of testEngines()) {
  test(`migrations apply, roll back and re-apply on ${engine}`, async (t) => {
    const database = await createTestDatabase(engine);
    t.after(() => database.destroy());
    const { handle } = database;
    const tableNames = async () =>
      (await handle.db.introspection.getTables())
        .map((table) => table.name)
        .filter((name) => TABLES.includes(name))
        .sort();

    const applied = await migrateToLatest(handle);
    assert.ok(applied.names.length >= 1);
    assert.deepEqual(await tableNames(), TABLES);
    assert.deepEqual(await pendingMigrations(handle), []);
    assert.deepEqual((await migrateToLatest(handle)).names, [], 'a second run applies nothing');

    const undone = await rollbackLast(handle, { dropData: false });
    assert.equal(undone.names.length, 1);
    assert.deepEqual(await pendingMigrations(handle), [undone.names[0]]);

    await rollbackAll(handle);
    assert.deepEqual(await tableNames(), []);
    await migrateToLatest(handle);
    assert.deepEqual(await tableNames(), TABLES);
  });

  test(`the demo catalogue holds the course's rows on ${engine}`, async (t) => {
    const database = await createTestDatabase(engine);
    t.after(() => database.destroy());
    const { handle } = database;
    await migrateToLatest(handle);

    const loaded = await seedDemoCatalogueIfEmpty(handle);
    assert.ok(loaded >= 25);
    assert.equal(await seedDemoCatalogueIfEmpty(handle), 0, 'never loaded twice');

    // The course's own query reads naturally: id, name, height come first.
    const { rows } = await sql<
      Record<string, unknown>
    >`SELECT * FROM monsters ORDER BY height ASC`.execute(handle.db);
    assert.deepEqual(Object.keys(rows[0] ?? {}).slice(0, 3), ['id', 'name', 'height']);
    const byId = new Map(rows.map((row) => [row.id, row]));
    assert.deepEqual(pick(byId.get(1)), { name: 'Cthulhu', height: 47, category: 'cosmic' });
    assert.deepEqual(pick(byId.get(2)), { name: 'Nyarlathotep', height: 100, category: 'cosmic' });
    assert.deepEqual(pick(byId.get(666), ['name', 'category']), {
      name: "Jack O'Lantern",
      category: 'curcubitaceous',
    });
    const beast = rows.find((row) => row.name === 'La Bête du Gévaudan');
    assert.equal(beast?.category, 'folklore');
    assert.ok(new Set(rows.map((row) => row.category)).size >= 4);
    for (const row of rows) {
      assert.ok(String(row.description).length > 0, `${row.name} has a description`);
      assert.match(String(row.image), /^\/static\/img\/monsters\/[a-z0-9-]+\.svg$/);
    }

    // New rows get fresh ids after the explicit demo ids (PostgreSQL's sequence is moved past them).
    await seedGeneratedMonsters(handle, 3);
    const newest = await handle.db
      .selectFrom('monsters')
      .select('id')
      .orderBy('id', 'desc')
      .limit(3)
      .execute();
    assert.ok(newest.every((row) => row.id > 666));
  });

  test(`constraints reject impossible monsters on ${engine}`, async (t) => {
    const database = await createTestDatabase(engine);
    t.after(() => database.destroy());
    await migrateToLatest(database.handle);
    const insert = (values: Partial<NewMonsterRow>) =>
      database.handle.db
        .insertInto('monsters')
        .values({
          name: 'Blob',
          height: 10,
          category: 'beast',
          description: '',
          price_cents: 100,
          stock: 1,
          ...values,
        })
        .execute();
    await insert({});
    for (const bad of [
      { height: -1 },
      { price_cents: -5 },
      { stock: -1 },
      { name: '' },
      { name: 'x'.repeat(101) },
    ]) {
      await assert.rejects(insert(bad), Error, JSON.stringify(bad));
    }
  });
}

function pick(row: Record<string, unknown> | undefined, keys = ['name', 'height', 'category']) {
  return Object.fromEntries(keys.map((key) => [key, row?.[key]]));
}
