import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testEngines } from '../../../test/helpers/databases.js';
import { buildTestApp } from '../../../test/helpers/test-app.js';
import { seedGeneratedMonsters } from '../../db/seed/seed.js';

/** Every generated monster "haunts … after midnight": 10,050 of them match `midnight`. */
const GENERATED = 10_050;
const DEMO_COUNT = 31;

const countLine = (html: string) =>
  /<p id="search-count"[^>]*>(.*?)<\/p>/s.exec(html)?.[1]?.replace(/\s/gu, ' ') ?? '';

for (const engine of testEngines()) {
  test(`a search past 10,000 matches says "10,000+" and pages on, on ${engine}`, async (t) => {
    const { app } = await buildTestApp(t, engine);
    await seedGeneratedMonsters(app.database, GENERATED);

    for (const url of ['/search?q=midnight', '/api/monsters?q=midnight']) {
      const first = (await app.inject(url)).json();
      assert.equal(first.total, 10_000, url);
      assert.equal(first.total_capped, true, url);
      assert.equal(first.items.length, 20, url);
      const later = (await app.inject(`${url}&page=3&per_page=50`)).json();
      assert.equal(later.items.length, 50, `${url}: the pages go on`);
      assert.equal(later.total_capped, true);
    }

    const html = (lang: string) =>
      app.inject({
        url: '/search?q=midnight',
        headers: { accept: 'text/html', 'accept-language': lang },
      });
    assert.equal(countLine((await html('en')).body), '10,000+ monsters found.');
    assert.equal(countLine((await html('fr')).body), '10 000+ monstres trouvés.');

    // Below the cap, and without a search, totals stay exact and unflagged.
    const narrow = (await app.inject('/search?q=cthulhu')).json();
    assert.equal(narrow.total, 1);
    assert.equal('total_capped' in narrow, false);
    const all = (await app.inject('/api/monsters')).json();
    assert.equal(all.total, GENERATED + DEMO_COUNT);
    assert.equal('total_capped' in all, false);
  });
}
