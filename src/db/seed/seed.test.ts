import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestDatabase, testEngines } from '../../../test/helpers/databases.js';
import { migrateToLatest } from '../migrator.js';
import { demoMonsters } from './demo-monsters.js';
import { seedDemoCatalogueIfEmpty, seedGeneratedMonsters } from './seed.js';

test('every demo monster has its own French description', () => {
  for (const monster of demoMonsters) {
    assert.ok(monster.descriptionFr.trim().length > 0, `${monster.name} has a French description`);
    assert.notEqual(monster.descriptionFr, monster.description, `${monster.name} is translated`);
    // Typographic apostrophes, as the shop's French texts write them.
    assert.doesNotMatch(monster.descriptionFr, /'/, `${monster.name}: ’ rather than '`);
  }
  const jack = demoMonsters.find((monster) => monster.id === 666);
  assert.match(jack?.descriptionFr ?? '', /citrouille/);
});

for (const engine of testEngines()) {
  test(`a new database gets the catalogue in both languages on ${engine}`, async (t) => {
    const database = await createTestDatabase(engine);
    t.after(() => database.destroy());
    const { handle } = database;
    await migrateToLatest(handle);
    await seedDemoCatalogueIfEmpty(handle);
    await seedGeneratedMonsters(handle, 30);

    const monsters = await handle.db
      .selectFrom('monsters')
      .select(['id', 'name', 'category', 'description', 'description_fr'])
      .execute();
    assert.equal(monsters.length, demoMonsters.length + 30);
    for (const monster of monsters) {
      assert.ok(monster.description_fr.length > 0, `${monster.name} has a French description`);
      assert.notEqual(monster.description_fr, monster.description, monster.name);
    }
    assert.equal(
      monsters.find((monster) => monster.id === 3)?.description_fr,
      demoMonsters.find((monster) => monster.id === 3)?.descriptionFr,
    );

    const categories = await handle.db.selectFrom('categories').selectAll().execute();
    const named = new Map(categories.map((category) => [category.slug, category]));
    for (const slug of new Set(monsters.map((monster) => monster.category))) {
      const category = named.get(slug);
      assert.ok(category, `${slug} is named`);
      assert.ok(category.name_en.length > 0 && category.name_fr.length > 0, slug);
    }
    assert.deepEqual(named.get('cosmic'), {
      slug: 'cosmic',
      name_en: 'Cosmic horrors',
      name_fr: 'Horreurs cosmiques',
    });
    assert.equal(named.get('curcubitaceous')?.name_fr, 'Cucurbitacées');
  });
}
