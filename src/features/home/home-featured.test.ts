import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testEngines } from '../../../test/helpers/databases.js';
import { buildTestApp } from '../../../test/helpers/test-app.js';

for (const engine of testEngines()) {
  test(`the home page features the course's monsters, then the first in stock, on ${engine}`, async (t) => {
    const { app } = await buildTestApp(t, engine);
    const db = app.database.db;
    // Sold out: Cthulhu (a course monster) and the first other monster.
    const [firstOther] = await db
      .selectFrom('monsters')
      .select('id')
      .where('id', 'not in', [1, 2, 666])
      .orderBy('id')
      .limit(1)
      .execute();
    const soldOut = [1, firstOther?.id ?? 0];
    await db.updateTable('monsters').set({ stock: 0 }).where('id', 'in', soldOut).execute();
    const inStock = await db
      .selectFrom('monsters')
      .select('id')
      .where('stock', '>', 0)
      .orderBy('id')
      .execute();
    const course = inStock.map((row) => row.id).filter((id) => [2, 666].includes(id));
    const others = inStock.map((row) => row.id).filter((id) => ![1, 2, 666].includes(id));
    const expected = [...course, ...others].slice(0, 8);

    const home = await app.inject({ url: '/', headers: { accept: 'text/html' } });
    const featured =
      /<section[^>]*aria-labelledby="featured-title".*?<\/section>/s.exec(home.body)?.[0] ?? '';
    const shown = [...featured.matchAll(/id="monster-(\d+)-name"/g)].map((m) => Number(m[1]));
    assert.deepEqual(shown, expected);
  });
}
