import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase, testEngines } from '../../../test/helpers/databases.js';
import { migrateTo } from '../../../test/helpers/migrate-to.js';
import type { DatabaseHandle } from '../connection.js';
import { rollbackLast } from '../migrator.js';
import { seedDemoCatalogueIfEmpty, seedGeneratedMonsters } from '../seed/seed.js';

const MIGRATION = '0009-monster-column-defaults';

/** The course's own statement, word for word. */
const courseInsert = (id: number) =>
  sql.raw(`INSERT INTO monsters(id, name, height) VALUES (${id}, 'Blob', 300)`);

/** The monsters whose index entry holds a word beginning with `term`. */
async function found(handle: DatabaseHandle, term: string): Promise<number[]> {
  const matching =
    handle.dialect === 'sqlite'
      ? sql<{
          id: number;
        }>`select rowid as id from monsters_fts where monsters_fts match ${`"${term}"*`}`
      : sql<{ id: number }>`select id from monsters_search
          where document @@ to_tsquery('simple', ${`${term}:*`})`;
  const { rows } = await matching.execute(handle.db);
  return rows.map((row) => Number(row.id)).toSorted((a, b) => a - b);
}

async function allRows(handle: DatabaseHandle, table: string): Promise<unknown[]> {
  const { rows } = await sql`select * from ${sql.table(table)} order by 1, 2`.execute(handle.db);
  return rows;
}

/** What SQLite keeps around `monsters`: its indexes, triggers and views, by name. */
async function schemaObjects(handle: DatabaseHandle): Promise<string[]> {
  if (handle.dialect !== 'sqlite') return [];
  const { rows } = await sql<{ entry: string }>`
    select type || ' ' || name as entry from sqlite_schema
    where type in ('index', 'trigger', 'view') order by type, name`.execute(handle.db);
  return rows.map((row) => row.entry);
}

for (const engine of testEngines()) {
  test(`the course's INSERT INTO monsters(id, name, height) works through migration ${MIGRATION}, which rolls back keeping every row, on ${engine}`, async (t) => {
    const database = await createTestDatabase(engine);
    t.after(() => database.destroy());
    const { handle } = database;
    const { db } = handle;
    await migrateTo(handle, MIGRATION);
    await seedDemoCatalogueIfEmpty(handle);
    // Rows elsewhere that point at monsters: a rebuild with foreign keys on would delete or unlink them.
    await seedGeneratedMonsters(handle, 2);
    await sql`insert into users (email, name, password_hash) values ('a@example.com', 'A', 'x')`.execute(
      db,
    );
    await sql`insert into orders (user_id, total_cents) values (1, 4200)`.execute(db);
    await sql`insert into order_items (order_id, monster_id, name, unit_price_cents, quantity)
      values (1, 666, 'Jack', 4200, 1)`.execute(db);
    await sql`insert into monster_views (monster_id, visitor_id, day)
      values (1, 'visitor', '2026-10-31')`.execute(db);
    // The newest id is deleted: AUTOINCREMENT must not give it again after a rebuild.
    const { rows: newest } = await sql<{ id: number }>`select max(id) as id from monsters`.execute(
      db,
    );
    const deletedId = Number(newest[0]?.id);
    await sql`delete from monsters where id = ${deletedId}`.execute(db);
    const objects = await schemaObjects(handle);
    const linked = async () => [
      await allRows(handle, 'order_items'),
      await allRows(handle, 'monster_views'),
    ];
    const linkedBefore = await linked();

    await courseInsert(42).execute(db);
    const { rows: blob } = await sql<Record<string, unknown>>`
      select * from monsters where id = 42`.execute(db);
    assert.deepEqual(Object.keys(blob[0] ?? {}).slice(0, 3), ['id', 'name', 'height']);
    assert.deepEqual(
      {
        category: blob[0]?.category,
        price_cents: Number(blob[0]?.price_cents),
        stock: Number(blob[0]?.stock),
        description: blob[0]?.description,
        description_fr: blob[0]?.description_fr,
        image: blob[0]?.image,
      },
      {
        category: 'unsorted',
        price_cents: 0,
        stock: 0,
        description: '',
        description_fr: '',
        image: null,
      },
    );
    assert.ok(blob[0]?.created_at && blob[0]?.updated_at, 'timestamps filled in');
    assert.deepEqual(
      await db.selectFrom('categories').selectAll().where('slug', '=', 'unsorted').execute(),
      [{ slug: 'unsorted', name_en: 'Unsorted', name_fr: 'Non classés' }],
    );
    // The search triggers and the category counts saw the insert.
    assert.deepEqual(await found(handle, 'blob'), [42]);
    assert.deepEqual(await found(handle, 'classes'), [42], 'found by its category in French');
    const count = await db
      .selectFrom('monster_category_counts')
      .select('count')
      .where('category', '=', 'unsorted')
      .executeTakeFirst();
    assert.equal(Number(count?.count), 1);
    // The course's query lists Blob among the others, by height.
    const { rows: byHeight } = await sql<{
      id: number;
      height: number;
    }>`SELECT * FROM monsters ORDER BY height ASC`.execute(db);
    const heights = byHeight.map((row) => row.height);
    assert.deepEqual(
      heights,
      heights.toSorted((a, b) => a - b),
    );
    assert.equal(byHeight.find((row) => row.id === 42)?.height, 300);

    assert.deepEqual(await linked(), linkedBefore, 'order lines and views kept');
    assert.deepEqual(await schemaObjects(handle), objects, 'indexes, triggers and views back');
    const { rows: next } = await sql<{ id: number }>`
      insert into monsters (name, height) values ('Blob Junior', 30) returning id`.execute(db);
    assert.ok(Number(next[0]?.id) > deletedId, 'a deleted id is never given again');

    // Down: every row stays, the defaults go (and "Unsorted" stays: monsters use it).
    const rowsUp = await allRows(handle, 'monsters');
    assert.deepEqual((await rollbackLast(handle, { dropData: false })).names, [MIGRATION]);
    assert.deepEqual(await allRows(handle, 'monsters'), rowsUp);
    assert.deepEqual(await linked(), linkedBefore);
    assert.deepEqual(await schemaObjects(handle), objects);
    await assert.rejects(courseInsert(43).execute(db), /null|category/i);
    await sql`update monsters set name = 'Blobby' where id = 42`.execute(db);
    assert.deepEqual(await found(handle, 'blobby'), [42], 'search triggers work after down');
    assert.equal(
      (await db.selectFrom('categories').select('slug').where('slug', '=', 'unsorted').execute())
        .length,
      1,
    );

    // Up again: still every row, and the course's INSERT works again.
    const rowsDown = await allRows(handle, 'monsters');
    assert.deepEqual(await migrateTo(handle, MIGRATION), [MIGRATION]);
    assert.deepEqual(await allRows(handle, 'monsters'), rowsDown);
    assert.deepEqual(await linked(), linkedBefore);
    await courseInsert(43).execute(db);
    assert.deepEqual(await found(handle, 'blob'), [42, 43, Number(next[0]?.id)]);

    // A database that never used "Unsorted" loses it on the way down.
    await sql`delete from monsters where category = 'unsorted'`.execute(db);
    await rollbackLast(handle, { dropData: false });
    assert.equal(
      (await db.selectFrom('categories').select('slug').where('slug', '=', 'unsorted').execute())
        .length,
      0,
    );
  });
}
