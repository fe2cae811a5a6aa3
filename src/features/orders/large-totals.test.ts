import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { testEngines } from '../../../test/helpers/databases.js';
import { STRONG_PASSWORD, TestClient } from '../../../test/helpers/http-client.js';
import { pageAfterRefusal } from '../../../test/helpers/refused-forms.js';
import { buildTestApp } from '../../../test/helpers/test-app.js';
import type { DB } from '../../db/connection.js';
import { createUser } from '../accounts/index.js';
import { MAX_CART_LINES, MAX_QUANTITY_PER_LINE } from '../cart/index.js';

const API_HEADERS = { accept: 'application/json', 'sec-fetch-site': 'same-origin' };
/** The highest price the admin forms and API accept (1,000,000.00 €). */
const MAX_PRICE_CENTS = 100_000_000;

async function signedInApiClient(app: FastifyInstance, email: string): Promise<TestClient> {
  const client = new TestClient(app, API_HEADERS);
  const response = await client.request({
    method: 'POST',
    url: '/api/session',
    payload: { email, password: STRONG_PASSWORD },
  });
  assert.equal(response.statusCode, 200, response.body);
  return client;
}

async function createUsers(db: DB): Promise<void> {
  for (const [email, role] of [
    ['admin@shop.test', 'admin'],
    ['api@shop.test', 'customer'],
    ['html@shop.test', 'customer'],
  ] as const) {
    await createUser(db, { email, name: email, password: STRONG_PASSWORD }, role);
  }
}

/** Through the admin API, as an admin would: the dearest price the validation allows. */
async function priceAtMaximum(admin: TestClient, ids: readonly number[]): Promise<void> {
  for (const id of ids) {
    const response = await admin.request({
      method: 'PATCH',
      url: `/api/monsters/${id}`,
      payload: { price_cents: MAX_PRICE_CENTS, stock: 1000 },
    });
    assert.equal(response.statusCode, 200, response.body);
  }
}

