import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { stockOf, testEngines } from '../../../test/helpers/databases.js';
import { csrfTokenIn, STRONG_PASSWORD, TestClient } from '../../../test/helpers/http-client.js';
import { pageAfterRefusal } from '../../../test/helpers/refused-forms.js';
import { buildTestApp } from '../../../test/helpers/test-app.js';
import type { SessionStoreKind } from '../../config/config.js';
import type { DB } from '../../db/connection.js';
import { createUser } from '../accounts/index.js';

const JACK = '666';
const CTHULHU = '1';
const STORES: SessionStoreKind[] = ['database', 'cookie'];
const API_HEADERS = { accept: 'application/json', 'sec-fetch-site': 'same-origin' };

async function orderCount(db: DB): Promise<number> {
  return (await db.selectFrom('orders').select('id').execute()).length;
}

/** A signed-in browser holding one Jack O'Lantern and one Cthulhu in its cart. */
async function shopper(app: FastifyInstance, email: string): Promise<TestClient> {
  await createUser(
    app.database.db,
    { email, name: 'Shopper', password: STRONG_PASSWORD },
    'customer',
  );
  const client = new TestClient(app);
  await client.submit('/login', '/login', { email, password: STRONG_PASSWORD });
  for (const monster_id of [JACK, CTHULHU])
    assert.equal((await client.submit('/cart', '/cart/items', { monster_id })).statusCode, 303);
  return client;
}

/** The same, as an API client. */
async function apiShopper(app: FastifyInstance, email: string): Promise<TestClient> {
  await createUser(
    app.database.db,
    { email, name: 'Shopper', password: STRONG_PASSWORD },
    'customer',
  );
  const client = new TestClient(app, API_HEADERS);
  const signIn = await client.request({
    method: 'POST',
    url: '/api/session',
    payload: { email, password: STRONG_PASSWORD },
  });
  assert.equal(signIn.statusCode, 200);
  for (const monster_id of [666, 1]) {
    const added = await client.request({
      method: 'POST',
      url: '/api/cart/items',
      payload: { monster_id, quantity: 1 },
    });
    assert.ok(added.statusCode < 300, added.body);
  }
  return client;
}

function checkoutTokenIn(html: string): string {
  const token = /name="checkout_token" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error('no checkout token in the cart page');
  return token;
}

/** The checkout form of the cart page, as the browser would send it. */
async function checkoutForm(client: TestClient): Promise<Record<string, string>> {
  const page = await client.get('/cart');
  return { _csrf: csrfTokenIn(page.body), checkout_token: checkoutTokenIn(page.body) };
}

/** Sends a request whose answer never reaches the client: its cookies stay as they were. */
async function answerLost(
  client: TestClient,
  send: () => Promise<LightMyRequestResponse>,
): Promise<LightMyRequestResponse> {
  const before = new Map(client.cookies);
  const response = await send();
  client.cookies.clear();
  for (const [name, value] of before) client.cookies.set(name, value);
  return response;
}

const cartCount = async (client: TestClient) =>
  (await client.request({ url: '/api/cart', headers: API_HEADERS })).json().count as number;

