import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase, testEngines } from '../../../test/helpers/databases.js';
import { migrateTo } from '../../../test/helpers/migrate-to.js';
import type { DatabaseHandle } from '../connection.js';
import { demoMonsterRows } from '../seed/seed.js';

const BEFORE = '0007-order-totals-bigint';
const AFTER = '0008-catalogue-in-two-languages';

/**
 * The monsters whose index entry holds a word beginning with each term
 * (lower-case, unaccented: the app folds what a visitor types the same way).
 */
async function found(handle: DatabaseHandle, query: string): Promise<number[]> {
  const terms = query.split(' ');
  const matching =
    handle.dialect === 'sqlite'
      ? sql<{ id: number }>`select rowid as id from monsters_fts
          where monsters_fts match ${terms.map((term) => `"${term}"*`).join(' AND ')}`
      : sql<{ id: number }>`select id from monsters_search
          where document @@ to_tsquery('simple', ${terms.map((term) => `${term}:*`).join(' & ')})`;
  const { rows } = await matching.execute(handle.db);
  return rows.map((row) => Number(row.id)).toSorted((a, b) => a - b);
}

/** The columns every version of the schema has, row by row. */
async function monsterRows(handle: DatabaseHandle): Promise<unknown[]> {
  const { rows } = await sql`
    select id, name, height, category, description, price_cents, stock, image, created_at, updated_at
    from monsters order by id`.execute(handle.db);
  return rows;
}

async function tableExists(handle: DatabaseHandle, table: string): Promise<boolean> {
  return (await handle.db.introspection.getTables()).some((found) => found.name === table);
}

async function columnsOfMonsters(handle: DatabaseHandle): Promise<string[]> {
  const table = (await handle.db.introspection.getTables()).find(
    (found) => found.name === 'monsters',
  );
  return table?.columns.map((column) => column.name) ?? [];
}

const idsOf = (category: string) =>
  demoMonsterRows()
    .filter((monster) => monster.category === category)
    .map((monster) => monster.id)
    .toSorted((a, b) => a - b);

for (const engine of testEngines()) {
  test(`migration 0008 names the categories in use, indexes French, and rolls back keeping the rows, on ${engine}`, async (t) => {
    const database = await createTestDatabase(engine);
    t.after(() => database.destroy());
    const { handle } = database;

    // A shop running the schema of 0007: the demo catalogue, plus a category of its own.
    await migrateTo(handle, BEFORE);
    const legacy = demoMonsterRows().map(({ description_fr: _french, ...row }) => row);
    await handle.db.insertInto('monsters').values(legacy).execute();
    await sql`insert into monsters (id, name, height, category, description, price_cents)
      values (700, 'Nessie Junior', 80, 'sea-serpents', 'A small lake serpent.', 1200)`.execute(
      handle.db,
    );
    const rowsBefore = await monsterRows(handle);

    await migrateTo(handle, AFTER);
    assert.deepEqual(await monsterRows(handle), rowsBefore, 'every monster kept as it was');
    const columns = await columnsOfMonsters(handle);
    assert.deepEqual(columns.slice(0, 3), ['id', 'name', 'height']);
    assert.equal(columns.at(-1), 'description_fr');
    const categories = await handle.db
      .selectFrom('categories')
      .selectAll()
      .orderBy('slug')
      .execute();
    assert.deepEqual(
      categories.map((category) => category.slug),
      [
        'beast',
        'cosmic',
        'cryptid',
        'curcubitaceous',
        'folklore',
        'sea-serpents',
        'spirit',
        'undead',
      ],
    );
    assert.deepEqual(
      categories.find((category) => category.slug === 'undead'),
      { slug: 'undead', name_en: 'Undead', name_fr: 'Morts-vivants' },
    );
    assert.deepEqual(
      categories.find((category) => category.slug === 'sea-serpents'),
      { slug: 'sea-serpents', name_en: 'Sea serpents', name_fr: 'Sea serpents' },
      'a category of the shop own gets a name read from its slug',
    );

    // Search sees the category names in both languages, accents aside, and still the rest.
    assert.deepEqual(await found(handle, 'morts vivants'), idsOf('undead'));
    assert.deepEqual(await found(handle, 'cucurbitacees'), idsOf('curcubitaceous'));
    assert.deepEqual(await found(handle, 'cucurbits'), idsOf('curcubitaceous'));
    assert.deepEqual(await found(handle, 'gevaudan'), [3]);
    assert.deepEqual(await found(handle, 'citrouille'), [], 'nothing is in French yet');

    // The index follows French descriptions and category names as they are written.
    await handle.db
      .updateTable('monsters')
      .set({ description_fr: 'Une citrouille qui sourit jusqu’aux oreilles.' })
      .where('id', '=', 666)
      .execute();
    assert.deepEqual(await found(handle, 'citrouille'), [666]);
    await handle.db
      .updateTable('categories')
      .set({ name_fr: 'Serpents de mer' })
      .where('slug', '=', 'sea-serpents')
      .execute();
    assert.deepEqual(await found(handle, 'serpents mer'), [700]);
    await handle.db.deleteFrom('categories').where('slug', '=', 'sea-serpents').execute();
    assert.deepEqual(
      await found(handle, 'mer'),
      [],
      'an unnamed category is found by its slug only',
    );
    assert.deepEqual(await found(handle, 'sea serpents'), [700]);
    await handle.db
      .insertInto('categories')
      .values({ slug: 'sea-serpents', name_en: 'Sea serpents', name_fr: 'Serpents marins' })
      .execute();
    assert.deepEqual(await found(handle, 'marins'), [700]);
    await handle.db.deleteFrom('monsters').where('id', '=', 700).execute();
    assert.deepEqual(await found(handle, 'marins'), []);
    await assert.rejects(
      handle.db
        .insertInto('categories')
        .values({ slug: 'Sea Monsters', name_en: 'Sea monsters', name_fr: 'Monstres marins' })
        .execute(),
      'a slug is lower-case letters, digits and hyphens',
    );

    // Rolling back keeps every monster and gives the search of 0002 back.
    const rowsAfter = await monsterRows(handle);
    await migrateTo(handle, BEFORE);
    assert.deepEqual(await monsterRows(handle), rowsAfter);
    assert.ok(!(await columnsOfMonsters(handle)).includes('description_fr'));
    assert.equal(await tableExists(handle, 'categories'), false);
    assert.deepEqual(await found(handle, 'gevaudan'), [3]);
    assert.deepEqual(await found(handle, 'citrouille'), []);
    // Writes go through the triggers of 0002 again.
    await handle.db
      .updateTable('monsters')
      .set({ name: 'Cthulhu Rex' })
      .where('id', '=', 1)
      .execute();
    await handle.db.deleteFrom('monsters').where('id', '=', 2).execute();
    assert.deepEqual(await found(handle, 'rex'), [1]);
    assert.deepEqual(await found(handle, 'nyarlathotep'), []);

    await migrateTo(handle, AFTER);
    assert.deepEqual(await found(handle, 'rex'), [1]);
    assert.deepEqual(
      await found(handle, 'horreurs cosmiques'),
      idsOf('cosmic').filter((id) => id !== 2),
    );
  });
}
