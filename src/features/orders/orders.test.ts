import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { stockOf, testEngines } from '../../../test/helpers/databases.js';
import { STRONG_PASSWORD, TestClient } from '../../../test/helpers/http-client.js';
import { pageAfterRefusal } from '../../../test/helpers/refused-forms.js';
import { STRONG_PASSWORD_HASH } from '../../../test/helpers/sign-in.js';
import { buildTestApp } from '../../../test/helpers/test-app.js';
import type { DB } from '../../db/connection.js';
import { createUser } from '../accounts/index.js';

const API_HEADERS = { accept: 'application/json', 'sec-fetch-site': 'same-origin' };

async function signedInApiClient(
  app: FastifyInstance,
  email: string,
  password = STRONG_PASSWORD,
): Promise<TestClient> {
  const client = new TestClient(app, API_HEADERS);
  const response = await client.request({
    method: 'POST',
    url: '/api/session',
    payload: { email, password },
  });
  assert.equal(response.statusCode, 200, response.body);
  return client;
}

/** Many users at once, sharing one hash (hashing 50 passwords would only slow the test). */
async function insertUsers(db: DB, count: number): Promise<string[]> {
  const emails = Array.from({ length: count }, (_, i) => `buyer${i}@race.test`);
  await db
    .insertInto('users')
    .values(
      emails.map((email) => ({
        email,
        name: email,
        password_hash: STRONG_PASSWORD_HASH,
        role: 'customer' as const,
      })),
    )
    .execute();
  return emails;
}

