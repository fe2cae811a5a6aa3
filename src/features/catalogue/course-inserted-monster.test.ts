import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { testEngines } from '../../../test/helpers/databases.js';
import { TestClient } from '../../../test/helpers/http-client.js';
import { buildTestApp } from '../../../test/helpers/test-app.js';

/** The card of monster `id` on a list page. */
function cardOf(html: string, id: number): string {
  for (const match of html.matchAll(/<article class="monster-card"[^>]*>.*?<\/article>/gs)) {
    if (match[0].includes(`aria-labelledby="monster-${id}-name"`)) return match[0];
  }
  return '';
}

const mainOf = (html: string) => /<main[^>]*>.*<\/main>/s.exec(html)?.[0] ?? '';

/*
 * A monster added the course's way, `INSERT INTO monsters(id, name, height)`,
 * has only defaults: category "unsorted", price 0, stock 0, no picture.
 * The shop lists it, says it is not for sale (never "€0.00"), sold out, and
 * offers no "Add to cart"; the cart refuses it all the same.
 */
for (const engine of testEngines()) {
  test(`a monster from the course's INSERT shows as unsorted, not for sale, sold out, on ${engine}`, async (t) => {
    const { app, database } = await buildTestApp(t, engine);
    await sql`INSERT INTO monsters(id, name, height) VALUES (42, 'Blob', 300)`.execute(
      database.handle.db,
    );
    const client = new TestClient(app);

    const list = await client.get('/monsters?category=unsorted');
    assert.equal(list.statusCode, 200);
    const card = cardOf(list.body, 42);
    assert.match(card, /<a href="\/monsters\/unsorted\/42">Blob<\/a>/);
    assert.match(card, /<span>Unsorted<\/span>/);
    assert.match(card, /class="monster-card-placeholder"/, 'a placeholder picture');
    assert.match(card, /class="monster-card-price price">Not for sale</);
    assert.match(card, /Sold out/);
    assert.doesNotMatch(card, /€|add-to-cart/, 'no price and no "Add to cart"');
    const french = await client.get('/monsters?category=unsorted', { 'accept-language': 'fr' });
    assert.match(cardOf(french.body, 42), /Non classés.*Pas à vendre.*Épuisé/s);
    const table = await client.get('/monsters?category=unsorted&view=table');
    assert.doesNotMatch(mainOf(table.body), /€/);

    const page = await client.get('/monsters/unsorted/42');
    assert.equal(page.statusCode, 200);
    const main = mainOf(page.body);
    assert.match(main, /<h1>Blob<\/h1>/);
    assert.match(main, /class="monster-price price">Not for sale</);
    assert.match(main, /Sold out/);
    assert.match(main, /role="img" aria-label="Picture of Blob"/);
    assert.doesNotMatch(main, /€|add-to-cart/);

    const json = await app.inject({ url: '/monsters/unsorted/42', headers: { accept: '*/*' } });
    assert.deepEqual(json.json(), {
      id: 42,
      name: 'Blob',
      height: 300,
      category: 'unsorted',
      description: '',
      price_cents: 0,
      stock: 0,
      image: null,
    });

    const search = await client.get('/search?q=blob');
    assert.match(mainOf(search.body), /href="\/monsters\/unsorted\/42"/, 'search finds it');

    // Even once in stock, a monster without a price cannot be bought.
    await sql`update monsters set stock = 3 where id = 42`.execute(database.handle.db);
    const restocked = await client.get('/monsters/unsorted/42');
    assert.doesNotMatch(mainOf(restocked.body), /add-to-cart/);
    const refused = await client.submit('/monsters/cosmic/1', '/cart/items', {
      monster_id: '42',
      quantity: '1',
      back: '/monsters/unsorted/42',
    });
    assert.equal(refused.statusCode, 303);
    const shown = await client.get(String(refused.headers.location));
    assert.match(mainOf(shown.body), /Blob is not for sale: your cart is unchanged\./);
    const cart = await client.get('/cart');
    assert.doesNotMatch(mainOf(cart.body), /Blob/);
  });
}