for (const engine of testEngines()) {
  for (const store of STORES) {
    const on = `(${store} store, ${engine})`;

    test(`the checkout form carries a one-time token: a double submit orders once ${on}`, async (t) => {
      const { app, database } = await buildTestApp(t, engine, { sessionStore: store });
      const { db } = database.handle;
      const client = await shopper(app, 'double@shop.test');
      const jackStock = await stockOf(db, 666);
      const form = await checkoutForm(client);
      assert.equal(
        checkoutTokenIn((await client.get('/cart')).body),
        form.checkout_token,
        'the same token until an order uses it (two tabs of the cart order once)',
      );

      const first = await client.post('/checkout', form);
      const second = await client.post('/checkout', form);
      assert.equal(first.statusCode, 303);
      assert.match(String(first.headers.location), /^\/orders\/\d+$/);
      assert.equal(second.statusCode, 303);
      assert.equal(second.headers.location, first.headers.location, 'the same order');
      assert.equal(await orderCount(db), 1);
      assert.equal(await stockOf(db, 666), jackStock - 1);
      assert.equal(await cartCount(client), 0);
      assert.match(
        (await client.get(String(second.headers.location))).body,
        /Order #\d+ is placed/,
      );
    });

    test(`a retry after a lost answer goes to the same order and empties the cart ${on}`, async (t) => {
      const { app, database } = await buildTestApp(t, engine, { sessionStore: store });
      const { db } = database.handle;
      const client = await shopper(app, 'lost@shop.test');
      const form = await checkoutForm(client);
      const lost = await answerLost(client, () => client.post('/checkout', form));
      assert.equal(lost.statusCode, 303);

      // The browser re-sends the form, or comes back to the cart and checks out again.
      const cart = await client.get('/cart');
      if (store === 'cookie') {
        assert.match(cart.body, /Jack O(&#39;|')Lantern/, 'the old cookie still holds the cart');
        assert.equal(checkoutTokenIn(cart.body), form.checkout_token, 'and the same token');
        const retry = await client.post('/checkout', {
          _csrf: csrfTokenIn(cart.body),
          checkout_token: checkoutTokenIn(cart.body),
        });
        assert.equal(retry.statusCode, 303);
        assert.equal(retry.headers.location, lost.headers.location);
      } else {
        const retry = await client.post('/checkout', form);
        assert.equal(retry.statusCode, 303);
        assert.equal(retry.headers.location, lost.headers.location);
      }
      assert.equal(await orderCount(db), 1, 'never ordered twice');
      assert.equal(await cartCount(client), 0, 'the ordered cart is emptied');
    });

    test(`a used token with a changed cart leads back to the cart (422) with a new token ${on}`, async (t) => {
      const { app, database } = await buildTestApp(t, engine, { sessionStore: store });
      const { db } = database.handle;
      const client = await shopper(app, 'changed@shop.test');
      const form = await checkoutForm(client);
      // The answer is lost (the cookie store keeps the full cart), then the visitor adds a monster.
      const lost = await answerLost(client, () => client.post('/checkout', form));
      await client.submit('/monsters', '/cart/items', { monster_id: '2' });

      const stale = await pageAfterRefusal(client, await client.post('/checkout', form), '/cart');
      assert.equal(stale.statusCode, 422);
      assert.match(
        stale.body,
        new RegExp(`already placed as order #${String(lost.headers.location).split('/').pop()}`),
      );
      const fresh = checkoutTokenIn(stale.body);
      assert.notEqual(fresh, form.checkout_token, 'the page carries a new token');
      assert.equal(await orderCount(db), 1, 'nothing new was ordered');

      const placed = await client.post('/checkout', {
        _csrf: csrfTokenIn(stale.body),
        checkout_token: fresh,
      });
      assert.equal(placed.statusCode, 303);
      assert.notEqual(placed.headers.location, lost.headers.location);
      assert.equal(await orderCount(db), 2);
    });

    test(`POST /api/checkout with the same Idempotency-Key returns the same order ${on}`, async (t) => {
      const { app, database } = await buildTestApp(t, engine, { sessionStore: store });
      const { db } = database.handle;
      const client = await apiShopper(app, 'api@shop.test');
      const checkout = (key: string) =>
        client.request({
          method: 'POST',
          url: '/api/checkout',
          headers: { 'idempotency-key': key },
        });

      const first = await answerLost(client, () => checkout('order-2026-0001'));
      assert.equal(first.statusCode, 201, first.body);
      assert.equal(first.headers['idempotent-replayed'], undefined);
      const retry = await checkout('order-2026-0001');
      assert.equal(retry.statusCode, 201);
      assert.equal(retry.headers['idempotent-replayed'], 'true');
      assert.equal(retry.headers.location, first.headers.location);
      assert.deepEqual(retry.json(), first.json());
      assert.equal(await orderCount(db), 1);
      assert.equal(await cartCount(client), 0, 'the cart ordered by the lost answer is emptied');

      // The RFC 8941 form of the header (a quoted string) names the same key.
      const quoted = await checkout('"order-2026-0001"');
      assert.equal(quoted.statusCode, 201);
      assert.equal(quoted.json().id, first.json().id);

      await client.request({
        method: 'POST',
        url: '/api/cart/items',
        payload: { monster_id: 1, quantity: 2 },
      });
      const reused = await checkout('order-2026-0001');
      assert.equal(reused.statusCode, 422, 'a key reused for another cart');
      assert.match(String(reused.headers['content-type']), /application\/problem\+json/);
      assert.match(reused.json().detail, new RegExp(`#${first.json().id}`));
      assert.equal(await cartCount(client), 2, 'the new cart is kept');
      assert.equal(await orderCount(db), 1);

      const fresh = await checkout('order-2026-0002');
      assert.equal(fresh.statusCode, 201);
      assert.notEqual(fresh.json().id, first.json().id);
      assert.equal(await orderCount(db), 2);

      for (const bad of ['', 'x'.repeat(256), 'has space', '"unterminated']) {
        const response = await checkout(bad);
        assert.equal(response.statusCode, 400, JSON.stringify(bad));
      }
    });
  }

  test(`simultaneous duplicates (same key, form or API) make one order on ${engine}`, async (t) => {
    const { app, database } = await buildTestApp(t, engine);
    const { db } = database.handle;
    await db.updateTable('monsters').set({ stock: 1 }).where('id', '=', 666).execute();

    const browser = await shopper(app, 'race-form@shop.test');
    const form = await checkoutForm(browser);
    const cookie = [...browser.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const forms = await Promise.all(
      Array.from({ length: 5 }, () =>
        app.inject({
          method: 'POST',
          url: '/checkout',
          headers: {
            accept: 'text/html',
            cookie,
            'content-type': 'application/x-www-form-urlencoded',
          },
          payload: new URLSearchParams(form).toString(),
        }),
      ),
    );
    assert.deepEqual(
      forms.map((r) => r.statusCode),
      [303, 303, 303, 303, 303],
      'duplicates wait for the first and get its order, never "out of stock"',
    );
    assert.equal(new Set(forms.map((r) => r.headers.location)).size, 1);
    assert.equal(await orderCount(db), 1);
    assert.equal(await stockOf(db, 666), 0);

    await db.updateTable('monsters').set({ stock: 1 }).where('id', '=', 666).execute();
    const api = await apiShopper(app, 'race-api@shop.test');
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        app.inject({
          method: 'POST',
          url: '/api/checkout',
          headers: {
            ...API_HEADERS,
            cookie: [...api.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
            'idempotency-key': 'same-key-five-times',
          },
        }),
      ),
    );
    assert.deepEqual(
      answers.map((r) => r.statusCode),
      [201, 201, 201, 201, 201],
    );
    assert.equal(new Set(answers.map((r) => r.json().id)).size, 1);
    assert.equal(await orderCount(db), 2);
  });
}

test('the Idempotency-Key header is documented in the OpenAPI description', async (t) => {
  const { app } = await buildTestApp(t, 'sqlite');
  const spec = (await app.inject({ url: '/api/openapi.json' })).json();
  const parameters = spec.paths['/api/checkout'].post.parameters as {
    in: string;
    name: string;
    description?: string;
  }[];
  const header = parameters.find(
    (parameter) => parameter.in === 'header' && parameter.name.toLowerCase() === 'idempotency-key',
  );
  assert.ok(header, JSON.stringify(parameters));
  assert.match(header.description ?? '', /same order/);
});
