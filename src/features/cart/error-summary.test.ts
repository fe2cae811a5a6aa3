import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TestClient } from '../../../test/helpers/http-client.js';
import { buildTestApp } from '../../../test/helpers/test-app.js';

const JACK = '666';
const JACK_PAGE = '/monsters/curcubitaceous/666';
const APOSTROPHE = "(&#39;|')";

/** The error summary's links, as [href, text] pairs in the order the page lists them. */
function summaryLinks(html: string): string[][] {
  const summary = /<div class="form-error"[\s\S]*?<\/div>/.exec(html)?.[0] ?? '';
  return [...summary.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map(([, href, text]) => [
    href ?? '',
    text ?? '',
  ]);
}

test('a refused add to cart: the summary leads to the quantity, named with its monster', async (t) => {
  const { app, database } = await buildTestApp(t, 'sqlite');
  await database.handle.db
    .updateTable('monsters')
    .set({ stock: 3 })
    .where('id', '=', 666)
    .execute();
  const client = new TestClient(app);
  await client.submit(JACK_PAGE, '/cart/items', {
    monster_id: JACK,
    quantity: '7',
    back: JACK_PAGE,
  });
  const page = await client.get(JACK_PAGE);
  assert.equal(page.statusCode, 409);
  const links = summaryLinks(page.body);
  assert.equal(links.length, 1, JSON.stringify(links));
  const [href, text] = links[0] ?? [];
  assert.equal(href, '#add-to-cart-666-quantity', 'the link goes to the form’s own input');
  assert.match(page.body, /<input id="add-to-cart-666-quantity"/);
  assert.match(text ?? '', new RegExp(`^Quantity of Jack O${APOSTROPHE}Lantern: Only 3 `));
});

test('a refused cart change: the summary names the line’s quantity; each Update button names its monster', async (t) => {
  const { app, database } = await buildTestApp(t, 'sqlite');
  const client = new TestClient(app);
  await client.submit(JACK_PAGE, '/cart/items', {
    monster_id: JACK,
    quantity: '2',
    back: JACK_PAGE,
  });
  await database.handle.db
    .updateTable('monsters')
    .set({ stock: 1 })
    .where('id', '=', 666)
    .execute();
  await client.submit('/cart', `/cart/items/${JACK}`, { quantity: '3' });
  const cart = await client.get('/cart');
  assert.equal(cart.statusCode, 409);
  const links = summaryLinks(cart.body);
  assert.equal(links.length, 1, JSON.stringify(links));
  assert.equal(links[0]?.[0], '#field-quantity-666');
  assert.match(links[0]?.[1] ?? '', new RegExp(`^Quantity of Jack O${APOSTROPHE}Lantern: \\S`));

  for (const [lang, name] of [
    ['en', `Update the quantity of Jack O${APOSTROPHE}Lantern`],
    ['fr', `Mettre à jour la quantité de Jack O${APOSTROPHE}Lantern`],
  ] as const) {
    const page = await client.get('/cart', { 'accept-language': lang });
    assert.match(
      page.body,
      new RegExp(`<button type="submit" class="secondary" aria-label="${name}">`),
      `${lang}: the Update button names its line`,
    );
  }
});

test('after adding to the cart, the message takes focus on load so it is read out', async (t) => {
  const { app } = await buildTestApp(t, 'sqlite');
  const client = new TestClient(app);
  const added = await client.submit(JACK_PAGE, '/cart/items', { monster_id: JACK, quantity: '1' });
  assert.equal(added.statusCode, 303);
  const cart = await client.get(String(added.headers.location));
  const flash = /<div class="flash-messages"[^>]*>/.exec(cart.body)?.[0] ?? '';
  assert.match(flash, /role="status"/);
  assert.match(flash, /tabindex="-1"/);
  assert.match(flash, /autofocus/);
  assert.match(cart.body, /Added 1 × Jack O(&#39;|')Lantern to your cart\./);
});
