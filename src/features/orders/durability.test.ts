import assert from 'node:assert/strict';
import { test } from 'node:test';
import { serverUrl, spawnMonsters } from '../../../test/helpers/cli-process.js';
import { createTestDatabase, testEngines } from '../../../test/helpers/databases.js';
import { STRONG_PASSWORD } from '../../../test/helpers/http-client.js';
import { migrateToLatest } from '../../db/migrator.js';
import { seedDemoCatalogueIfEmpty } from '../../db/seed/seed.js';
import { createUser } from '../accounts/index.js';

const INITIAL_STOCK = 500;
const JSON_HEADERS = { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' };

for (const engine of testEngines()) {
  test(`every order answered before a kill -9 is still there after a restart on ${engine}`, async (t) => {
    const database = await createTestDatabase(engine);
    t.after(() => database.destroy());
    const { db } = database.handle;
    await migrateToLatest(database.handle);
    await seedDemoCatalogueIfEmpty(database.handle);
    await db.updateTable('monsters').set({ stock: INITIAL_STOCK }).where('id', '=', 666).execute();
    await createUser(
      db,
      { email: 'loop@shop.test', name: 'Loop', password: STRONG_PASSWORD },
      'customer',
    );

    const env = { DATABASE_URL: database.config.url };
    const first = spawnMonsters(['serve', '--port', '0'], { env });
    t.after(() => first.kill('SIGKILL'));
    const url = await serverUrl(first);

    const signIn = await fetch(`${url}/api/session`, {
      method: 'POST',
      headers: JSON_HEADERS,
      body: JSON.stringify({ email: 'loop@shop.test', password: STRONG_PASSWORD }),
    });
    const cookie = /session=[^;]+/.exec(signIn.headers.getSetCookie().join('\n'))?.[0] ?? '';
    const headers = { ...JSON_HEADERS, cookie };

    const confirmed: number[] = [];
    const buyOne = async () => {
      await fetch(`${url}/api/cart/items`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ monster_id: 666, quantity: 1 }),
      });
      const response = await fetch(`${url}/api/checkout`, {
        method: 'POST',
        headers: { cookie, 'sec-fetch-site': 'same-origin' },
      });
      if (response.status === 201) confirmed.push((await response.json()).id);
    };
    // Checkouts in a loop; the server dies with some requests in flight.
    const loop = (async () => {
      for (let i = 0; i < 200; i += 1) await buyOne().catch(() => undefined);
    })();
    while (confirmed.length < 15) await new Promise((resolve) => setTimeout(resolve, 5));
    first.kill('SIGKILL');
    await loop;
    assert.ok(confirmed.length >= 15);

    const second = spawnMonsters(['serve', '--port', '0'], { env });
    t.after(() => second.kill('SIGKILL'));
    const restarted = await serverUrl(second);
    const orders = (await (
      await fetch(`${restarted}/api/orders`, { headers: { cookie } })
    ).json()) as { id: number }[];
    const stored = new Set(orders.map((order) => order.id));
    for (const id of confirmed)
      assert.ok(stored.has(id), `order ${id} was answered 201 and must survive`);

    const { stock } = await db
      .selectFrom('monsters')
      .select('stock')
      .where('id', '=', 666)
      .executeTakeFirstOrThrow();
    const sold = await db
      .selectFrom('order_items')
      .select((eb) => eb.fn.sum<number>('quantity').as('sold'))
      .where('monster_id', '=', 666)
      .executeTakeFirstOrThrow();
    assert.equal(stock + Number(sold.sold), INITIAL_STOCK, 'stock + sold units = initial stock');
    const orderless = await db
      .selectFrom('orders')
      .leftJoin('order_items', 'order_items.order_id', 'orders.id')
      .select('orders.id')
      .where('order_items.id', 'is', null)
      .execute();
    assert.deepEqual(orderless, [], 'no order without items');
    second.kill('SIGTERM');
  });
}
