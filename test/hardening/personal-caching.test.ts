import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { SessionStoreKind } from '../../src/config/config.js';
import { testEngines } from '../helpers/databases.js';
import { TestClient } from '../helpers/http-client.js';
import { signedInClient } from '../helpers/sign-in.js';
import { buildTestApp } from '../helpers/test-app.js';

const STORES: SessionStoreKind[] = ['database', 'cookie'];
const API = { accept: 'application/json', 'sec-fetch-site': 'same-origin' };

/** A signed-in customer with one order, over the API (one cookie jar for pages and API). */
async function customerWithOrder(
  app: FastifyInstance,
): Promise<{ client: TestClient; orderId: number }> {
  const { client } = await signedInClient(app, { email: 'lucy@westenra.uk', name: 'Lucy' });
  await client.request({
    method: 'POST',
    url: '/api/cart/items',
    headers: API,
    payload: { monster_id: 2, quantity: 1 },
  });
  const order = await client.request({ method: 'POST', url: '/api/checkout', headers: API });
  assert.equal(order.statusCode, 201, order.body);
  await client.request({
    method: 'POST',
    url: '/api/cart/items',
    headers: API,
    payload: { monster_id: 1, quantity: 1 },
  });
  return { client, orderId: order.json().id };
}

for (const engine of testEngines()) {
  for (const store of STORES) {
    test(`answers rendered from a visitor's session are never stored by a cache (${store} store, ${engine})`, async (t) => {
      const { app } = await buildTestApp(t, engine, { sessionStore: store });
      const { client, orderId } = await customerWithOrder(app);
      const personal = [
        ['/account', 'text/html'],
        ['/cart', 'text/html'],
        [`/orders/${orderId}`, 'text/html'],
        ['/api/session', 'application/json'],
        ['/api/cart', 'application/json'],
        ['/api/orders', 'application/json'],
        [`/api/orders/${orderId}`, 'application/json'],
        // Any page shows the sign-in state and the cart count in its header.
        ['/', 'text/html'],
        ['/monsters/cosmic/1', 'text/html'],
        ['/monsters', 'text/html'],
        ['/page-that-does-not-exist', 'text/html'],
      ] as const;
      for (const [url, accept] of personal) {
        const response = await client.get(url, { accept });
        assert.ok(response.statusCode < 500, `${url}: ${response.statusCode}`);
        assert.equal(response.headers['cache-control'], 'no-store', `${url} (signed in)`);
      }

      const anonymous = new TestClient(app);
      for (const [url, accept] of [
        ['/account', 'text/html'],
        ['/cart', 'text/html'],
        [`/orders/${orderId}`, 'text/html'],
        ['/api/session', 'application/json'],
        ['/api/cart', 'application/json'],
        ['/api/orders', 'application/json'],
      ] as const) {
        const response = await anonymous.get(url, { accept });
        assert.equal(response.headers['cache-control'], 'no-store', `${url} (anonymous)`);
      }

      const catalogue = await anonymous.get('/api/monsters/1', { accept: 'application/json' });
      assert.notEqual(
        catalogue.headers['cache-control'],
        'no-store',
        'public data stays cacheable',
      );

      const asset = await client.get(app.staticUrl('css/app.css'), { accept: 'text/css' });
      assert.equal(asset.statusCode, 200);
      assert.equal(
        asset.headers['cache-control'],
        'public, max-age=31536000, immutable',
        'a session cookie does not make a static asset private',
      );
    });
  }
}