for (const engine of testEngines()) {
  test(`checkout: signed-out, empty and short carts are refused; success orders, decrements and empties on ${engine}`, async (t) => {
    const { app, database } = await buildTestApp(t, engine);
    const { db } = database.handle;
    await db.updateTable('monsters').set({ stock: 3 }).where('id', '=', 666).execute();
    await createUser(
      db,
      { email: 'buyer@shop.test', name: 'Buyer', password: STRONG_PASSWORD },
      'customer',
    );

    const browser = new TestClient(app);
    await browser.submit('/login', '/cart/items', { monster_id: '666', quantity: '2' });
    await browser.submit('/login', '/cart/items', { monster_id: '1', quantity: '1' });
    const signedOut = await browser.submit('/cart', '/checkout', {});
    assert.equal(signedOut.statusCode, 303);
    assert.equal(signedOut.headers.location, '/login?next=%2Fcart');

    await browser.submit('/login', '/login', {
      email: 'buyer@shop.test',
      password: STRONG_PASSWORD,
      next: '/cart',
    });
    const cthulhuStock = await stockOf(db, 1);
    const [jack, cthulhu] = await Promise.all([
      db
        .selectFrom('monsters')
        .select('price_cents')
        .where('id', '=', 666)
        .executeTakeFirstOrThrow(),
      db.selectFrom('monsters').select('price_cents').where('id', '=', 1).executeTakeFirstOrThrow(),
    ]);

    // Someone else buys two Jacks meanwhile: only one is left for this cart of two.
    await db.updateTable('monsters').set({ stock: 1 }).where('id', '=', 666).execute();
    const short = await pageAfterRefusal(
      browser,
      await browser.submit('/cart', '/checkout', {}),
      '/cart',
    );
    assert.equal(short.statusCode, 409);
    assert.match(short.body, /Not enough stock for: Jack O(&#39;|')Lantern\. Nothing was ordered/);
    assert.match(
      short.body,
      /<input id="field-quantity-666"[^>]*aria-invalid="true"/,
      'the short line is marked',
    );
    assert.match(
      short.body,
      /id="field-quantity-666-error">Not enough Jack O(&#39;|')Lantern in stock for this quantity\./,
    );
    assert.doesNotMatch(
      short.body,
      /<input id="field-quantity-1"[^>]*aria-invalid/,
      'the line that was not short is not marked',
    );
    assert.equal((await browser.get('/cart')).statusCode, 200, 'a reload is a clean cart');
    assert.equal(await stockOf(db, 1), cthulhuStock, 'nothing written: Cthulhu untouched');
    assert.equal((await db.selectFrom('orders').select('id').execute()).length, 0);

    await db.updateTable('monsters').set({ stock: 3 }).where('id', '=', 666).execute();
    const placed = await browser.submit('/cart', '/checkout', {});
    assert.equal(placed.statusCode, 303);
    const orderUrl = String(placed.headers.location);
    assert.match(orderUrl, /^\/orders\/\d+$/);
    const orderPage = await browser.get(orderUrl);
    assert.equal(orderPage.statusCode, 200);
    assert.match(orderPage.body, /Thank you! Order #\d+ is placed\./);
    assert.match(orderPage.body, /Cart \(0\)/, 'the cart is empty');
    assert.equal(await stockOf(db, 666), 1);
    assert.equal(await stockOf(db, 1), cthulhuStock - 1);

    const orderId = Number(orderUrl.split('/').pop());
    const order = await db
      .selectFrom('orders')
      .selectAll()
      .where('id', '=', orderId)
      .executeTakeFirstOrThrow();
    assert.equal(order.total_cents, 2 * jack.price_cents + cthulhu.price_cents);
    const items = await db
      .selectFrom('order_items')
      .selectAll()
      .where('order_id', '=', orderId)
      .orderBy('monster_id')
      .execute();
    assert.deepEqual(
      items.map((item) => [item.monster_id, item.name, item.unit_price_cents, item.quantity]),
      [
        [1, 'Cthulhu', cthulhu.price_cents, 1],
        [666, "Jack O'Lantern", jack.price_cents, 2],
      ],
    );

    const empty = await pageAfterRefusal(
      browser,
      await browser.submit('/cart', '/checkout', {}),
      '/cart',
    );
    assert.equal(empty.statusCode, 400);
    assert.equal(empty.headers['cache-control'], 'no-store');
    assert.match(empty.body, /Your cart is empty: there is nothing to order\./);
    const account = await browser.get('/account');
    assert.match(
      account.body,
      new RegExp(`href="/orders/${orderId}"`),
      'the account lists the order',
    );
  });

  test(`orders are private: another customer gets 404, anonymous visitors sign in, admins see all on ${engine}`, async (t) => {
    const { app, database } = await buildTestApp(t, engine);
    const { db } = database.handle;
    for (const [email, role] of [
      ['owner@shop.test', 'customer'],
      ['other@shop.test', 'customer'],
      ['boss@shop.test', 'admin'],
    ] as const) {
      await createUser(db, { email, name: email, password: STRONG_PASSWORD }, role);
    }
    const owner = await signedInApiClient(app, 'owner@shop.test');
    await owner.request({
      method: 'POST',
      url: '/api/cart/items',
      payload: { monster_id: 2, quantity: 1 },
    });
    const smuggled = await owner.request({
      method: 'POST',
      url: '/api/checkout',
      payload: { total_cents: 1 },
    });
    assert.equal(
      smuggled.statusCode,
      400,
      'a checkout body names no field: unknown ones are refused',
    );
    assert.deepEqual(smuggled.json().errors, { total_cents: 'This field is not allowed here.' });
    assert.equal(smuggled.json().code, 'http.invalid_fields');
    const created = await owner.request({ method: 'POST', url: '/api/checkout' });
    assert.equal(created.statusCode, 201);
    const order = created.json();
    assert.equal(created.headers.location, `/api/orders/${order.id}`);
    assert.equal(order.items[0].name, 'Nyarlathotep');
    assert.equal(order.total_cents, order.items[0].line_total_cents);
    assert.deepEqual((await owner.get('/api/cart')).json().items, [], 'the cart is emptied');
    assert.equal((await owner.get('/api/orders')).json()[0].id, order.id);
    assert.equal((await owner.get(`/api/orders/${order.id}`)).statusCode, 200);

    const other = await signedInApiClient(app, 'other@shop.test');
    const stolen = await other.get(`/api/orders/${order.id}`);
    assert.equal(stolen.statusCode, 404, 'no IDOR');
    assert.deepEqual((await other.get('/api/orders')).json(), []);
    const missing = await other.get('/api/orders/999999');
    assert.deepEqual(
      Object.keys(stolen.json()).sort(),
      Object.keys(missing.json()).sort(),
      'the same answer as for a missing order',
    );
    const otherHtml = new TestClient(app);
    await otherHtml.submit('/login', '/login', {
      email: 'other@shop.test',
      password: STRONG_PASSWORD,
    });
    assert.equal((await otherHtml.get(`/orders/${order.id}`)).statusCode, 404);

    const boss = await signedInApiClient(app, 'boss@shop.test');
    assert.equal((await boss.get(`/api/orders/${order.id}`)).statusCode, 200);

    const anonymous = await app.inject({
      url: `/orders/${order.id}`,
      headers: { accept: 'text/html' },
    });
    assert.equal(anonymous.statusCode, 303);
    assert.equal(anonymous.headers.location, `/login?next=%2Forders%2F${order.id}`);
    assert.equal((await app.inject({ url: '/api/orders' })).statusCode, 401);
    assert.equal((await app.inject({ method: 'POST', url: '/api/checkout' })).statusCode, 401);
    assert.equal((await otherHtml.get('/orders/abc')).statusCode, 404);

    const emptyCheckout = await other.request({ method: 'POST', url: '/api/checkout' });
    assert.equal(emptyCheckout.statusCode, 400);
  });

  test(`a refused checkout is explained in the visitor's language, page and API alike, on ${engine}`, async (t) => {
    const { app, database } = await buildTestApp(t, engine);
    const { db } = database.handle;
    await db.updateTable('monsters').set({ stock: 3 }).where('id', '=', 666).execute();
    for (const email of ['page@shop.test', 'api@shop.test']) {
      await createUser(db, { email, name: 'Client', password: STRONG_PASSWORD }, 'customer');
    }
    const french = { 'accept-language': 'fr-FR,fr;q=0.9' };

    const page = new TestClient(app, { accept: 'text/html', ...french });
    await page.submit('/login', '/login', { email: 'page@shop.test', password: STRONG_PASSWORD });
    await page.submit('/cart', '/cart/items', { monster_id: '666', quantity: '2' });
    await db.updateTable('monsters').set({ stock: 1 }).where('id', '=', 666).execute();
    const short = await pageAfterRefusal(
      page,
      await page.submit('/cart', '/checkout', {}),
      '/cart',
    );
    assert.equal(short.statusCode, 409);
    assert.match(short.body, /<h1>Votre panier<\/h1>/, 'the cart is shown again');
    assert.match(
      short.body,
      /Stock insuffisant pour\s:\sJack O(&#39;|')Lantern\. Rien n’a été commandé\s;\sajustez votre panier\./,
    );
    const tampered = await pageAfterRefusal(
      page,
      await page.submit('/cart', '/checkout', { checkout_token: 'two words' }),
      '/cart',
    );
    assert.equal(tampered.statusCode, 400, 'a token the API would refuse is refused here too');
    assert.match(tampered.body, /Veuillez corriger les champs signalés\./);
    assert.match(tampered.body, /Cette valeur n’a pas le format attendu\./);
    assert.match(tampered.body, /name="quantity"[^>]* value="2"/, 'the cart is kept as it was');
    const reload = await page.get('/checkout');
    assert.equal(reload.statusCode, 303, 'reloading the refused checkout leads back to the cart');
    assert.equal(reload.headers.location, '/cart');
    assert.equal((await db.selectFrom('orders').select('id').execute()).length, 0);

    const api = await signedInApiClient(app, 'api@shop.test');
    const empty = await api.request({ method: 'POST', url: '/api/checkout', headers: french });
    assert.equal(empty.statusCode, 400);
    assert.equal(empty.json().code, 'orders.empty_cart');
    assert.match(empty.json().detail, /^Votre panier est vide\s:\srien à commander\.$/);

    await db.updateTable('monsters').set({ stock: 3 }).where('id', '=', 666).execute();
    await api.request({
      method: 'POST',
      url: '/api/cart/items',
      payload: { monster_id: 666, quantity: 2 },
    });
    await db.updateTable('monsters').set({ stock: 1 }).where('id', '=', 666).execute();
    const refused = await api.request({ method: 'POST', url: '/api/checkout', headers: french });
    assert.equal(refused.statusCode, 409);
    assert.equal(refused.json().code, 'orders.not_enough_stock');
    assert.match(
      refused.json().detail,
      /^Stock insuffisant pour\s:\sJack O'Lantern\. Rien n’a été commandé\s;\sajustez votre panier\.$/,
    );
    assert.deepEqual(refused.json().errors, { cart: refused.json().detail });

    await db.updateTable('monsters').set({ stock: 3 }).where('id', '=', 666).execute();
    const keyed = { ...french, 'idempotency-key': 'commande-1' };
    const placed = await api.request({ method: 'POST', url: '/api/checkout', headers: keyed });
    assert.equal(placed.statusCode, 201);
    await api.request({
      method: 'POST',
      url: '/api/cart/items',
      payload: { monster_id: 1, quantity: 1 },
    });
    const reused = await api.request({ method: 'POST', url: '/api/checkout', headers: keyed });
    assert.equal(reused.statusCode, 422);
    assert.equal(reused.json().code, 'orders.checkout_key_reused');
    assert.match(
      reused.json().detail,
      new RegExp(`^Cette commande a déjà été passée \\(commande n° ${placed.json().id}\\)`),
    );

    const missing = await api.request({ url: '/api/orders/999999', headers: french });
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().code, 'orders.unknown_order');
    assert.equal(missing.json().detail, 'Cette commande n’existe pas.');
  });

  test(`50 buyers racing for the last 10 units buy exactly 10, never more, on ${engine}`, async (t) => {
    const { app, database } = await buildTestApp(t, engine);
    const { db } = database.handle;
    await db.updateTable('monsters').set({ stock: 10 }).where('id', '=', 666).execute();
    const emails = await insertUsers(db, 50);
    const buyers = await Promise.all(emails.map((email) => signedInApiClient(app, email)));
    for (const buyer of buyers) {
      const added = await buyer.request({
        method: 'POST',
        url: '/api/cart/items',
        payload: { monster_id: 666, quantity: 1 },
      });
      assert.equal(added.statusCode, 200);
    }

    const results = await Promise.all(
      buyers.map((buyer) => buyer.request({ method: 'POST', url: '/api/checkout' })),
    );
    const statuses = results.map((response) => response.statusCode);
    assert.equal(statuses.filter((status) => status === 201).length, 10, statuses.join(','));
    assert.equal(statuses.filter((status) => status === 409).length, 40);
    assert.equal(await stockOf(db, 666), 0);
    const sold = await db
      .selectFrom('order_items')
      .select((eb) => eb.fn.sum<number>('quantity').as('sold'))
      .where('monster_id', '=', 666)
      .executeTakeFirstOrThrow();
    assert.equal(Number(sold.sold), 10);
    const orders = await db.selectFrom('orders').select('id').execute();
    assert.equal(orders.length, 10);
    const withItems = await db.selectFrom('order_items').select('order_id').distinct().execute();
    assert.equal(withItems.length, 10, 'no order without items');
  });
}

test('deleting a monster keeps past orders readable and drops it from carts', async (t) => {
  const { app, database } = await buildTestApp(t, 'sqlite');
  const { db } = database.handle;
  await db.updateTable('monsters').set({ stock: 5 }).where('id', '=', 2).execute();
  await createUser(
    db,
    { email: 'keeper@shop.test', name: 'Keeper', password: STRONG_PASSWORD },
    'customer',
  );
  const client = await signedInApiClient(app, 'keeper@shop.test');
  await client.request({
    method: 'POST',
    url: '/api/cart/items',
    payload: { monster_id: 2, quantity: 1 },
  });
  const order = (await client.request({ method: 'POST', url: '/api/checkout' })).json();
  await client.request({
    method: 'POST',
    url: '/api/cart/items',
    payload: { monster_id: 2, quantity: 1 },
  });
  await client.request({
    method: 'POST',
    url: '/api/cart/items',
    payload: { monster_id: 1, quantity: 1 },
  });

  await db.deleteFrom('monsters').where('id', '=', 2).execute();
  const kept = (await client.get(`/api/orders/${order.id}`)).json();
  assert.equal(kept.items[0].name, 'Nyarlathotep');
  assert.equal(kept.items[0].monster_id, null);
  const cart = (await client.get('/api/cart')).json();
  assert.deepEqual(
    cart.items.map((item: { monster_id: number }) => item.monster_id),
    [1],
    'the deleted monster is not shown',
  );
  const placed = await client.request({ method: 'POST', url: '/api/checkout' });
  assert.equal(placed.statusCode, 409, 'a cart line for a deleted monster is refused, not a 500');
  assert.match(placed.json().detail, /monster #2 \(no longer sold\)/);
  await client.request({ method: 'DELETE', url: '/api/cart/items/2' });
  assert.equal((await client.request({ method: 'POST', url: '/api/checkout' })).statusCode, 201);
});
