import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { testEngines } from '../../../test/helpers/databases.js';
import { STRONG_PASSWORD, TestClient } from '../../../test/helpers/http-client.js';
import { buildTestApp } from '../../../test/helpers/test-app.js';
import type { DB } from '../../db/connection.js';
import { createUser } from '../accounts/index.js';

const ORDERS_PER_PAGE = 20;

/** `count` orders of `userId`, inserted directly: ids ascending with their dates. */
async function insertOrders(db: DB, userId: number, count: number): Promise<number[]> {
  const start = Date.UTC(2024, 9, 1);
  const rows = Array.from({ length: count }, (_, index) => ({
    user_id: userId,
    total_cents: 100 + index,
    status: 'placed',
    created_at: new Date(start + index * 3_600_000).toISOString(),
  }));
  const ids: number[] = [];
  // In slices: one statement binding thousands of values trips SQLite's variable limit.
  for (let first = 0; first < rows.length; first += 100) {
    const inserted = await db
      .insertInto('orders')
      .values(rows.slice(first, first + 100))
      .returning('id')
      .execute();
    ids.push(...inserted.map((row) => row.id));
  }
  return ids;
}

async function signedInCustomer(app: FastifyInstance, db: DB, email: string) {
  const user = await createUser(
    db,
    { email, name: 'Hoarder', password: STRONG_PASSWORD },
    'customer',
  );
  const browser = new TestClient(app);
  const signedIn = await browser.submit('/login', '/login', { email, password: STRONG_PASSWORD });
  assert.equal(signedIn.statusCode, 303);
  return { browser, userId: user.id };
}

const orderLinksIn = (html: string) =>
  [...html.matchAll(/href="\/orders\/(\d+)"/g)].map((match) => Number(match[1]));

for (const engine of testEngines()) {
  test(`the account page lists 500 orders ${ORDERS_PER_PAGE} a page, newest first, with ?page= on ${engine}`, async (t) => {
    const { app, database } = await buildTestApp(t, engine);
    const { db } = database.handle;
    const { browser, userId } = await signedInCustomer(app, db, 'hoarder@shop.test');
    const ids = await insertOrders(db, userId, 500);
    const newestFirst = [...ids].reverse();

    const first = await browser.get('/account');
    assert.equal(first.statusCode, 200);
    assert.deepEqual(orderLinksIn(first.body), newestFirst.slice(0, ORDERS_PER_PAGE));
    assert.match(first.body, /href="\/account\?page=2" rel="next"/);
    assert.match(first.body, /href="\/account\?page=25"/, 'the last page is one click away');

    const second = await browser.get('/account?page=2');
    assert.deepEqual(
      orderLinksIn(second.body),
      newestFirst.slice(ORDERS_PER_PAGE, 2 * ORDERS_PER_PAGE),
    );
    assert.match(second.body, /href="\/account\?page=1" rel="prev"/);
    assert.match(second.body, /aria-current="page"[^>]*>2</);

    const last = await browser.get('/account?page=25');
    assert.deepEqual(orderLinksIn(last.body), newestFirst.slice(480));
    assert.doesNotMatch(last.body, /rel="next"/);

    const pastTheEnd = await browser.get('/account?page=26');
    assert.equal(pastTheEnd.statusCode, 200);
    assert.deepEqual(orderLinksIn(pastTheEnd.body), []);
    assert.match(pastTheEnd.body, /href="\/account\?page=25" rel="prev"/);

    for (const bad of ['0', '-1', 'two', '1.5', '1e400', '99999999999']) {
      const refused = await browser.get(`/account?page=${encodeURIComponent(bad)}`);
      assert.equal(refused.statusCode, 400, `page=${bad}`);
    }
  });

  test(`a customer without orders sees no pagination on ${engine}`, async (t) => {
    const { app, database } = await buildTestApp(t, engine);
    const { browser } = await signedInCustomer(app, database.handle.db, 'new@shop.test');
    const account = await browser.get('/account');
    assert.equal(account.statusCode, 200);
    assert.match(account.body, /No orders yet\./);
    assert.doesNotMatch(account.body, /class="pagination"/);
  });
}

test('rendering hundreds of dates reuses one date formatter per language', async (t) => {
  const { app, database } = await buildTestApp(t, 'sqlite');
  const { db } = database.handle;
  const { browser, userId } = await signedInCustomer(app, db, 'dates@shop.test');
  const ids = await insertOrders(db, userId, 100);

  const NativeFormat = Intl.DateTimeFormat;
  let constructed = 0;
  Intl.DateTimeFormat = new Proxy(NativeFormat, {
    construct(target, args, newTarget) {
      constructed += 1;
      return Reflect.construct(target, args, newTarget);
    },
    apply(target, self, args) {
      constructed += 1;
      return Reflect.apply(target, self, args);
    },
  });
  t.after(() => {
    Intl.DateTimeFormat = NativeFormat;
  });

  let datesShown = 0;
  for (const lang of ['en', 'fr']) {
    for (let page = 1; page <= 5; page += 1) {
      const account = await browser.get(`/account?page=${page}`, { 'accept-language': lang });
      datesShown += orderLinksIn(account.body).length;
    }
    for (const id of ids.slice(0, 10)) {
      const order = await browser.get(`/orders/${id}`, { 'accept-language': lang });
      assert.equal(order.statusCode, 200);
      datesShown += 1;
    }
  }
  assert.ok(datesShown >= 200, `${datesShown} dates rendered`);
  assert.ok(
    constructed <= 2,
    `${constructed} Intl.DateTimeFormat objects made for ${datesShown} dates`,
  );
});
