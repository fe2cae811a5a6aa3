import assert from 'node:assert/strict';
import { type TestContext, test } from 'node:test';
import { testEngines } from '../../../test/helpers/databases.js';
import { STRONG_PASSWORD, TestClient } from '../../../test/helpers/http-client.js';
import { pageAfterRefusal } from '../../../test/helpers/refused-forms.js';
import { buildTestApp } from '../../../test/helpers/test-app.js';
import { createUser } from '../accounts/index.js';

/** What a browser's fetch() from one of our pages sends. */
const API_HEADERS = { accept: 'application/json', 'sec-fetch-site': 'same-origin' };
const JACK = '666';
const CTHULHU = '1';

for (const engine of testEngines()) {
  test(`an anonymous visitor fills a cart; the header counts it; quantities change and lines go on ${engine}`, async (t) => {
    const { app } = await buildTestApp(t, engine);
    const client = new TestClient(app);
    const added = await client.submit('/monsters/curcubitaceous/666', '/cart/items', {
      monster_id: JACK,
      quantity: '2',
    });
    assert.equal(added.statusCode, 303);
    assert.equal(added.headers.location, '/cart');
    await client.submit('/monsters/cosmic/1', '/cart/items', { monster_id: CTHULHU });

    const cart = await client.get('/cart');
    assert.equal(cart.statusCode, 200);
    assert.match(cart.body, /Added 1 × Cthulhu to your cart\./);
    assert.match(cart.body, /Cart \(3\)/, 'the header shows the item count');
    assert.match(cart.body, /Jack O&#39;Lantern|Jack O'Lantern/);
    assert.match(cart.body, /Total \(3 items\)/);

    const update = await client.submit('/cart', `/cart/items/${JACK}`, { quantity: '5' });
    assert.equal(update.statusCode, 303);
    assert.match((await client.get('/cart')).body, /Cart \(6\)/);
    await client.submit('/cart', `/cart/items/${CTHULHU}`, { quantity: '0' });
    const after = await client.get('/cart');
    assert.doesNotMatch(after.body, /Cthulhu<\/a>/);
    assert.match(after.body, /Cart \(5\)/);

    const next = await client.submit('/cart', '/cart/items', {
      monster_id: CTHULHU,
      next: '/monsters',
    });
    assert.equal(next.headers.location, '/monsters', 'back to the page the visitor came from');
  });

  test(`every refused cart change is a clear 4xx and leaves the cart unchanged on ${engine}`, async (t) => {
    const { app, database } = await buildTestApp(t, engine);
    await database.handle.db
      .updateTable('monsters')
      .set({ stock: 3 })
      .where('id', '=', 666)
      .execute();
    const client = new TestClient(app);
    await client.submit('/login', '/cart/items', { monster_id: JACK, quantity: '2' });

    const tooMany = await pageAfterRefusal(
      client,
      await client.submit('/login', '/cart/items', { monster_id: JACK, quantity: '2' }),
    );
    assert.equal(tooMany.statusCode, 409);
    assert.match(
      tooMany.body,
      /Only 3 Jack O&#39;Lantern left in stock|Only 3 Jack O'Lantern left in stock/,
    );
    const cases: [Record<string, string>, number][] = [
      [{ monster_id: '999999', quantity: '1' }, 404],
      [{ monster_id: 'abc', quantity: '1' }, 400],
      [{ monster_id: JACK, quantity: '0' }, 400],
      [{ monster_id: JACK, quantity: '-3' }, 400],
      [{ monster_id: JACK, quantity: '1.5' }, 400],
      [{ monster_id: JACK, quantity: 'many' }, 400],
    ];
    for (const [fields, status] of cases) {
      const response = await pageAfterRefusal(
        client,
        await client.submit('/login', '/cart/items', fields),
      );
      assert.equal(response.statusCode, status, JSON.stringify(fields));
      assert.match(response.body, /class="form-error" role="alert"/);
    }
    const api = await client.request({ method: 'GET', url: '/api/cart', headers: API_HEADERS });
    assert.deepEqual(
      api
        .json()
        .items.map((item: { monster_id: number; quantity: number }) => [
          item.monster_id,
          item.quantity,
        ]),
      [[666, 2]],
    );
  });

  test(`a refused cart change is explained in the visitor's language, page and API alike, on ${engine}`, async (t) => {
    const { app, database } = await buildTestApp(t, engine);
    await database.handle.db
      .updateTable('monsters')
      .set({ stock: 0 })
      .where('id', '=', 1)
      .execute();
    const french = { 'accept-language': 'fr-FR,fr;q=0.9' };
    const page = new TestClient(app, french);
    const soldOut = await pageAfterRefusal(
      page,
      await page.submit('/login', '/cart/items', { monster_id: CTHULHU }),
    );
    assert.equal(soldOut.statusCode, 409);
    assert.match(soldOut.body, /Cthulhu est épuisé\s:\svotre panier est inchangé\./);
    const tooMany = await pageAfterRefusal(
      page,
      await page.submit('/login', '/cart/items', { monster_id: JACK, quantity: '100' }),
    );
    assert.equal(tooMany.statusCode, 400);
    assert.match(tooMany.body, /Saisissez 99 ou moins\./);
    await database.handle.db
      .updateTable('monsters')
      .set({ stock: 1 })
      .where('id', '=', 666)
      .execute();
    const lastOne = await pageAfterRefusal(
      page,
      await page.submit('/login', '/cart/items', { monster_id: JACK, quantity: '2' }),
    );
    assert.equal(lastOne.statusCode, 409);
    assert.match(
      lastOne.body,
      /Il ne reste qu’un exemplaire de «\s?Jack O(&#39;|')Lantern\s?» en stock/,
    );

    const api = new TestClient(app, { ...API_HEADERS, ...french });
    const refused = await api.request({
      method: 'POST',
      url: '/api/cart/items',
      payload: { monster_id: 1, quantity: 1 },
    });
    assert.equal(refused.statusCode, 409);
    assert.equal(refused.json().code, 'cart.sold_out');
    assert.match(refused.json().detail, /^Cthulhu est épuisé\s:\svotre panier est inchangé\.$/);
    assert.deepEqual(refused.json().errors, { quantity: refused.json().detail });
  });

  test(`the cart API validates strictly and prices lines on ${engine}`, async (t) => {
    const { app } = await buildTestApp(t, engine);
    const client = new TestClient(app, API_HEADERS);
    const add = await client.request({
      method: 'POST',
      url: '/api/cart/items',
      payload: { monster_id: 1, quantity: 2 },
    });
    assert.equal(add.statusCode, 200);
    const cthulhu = add.json().items[0];
    assert.equal(cthulhu.name, 'Cthulhu');
    assert.equal(cthulhu.line_total_cents, cthulhu.unit_price_cents * 2);
    assert.equal(add.json().count, 2);

    const bad: [unknown, number][] = [
      [{ monster_id: '1', quantity: 1 }, 400],
      [{ monster_id: 1, quantity: 0 }, 400],
      [{ monster_id: 1, quantity: 1, price_cents: 1 }, 400],
      [{ monster_id: 424242, quantity: 1 }, 404],
      [{ monster_id: 1, quantity: 99 }, 409],
    ];
    for (const [payload, status] of bad) {
      const response = await client.request({
        method: 'POST',
        url: '/api/cart/items',
        payload: payload as object,
      });
      assert.equal(response.statusCode, status, JSON.stringify(payload));
      assert.match(String(response.headers['content-type']), /application\/problem\+json/);
    }
    const put = await client.request({
      method: 'PUT',
      url: '/api/cart/items/1',
      payload: { quantity: 1 },
    });
    assert.equal(put.json().count, 1);
    const removed = await client.request({ method: 'DELETE', url: '/api/cart/items/1' });
    assert.deepEqual(removed.json(), { items: [], count: 0, total_cents: 0 });
  });

  test(`signing in merges the visitor's cart into the user's, capped by stock on ${engine}`, async (t) => {
    const { app, database } = await buildTestApp(t, engine);
    await database.handle.db
      .updateTable('monsters')
      .set({ stock: 4 })
      .where('id', '=', 666)
      .execute();
    await createUser(
      app.database.db,
      { email: 'abe@vanhelsing.nl', name: 'Abe', password: STRONG_PASSWORD },
      'customer',
    );

    const earlier = new TestClient(app);
    await earlier.submit('/login', '/login', {
      email: 'abe@vanhelsing.nl',
      password: STRONG_PASSWORD,
    });
    await earlier.submit('/login', '/cart/items', { monster_id: JACK, quantity: '3' });

    const visitor = new TestClient(app);
    await visitor.submit('/login', '/cart/items', { monster_id: JACK, quantity: '2' });
    await visitor.submit('/login', '/cart/items', { monster_id: CTHULHU, quantity: '1' });
    await visitor.submit('/login', '/login', {
      email: 'abe@vanhelsing.nl',
      password: STRONG_PASSWORD,
    });
    const cart = (
      await visitor.request({ method: 'GET', url: '/api/cart', headers: API_HEADERS })
    ).json();
    const quantities = Object.fromEntries(
      cart.items.map((item: { monster_id: number; quantity: number }) => [
        item.monster_id,
        item.quantity,
      ]),
    );
    assert.deepEqual(quantities, { 1: 1, 666: 4 }, '2 + 3 Jack capped by the stock of 4');
  });
}

/** A cookie-session cart filled through the API until the cookie has no room for one more line. */
async function fillCookieCart(t: TestContext) {
  const { app, database } = await buildTestApp(t, 'sqlite', { sessionStore: 'cookie' });
  const rows = Array.from({ length: 400 }, (_, i) => ({
    name: `Bulk monster ${i}`,
    height: 10,
    category: 'beast',
    description: '',
    price_cents: 100,
    stock: 99,
  }));
  await database.handle.db.insertInto('monsters').values(rows).execute();
  const ids = (
    await database.handle.db
      .selectFrom('monsters')
      .select('id')
      .where('name', 'like', 'Bulk%')
      .execute()
  ).map((r) => r.id);
  const client = new TestClient(app, API_HEADERS);
  let refused: Awaited<ReturnType<TestClient['request']>> | undefined;
  let accepted = 0;
  for (const id of ids) {
    const response = await client.request({
      method: 'POST',
      url: '/api/cart/items',
      payload: { monster_id: id, quantity: 99 },
    });
    if (response.statusCode !== 200) {
      refused = response;
      break;
    }
    accepted += 1;
  }
  return { app, client, ids, accepted, refused };
}

test('a cookie session refuses a cart that would outgrow 4096 bytes and keeps the previous one', async (t) => {
  const { app, client, ids, accepted, refused } = await fillCookieCart(t);
  assert.ok(refused, 'the cart eventually outgrows the cookie');
  assert.equal(refused.statusCode, 413, `${accepted} accepted, then ${refused.body}`);
  assert.match(refused.json().detail, /4096 bytes/);
  const cookie = `session=${client.cookies.get('session')}`;
  assert.ok(cookie.length <= 4096);
  const cart = (await client.get('/api/cart')).json();
  assert.equal(cart.items.length, accepted, 'the previous cart is intact');

  const html = new TestClient(app);
  html.cookies.set('session', client.cookies.get('session') ?? '');
  // The session has no room left to carry the refusal to a next page: the cart says it at once.
  const page = await html.submit('/cart', '/cart/items', {
    monster_id: String(ids[accepted]),
    quantity: '1',
  });
  assert.equal(
    page.statusCode,
    413,
    page.body.slice(page.body.indexOf('<main'), page.body.indexOf('<main') + 600),
  );
  assert.match(page.body, /too large to be kept in a browser cookie/);
});

test('a cart change that fits a full cookie session is made, even when its message would not fit', async (t) => {
  const { app, client, ids, accepted } = await fillCookieCart(t);
  const removed = ids[0];
  const added = ids[accepted];
  await client.request({ method: 'DELETE', url: `/api/cart/items/${removed}` });

  const html = new TestClient(app);
  html.cookies.set('session', client.cookies.get('session') ?? '');
  const answer = await html.submit('/cart', '/cart/items', {
    monster_id: String(added),
    quantity: '1',
  });
  assert.equal(answer.statusCode, 303, 'the add is made, not refused as "not made"');
  client.cookies.set('session', html.cookies.get('session') ?? '');
  const cart = (await client.get('/api/cart')).json() as { items: { monster_id: number }[] };
  assert.ok(
    cart.items.some((item) => item.monster_id === added),
    'the cart has the new line',
  );
  assert.equal(cart.items.length, accepted, 'one line removed, one added');
});

test('every form of a page works, even on the first visit of a browser without a CSRF cookie', async (t) => {
  const { app } = await buildTestApp(t, 'sqlite');
  const client = new TestClient(app);
  await client.submit('/login', '/cart/items', { monster_id: JACK, quantity: '1' });
  await client.submit('/login', '/cart/items', { monster_id: CTHULHU, quantity: '1' });
  client.cookies.delete('_csrf');
  const page = await client.get('/cart');
  const tokens = [...page.body.matchAll(/name="_csrf" value="([^"]+)"/g)].map(
    (match) => match[1] ?? '',
  );
  assert.ok(tokens.length >= 4, 'the cart page has several forms');
  for (const token of tokens) {
    const response = await client.post(`/cart/items/${JACK}`, { _csrf: token, quantity: '1' });
    assert.equal(response.statusCode, 303);
  }
});