for (const engine of testEngines()) {
  test(`an order over 2^31 cents is placed and read back, API and form, on ${engine}`, async (t) => {
    const { app, database } = await buildTestApp(t, engine);
    const { db } = database.handle;
    await createUsers(db);
    const admin = await signedInApiClient(app, 'admin@shop.test');
    await priceAtMaximum(admin, [1, 2, 666]);

    // The reported case: 22 × 1,000,000.00 € = 2,200,000,000 cents.
    const api = await signedInApiClient(app, 'api@shop.test');
    const added = await api.request({
      method: 'POST',
      url: '/api/cart/items',
      payload: { monster_id: 1, quantity: 22 },
    });
    assert.equal(added.statusCode, 200, added.body);
    const placed = await api.request({ method: 'POST', url: '/api/checkout' });
    assert.equal(placed.statusCode, 201, placed.body);
    assert.equal(placed.json<{ total_cents: number }>().total_cents, 2_200_000_000);
    const read = await api.get(String(placed.headers.location));
    assert.equal(read.json<{ total_cents: number }>().total_cents, 2_200_000_000);

    // The largest cart lines allowed, three of them, through the HTML forms.
    const browser = new TestClient(app);
    await browser.submit('/login', '/login', {
      email: 'html@shop.test',
      password: STRONG_PASSWORD,
      next: '/cart',
    });
    for (const id of [1, 2, 666]) {
      const response = await browser.submit('/cart', '/cart/items', {
        monster_id: String(id),
        quantity: String(MAX_QUANTITY_PER_LINE),
      });
      assert.equal(response.statusCode, 303, response.body);
    }
    const ordered = await browser.submit('/cart', '/checkout', {});
    assert.equal(ordered.statusCode, 303, ordered.body);
    const orderUrl = String(ordered.headers.location);
    assert.match(orderUrl, /^\/orders\/\d+$/);
    const page = await browser.get(orderUrl);
    assert.equal(page.statusCode, 200);
    const total = 3 * MAX_QUANTITY_PER_LINE * MAX_PRICE_CENTS;
    assert.ok(page.body.includes('297,000,000.00'), 'the total is shown in full');
    const row = await db
      .selectFrom('orders')
      .select('total_cents')
      .where('id', '=', Number(orderUrl.split('/').pop()))
      .executeTakeFirstOrThrow();
    assert.equal(row.total_cents, total);
    const account = await browser.get('/account');
    assert.ok(account.body.includes('297,000,000.00'), 'the order list shows it too');
  });

  test(`a cart holds at most ${MAX_CART_LINES} different monsters on ${engine}`, async (t) => {
    const { app, database } = await buildTestApp(t, engine);
    const { db } = database.handle;
    const inserted = await db
      .insertInto('monsters')
      .values(
        Array.from({ length: MAX_CART_LINES + 1 }, (_, i) => ({
          name: `Extra ${i}`,
          height: 1,
          category: 'extra',
          description: '',
          price_cents: MAX_PRICE_CENTS,
          stock: 5,
          image: null,
        })),
      )
      .returning('id')
      .execute();
    const ids = inserted.map((row) => row.id);
    assert.equal(ids.length, MAX_CART_LINES + 1);

    const api = new TestClient(app, API_HEADERS);
    for (const id of ids.slice(0, MAX_CART_LINES)) {
      const response = await api.request({
        method: 'POST',
        url: '/api/cart/items',
        payload: { monster_id: id, quantity: 1 },
      });
      assert.equal(response.statusCode, 200, response.body);
    }
    const over = await api.request({
      method: 'POST',
      url: '/api/cart/items',
      payload: { monster_id: ids.at(-1), quantity: 1 },
    });
    assert.equal(over.statusCode, 409, over.body);
    assert.match(
      over.json<{ detail: string }>().detail,
      new RegExp(`at most ${MAX_CART_LINES} different monsters`),
    );
    // More of a monster already in the cart is still fine.
    const more = await api.request({
      method: 'POST',
      url: '/api/cart/items',
      payload: { monster_id: ids[0], quantity: 1 },
    });
    assert.equal(more.statusCode, 200, more.body);
    const cart = await api.get('/api/cart');
    assert.equal(cart.json<{ items: unknown[] }>().items.length, MAX_CART_LINES);

    // The same cart in a browser: the refused form leads back to the cart, with the message.
    const browser = new TestClient(app);
    for (const [name, value] of api.cookies) browser.cookies.set(name, value);
    const refused = await pageAfterRefusal(
      browser,
      await browser.submit('/cart', '/cart/items', {
        monster_id: String(ids.at(-1)),
        quantity: '1',
      }),
    );
    assert.equal(refused.statusCode, 409);
    assert.match(refused.body, new RegExp(`A cart holds at most ${MAX_CART_LINES} different`));
    const after = await api.get('/api/cart');
    assert.equal(after.json<{ items: unknown[] }>().items.length, MAX_CART_LINES);

    // Signing in merges the account's earlier cart: still within the ceiling,
    // the lines of the cart just filled first.
    await createUser(
      db,
      { email: 'full@shop.test', name: 'Full', password: STRONG_PASSWORD },
      'customer',
    );
    const earlier = await signedInApiClient(app, 'full@shop.test');
    const kept = await earlier.request({
      method: 'POST',
      url: '/api/cart/items',
      payload: { monster_id: ids.at(-1), quantity: 1 },
    });
    assert.equal(kept.statusCode, 200, kept.body);
    const signIn = await api.request({
      method: 'POST',
      url: '/api/session',
      payload: { email: 'full@shop.test', password: STRONG_PASSWORD },
    });
    assert.equal(signIn.statusCode, 200, signIn.body);
    const merged = (await api.get('/api/cart')).json<{ items: { monster_id: number }[] }>();
    assert.deepEqual(
      merged.items.map((item) => item.monster_id).sort((a, b) => a - b),
      ids.slice(0, MAX_CART_LINES),
    );
  });
}
