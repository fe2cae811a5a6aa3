import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase, testEngines } from '../../../test/helpers/databases.js';
import { migrateTo } from '../../../test/helpers/migrate-to.js';
import { browseMonsters } from '../../features/catalogue/index.js';
import type { DatabaseHandle } from '../connection.js';
import { generatedMonster } from '../seed/generated-monsters.js';
import { seedDemoCatalogueIfEmpty } from '../seed/seed.js';

const MIGRATION = '0012-monster-name-search';

const monster = (name: string, description: string) => ({
  ...generatedMonster(0),
  name,
  description,
});

async function found(handle: DatabaseHandle, q: string): Promise<string[]> {
  const { items } = await browseMonsters(handle, { q, per_page: 100 });
  return items.map((monster) => monster.name);
}

for (const engine of testEngines()) {
  test(`a search ranks names first through migration ${MIGRATION}, as monsters change, on ${engine}`, async (t) => {
    const database = await createTestDatabase(engine);
    t.after(() => database.destroy());
    const { handle } = database;
    const { db } = handle;
    await migrateTo(handle, '0011-monster-view-counts');
    await seedDemoCatalogueIfEmpty(handle);
    await db
      .insertInto('monsters')
      .values([monster('Zorblax', 'Old.'), monster('Plain', 'Like a zorblax, only paler.')])
      .execute();
    await migrateTo(handle, MIGRATION);
    assert.deepEqual(await found(handle, 'zorblax'), ['Zorblax', 'Plain'], 'names indexed');

    await db
      .updateTable('monsters')
      .set({ name: 'Zorblaxine' })
      .where('name', '=', 'Zorblax')
      .execute();
    await db.insertInto('monsters').values(monster('Zorblax the Second', 'New.')).execute();
    assert.deepEqual(
      await found(handle, 'zorblax'),
      ['Zorblax the Second', 'Zorblaxine', 'Plain'],
      'a whole name word, then a name prefix, then the rest',
    );
    await db.deleteFrom('monsters').where('name', '=', 'Zorblax the Second').execute();
    if (engine === 'sqlite') {
      const [row] = await db
        .selectFrom('monsters')
        .select('id')
        .where('name', '=', 'Plain')
        .execute();
      await sql`insert or replace into monsters (id, name, height, category, description)
        values (${row?.id}, 'Zorblax Replaced', 1, 'cosmic', 'Gone.')`.execute(db);
      assert.deepEqual(await found(handle, 'zorblax'), ['Zorblax Replaced', 'Zorblaxine']);
    } else {
      assert.deepEqual(await found(handle, 'zorblax'), ['Zorblaxine', 'Plain']);
    }

    await migrateTo(handle, '0011-monster-view-counts');
    await migrateTo(handle, MIGRATION);
    assert.equal((await found(handle, 'zorblaxine'))[0], 'Zorblaxine', 'rolled back and up again');
  });
}
