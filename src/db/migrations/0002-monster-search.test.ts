import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Migrator, sql } from 'kysely';
import { createTestDatabase, testEngines } from '../../../test/helpers/databases.js';
import type { DatabaseHandle } from '../connection.js';
import { demoMonsterRows } from '../seed/seed.js';
import { migrationsFor } from './index.js';

function migrator(handle: DatabaseHandle): Migrator {
  return new Migrator({
    db: handle.db,
    provider: { getMigrations: async () => migrationsFor(handle.dialect) },
  });
}

const CATEGORY_SORT_INDEXES = [
  'monsters_category_height_idx',
  'monsters_category_name_idx',
  'monsters_category_price_cents_idx',
];

/** Every schema object the search migration creates, by engine. */
async function searchObjects(handle: DatabaseHandle): Promise<string[]> {
  if (handle.dialect === 'sqlite') {
    const { rows } = await sql<{ name: string }>`
      select name from sqlite_master
      where name like 'monsters_fts%' or name like 'monster_category_counts%'
        or name in (${sql.join(CATEGORY_SORT_INDEXES)})
      order by name`.execute(handle.db);
    return rows.map((row) => row.name);
  }
  const { rows } = await sql<{ name: string }>`
    select proname as name from pg_proc
    where proname like 'monsters_%' or proname like 'monster_category_counts%'
    union all select relname from pg_class
    where relname like 'monsters_search%' or relname like 'monster_category_counts%'
    union all select tgname from pg_trigger
    where tgname like 'monsters_search%' or tgname like 'monster_category_counts%'
    union all select extname from pg_extension where extname = 'unaccent'
    union all select indexname from pg_indexes where indexname in (${sql.join(CATEGORY_SORT_INDEXES)})
    order by name`.execute(handle.db);
  return rows.map((row) => row.name);
}

for (const engine of testEngines()) {
  test(`migration 0002 indexes existing monsters, and its down removes every trace, on ${engine}`, async (t) => {
    const database = await createTestDatabase(engine);
    t.after(() => database.destroy());
    const { handle } = database;
    const migrations = migrator(handle);

    const initial = await migrations.migrateTo('0001-initial-schema');
    assert.equal(initial.error, undefined);
    // The demo catalogue as the schema of 0001 holds it (no French yet).
    const rows = demoMonsterRows().map(({ description_fr: _french, ...row }) => row);
    await handle.db.insertInto('monsters').values(rows).execute();
    assert.deepEqual(await searchObjects(handle), []);

    const up = await migrations.migrateTo('0002-monster-search');
    assert.equal(up.error, undefined);
    const created = await searchObjects(handle);
    for (const index of CATEGORY_SORT_INDEXES) assert.ok(created.includes(index), index);
    assert.ok(created.includes('monster_category_counts'));
    assert.ok(created.length >= 10, created.join(', '));
    // Rows that were there before the migration are searchable.
    const matching =
      engine === 'sqlite'
        ? sql<{
            id: number;
          }>`select rowid as id from monsters_fts where monsters_fts match 'gevaudan'`
        : sql<{
            id: number;
          }>`select id from monsters_search where document @@ to_tsquery('simple', 'gevaudan')`;
    assert.deepEqual((await matching.execute(handle.db)).rows, [{ id: 3 }]);

    const down = await migrations.migrateTo('0001-initial-schema');
    assert.equal(down.error, undefined);
    assert.deepEqual(await searchObjects(handle), []);
    // Writes no longer go through a trigger that would fail.
    await handle.db.updateTable('monsters').set({ name: 'Cthulhu!' }).where('id', '=', 1).execute();
    await handle.db.deleteFrom('monsters').where('id', '=', 2).execute();

    const again = await migrations.migrateTo('0002-monster-search');
    assert.equal(again.error, undefined);
    const rematched =
      engine === 'sqlite'
        ? sql<{
            id: number;
          }>`select rowid as id from monsters_fts where monsters_fts match 'cthulhu'`
        : sql<{
            id: number;
          }>`select id from monsters_search where document @@ to_tsquery('simple', 'cthulhu')`;
    assert.deepEqual((await rematched.execute(handle.db)).rows, [{ id: 1 }]);
  });
}
