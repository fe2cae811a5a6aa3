import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { testEngines } from '../../../test/helpers/databases.js';
import { TestClient } from '../../../test/helpers/http-client.js';
import { buildTestApp } from '../../../test/helpers/test-app.js';

const JACK = '666';
const JACK_PAGE = '/monsters/curcubitaceous/666';
const FRENCH = { accept: 'text/html', 'accept-language': 'fr-FR,fr;q=0.9' };

/** The answer to a refused form on a POST-only URL: a 303 to a page one can reload. */
function redirectTarget(response: LightMyRequestResponse): string {
  assert.equal(response.statusCode, 303, response.body.slice(0, 300));
  return String(response.headers.location);
}

/** The one `<form>` element with this id, as the page renders it. */
function formById(html: string, id: string): string {
  const start = html.indexOf(`id="${id}"`);
  assert.ok(start >= 0, `the page has a form ${id}`);
  return html.slice(html.lastIndexOf('<form', start), html.indexOf('</form>', start));
}

/** An `<input>` with this id, its attributes as one string. */
function inputById(html: string, id: string): string {
  return new RegExp(`<input id="${id}"[^>]*>`).exec(html)?.[0] ?? '';
}

for (const engine of testEngines()) {
  test(`a refused add to cart goes back to the monster's page, marked, and a reload is clean on ${engine}`, async (t) => {
    const { app, database } = await buildTestApp(t, engine);
    await database.handle.db
      .updateTable('monsters')
      .set({ stock: 3 })
      .where('id', '=', 666)
      .execute();
    const client = new TestClient(app);
    const refused = await client.submit(JACK_PAGE, '/cart/items', {
      monster_id: JACK,
      quantity: '7',
      back: JACK_PAGE,
    });
    assert.equal(redirectTarget(refused), JACK_PAGE);

    const page = await client.get(JACK_PAGE);
    assert.equal(page.statusCode, 409, 'the page says the add was refused');
    assert.match(page.body, /<title>Error: /);
    assert.equal(page.headers['cache-control'], 'no-store', 'no shared cache keeps the refusal');
    const form = formById(page.body, 'add-to-cart-666');
    assert.match(form, /Only 3 Jack O(&#39;|')Lantern left in stock: your cart is unchanged\./);
    const quantity = inputById(form, 'add-to-cart-666-quantity');
    assert.match(quantity, /value="7"/, 'the quantity typed is kept');
    assert.match(quantity, /aria-invalid="true"/);
    assert.match(quantity, /aria-describedby="error-summary"/);
    assert.match(
      page.body,
      /<form class="language-switch"[^>]*><input type="hidden" name="next" value="\/monsters\/curcubitaceous\/666"\/>/,
      'switching language leads back to this page, not to the POST-only URL',
    );

    const reload = await client.get(JACK_PAGE);
    assert.equal(reload.statusCode, 200, 'the refusal is shown once');
    assert.doesNotMatch(reload.body, /aria-invalid="true"/);
    assert.match(inputById(reload.body, 'add-to-cart-666-quantity'), /value="1"/);
    const cart = await client.get('/api/cart', { accept: 'application/json' });
    assert.deepEqual(cart.json().items, [], 'the cart is unchanged');
  });

  test(`a carried refusal shows only on its own page, and a HEAD request leaves it there, on ${engine}`, async (t) => {
    const { app } = await buildTestApp(t, engine);
    const client = new TestClient(app);
    const refuse = async () =>
      redirectTarget(
        await client.submit(JACK_PAGE, '/cart/items', {
          monster_id: JACK,
          quantity: '9999',
          back: JACK_PAGE,
        }),
      );

    await refuse();
    const head = await client.request({ method: 'HEAD', url: JACK_PAGE });
    assert.equal(head.statusCode, 200, 'a HEAD request does not take the refusal');
    assert.equal((await client.get(JACK_PAGE)).statusCode, 400, 'the GET that follows shows it');

    await refuse();
    const elsewhere = await client.get('/halloween');
    assert.equal(elsewhere.statusCode, 200, 'another page does not answer with the refusal');
    const back = await client.get(JACK_PAGE);
    assert.equal(back.statusCode, 200, 'the refusal is gone once another page was shown');
    assert.doesNotMatch(back.body, /id="error-summary"/);
  });

  test(`a malformed quantity is refused on its form, in French too, on ${engine}`, async (t) => {
    const { app } = await buildTestApp(t, engine);
    const client = new TestClient(app, FRENCH);
    const refused = await client.submit(JACK_PAGE, '/cart/items', {
      monster_id: JACK,
      quantity: 'plein',
      back: JACK_PAGE,
    });
    assert.equal(redirectTarget(refused), JACK_PAGE);
    const page = await client.get(JACK_PAGE);
    assert.equal(page.statusCode, 400);
    assert.match(page.body, /<title>Erreur\s:\s/);
    const form = formById(page.body, 'add-to-cart-666');
    assert.match(form, /Veuillez corriger les champs signalés\./);
    assert.match(form, /class="field-error" id="add-to-cart-666-quantity-error"/);
    const quantity = inputById(form, 'add-to-cart-666-quantity');
    assert.match(quantity, /value="plein"/);
    assert.match(quantity, /aria-invalid="true"/);
    assert.match(quantity, /aria-describedby="error-summary add-to-cart-666-quantity-error"/);

    // Switching language after the refusal is an ordinary page, not a 405.
    const english = await client.get(JACK_PAGE, { 'accept-language': 'en' });
    assert.equal(english.statusCode, 200);
  });

  test(`a refused add goes back to the list or the search it came from on ${engine}`, async (t) => {
    const { app, database } = await buildTestApp(t, engine);
    await database.handle.db
      .updateTable('monsters')
      .set({ stock: 0 })
      .where('id', '=', 666)
      .execute();
    const client = new TestClient(app);
    for (const back of ['/monsters?page=1', '/search?q=jack']) {
      const refused = await client.submit(back, '/cart/items', { monster_id: JACK, back });
      assert.equal(redirectTarget(refused), back);
      const page = await client.get(back);
      assert.equal(page.statusCode, 409, back);
      assert.equal(page.headers['cache-control'], 'no-store', back);
      assert.equal((await client.get(back)).statusCode, 200, `${back} reloads clean`);
    }
    // A page elsewhere is never a target: the cart says why instead.
    for (const back of ['https://evil.example/', '//evil.example/', '/\\evil.example']) {
      const refused = await client.submit('/cart', '/cart/items', { monster_id: JACK, back });
      assert.equal(redirectTarget(refused), '/cart', back);
      const cart = await client.get('/cart');
      assert.equal(cart.statusCode, 409);
      assert.match(cart.body, /Jack O(&#39;|')Lantern is sold out: your cart is unchanged\./);
    }
  });

  test(`an add naming no monster of the shop is explained on the cart page on ${engine}`, async (t) => {
    const { app } = await buildTestApp(t, engine);
    const client = new TestClient(app, FRENCH);
    const cases: [string, number, RegExp][] = [
      ['999999', 404, /Ce monstre n’existe pas \(ou plus\)\./],
      ['abc', 400, /Veuillez corriger les champs signalés\./],
    ];
    for (const [monsterId, status, message] of cases) {
      const refused = await client.submit(JACK_PAGE, '/cart/items', {
        monster_id: monsterId,
        back: JACK_PAGE,
      });
      assert.equal(redirectTarget(refused), '/cart', monsterId);
      const cart = await client.get('/cart');
      assert.equal(cart.statusCode, status, monsterId);
      assert.match(cart.body, message);
      assert.match(cart.body, /class="form-error" role="alert"/);
    }
  });

  test(`a refused quantity change goes back to the cart with that line marked on ${engine}`, async (t) => {
    const { app, database } = await buildTestApp(t, engine);
    await database.handle.db
      .updateTable('monsters')
      .set({ stock: 4 })
      .where('id', '=', 666)
      .execute();
    for (const [headers, message, title] of [
      [{ accept: 'text/html' }, /Only 4 Jack O(&#39;|')Lantern left in stock/, /<title>Error: /],
      [
        FRENCH,
        /Il ne reste que 4 exemplaires de «\s?Jack O(&#39;|')Lantern\s?» en stock/,
        /<title>Erreur\s:\s/,
      ],
    ] as const) {
      const client = new TestClient(app, headers);
      await client.submit(JACK_PAGE, '/cart/items', { monster_id: JACK, quantity: '2' });
      await client.submit(JACK_PAGE, '/cart/items', { monster_id: '1', quantity: '1' });
      const refused = await client.submit('/cart', `/cart/items/${JACK}`, { quantity: '9' });
      assert.equal(redirectTarget(refused), '/cart');

      const cart = await client.get('/cart');
      assert.equal(cart.statusCode, 409);
      assert.match(cart.body, title);
      assert.equal(cart.headers['cache-control'], 'no-store');
      const jack = inputById(cart.body, 'field-quantity-666');
      assert.match(jack, /value="9"/, 'the quantity typed is kept');
      assert.match(jack, /aria-invalid="true"/);
      assert.match(jack, /aria-describedby="field-quantity-666-error"/);
      assert.match(cart.body, new RegExp(`id="field-quantity-666-error">${message.source}`));
      const cthulhu = inputById(cart.body, 'field-quantity-1');
      assert.match(cthulhu, /value="1"/);
      assert.doesNotMatch(cthulhu, /aria-invalid/, 'only the refused line is marked');

      const reload = await client.get('/cart');
      assert.equal(reload.statusCode, 200);
      assert.match(inputById(reload.body, 'field-quantity-666'), /value="2"/, 'cart unchanged');
      assert.doesNotMatch(reload.body, /aria-invalid="true"/);
    }
  });

  test(`a malformed quantity or line id in a change is refused on the cart page on ${engine}`, async (t) => {
    const { app } = await buildTestApp(t, engine);
    const client = new TestClient(app);
    await client.submit(JACK_PAGE, '/cart/items', { monster_id: JACK, quantity: '2' });
    const refused = await client.submit('/cart', `/cart/items/${JACK}`, { quantity: '-1' });
    assert.equal(redirectTarget(refused), '/cart');
    const cart = await client.get('/cart');
    assert.equal(cart.statusCode, 400);
    assert.match(inputById(cart.body, 'field-quantity-666'), /value="-1"/);
    assert.match(cart.body, /<a href="#field-quantity-666">/, 'the summary links the field');

    const unknown = await client.submit('/cart', '/cart/items/abc', { quantity: '1' });
    assert.equal(redirectTarget(unknown), '/cart');
    const again = await client.get('/cart');
    assert.equal(again.statusCode, 404);
    assert.match(again.body, /This monster does not exist \(any more\)\./);
  });

  test(`the empty cart invites to browse the monsters, in both languages, on ${engine}`, async (t) => {
    const { app } = await buildTestApp(t, engine);
    for (const [headers, sentence, link] of [
      [{ accept: 'text/html' }, /Your cart is empty\./, 'Browse the monsters'],
      [FRENCH, /Votre panier est vide\./, 'Parcourir les monstres'],
    ] as const) {
      const cart = await new TestClient(app, headers).get('/cart');
      assert.equal(cart.statusCode, 200);
      const empty = /<section class="empty-cart">.*?<\/section>/s.exec(cart.body)?.[0] ?? '';
      assert.match(empty, /<img src="\/static\/img\/pumpkin\.svg[^"]*" alt(="")? /);
      assert.match(empty, sentence);
      assert.ok(empty.includes(`<a class="button" href="/monsters">${link}</a>`), link);
      assert.doesNotMatch(cart.body, /<table/);
    }
  });

  test(`each cart cell names itself, so a phone can show the lines as cards, on ${engine}`, async (t) => {
    const { app } = await buildTestApp(t, engine);
    const client = new TestClient(app, FRENCH);
    await client.submit(JACK_PAGE, '/cart/items', { monster_id: JACK, quantity: '2' });
    const cart = await client.get('/cart');
    const row = /<tbody>.*?<\/tbody>/s.exec(cart.body)?.[0] ?? '';
    for (const label of ['Monstre', 'Prix unitaire', 'Quantité', 'Total']) {
      assert.ok(row.includes(`data-label="${label}"`), label);
    }
    assert.match(row, /<span class="amount">6,66\s€<\/span>/);
    assert.match(row, /<span class="amount">13,32\s€<\/span>/);
    assert.match(cart.body, /<strong class="amount">13,32\s€<\/strong>/);
    assert.match(cart.body, /href="\/monsters">Continuer mes achats<\/a>/);
  });
}
