import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestDatabase, testEngines } from '../../test/helpers/databases.js';
import {
  findCategoryNames,
  insertCategory,
  listCategories,
  upsertCategory,
} from './categories.queries.js';
import { migrateToLatest } from './migrator.js';
import { seedDemoCatalogueIfEmpty } from './seed/seed.js';

for (const engine of testEngines()) {
  test(`categories are added once, renamed, listed and looked up on ${engine}`, async (t) => {
    const database = await createTestDatabase(engine);
    t.after(() => database.destroy());
    const { db } = database.handle;
    await migrateToLatest(database.handle);
    await seedDemoCatalogueIfEmpty(database.handle);

    const krakens = { slug: 'sea-monsters', name_en: 'Sea monsters', name_fr: 'Monstres marins' };
    assert.equal(await insertCategory(db, krakens), true);
    assert.equal(
      await insertCategory(db, { ...krakens, name_en: 'Other' }),
      false,
      'an existing slug is left as it is',
    );
    assert.equal(
      (await findCategoryNames(db, ['sea-monsters'])).get('sea-monsters')?.name_en,
      'Sea monsters',
    );

    await upsertCategory(db, { ...krakens, name_fr: 'Monstres des mers' });
    await upsertCategory(db, { slug: 'gargoyles', name_en: 'Gargoyles', name_fr: 'Gargouilles' });
    const names = await findCategoryNames(db, [
      'sea-monsters',
      'gargoyles',
      'nothing',
      'gargoyles',
    ]);
    assert.deepEqual([...names.keys()].sort(), ['gargoyles', 'sea-monsters']);
    assert.equal(names.get('sea-monsters')?.name_fr, 'Monstres des mers');
    assert.equal((await findCategoryNames(db, [])).size, 0);
    assert.equal(
      (await findCategoryNames(db)).size,
      10,
      'the 7 demo categories, "Unsorted" (the default one) and 2 more',
    );

    const listed = await listCategories(db);
    assert.deepEqual(
      listed.map((category) => category.name_en),
      listed.map((category) => category.name_en).toSorted(),
    );
    assert.deepEqual(listed[0], { slug: 'beast', name_en: 'Beasts', name_fr: 'Bestiaire' });
  });
}
