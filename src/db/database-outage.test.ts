import assert from 'node:assert/strict';
import { type TestContext, test } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { TestClient } from '../../test/helpers/http-client.js';
import { startPostgresCluster } from '../../test/helpers/postgres-cluster.js';
import { signedInClient } from '../../test/helpers/sign-in.js';
import { failOnErrorLogs, LogCollector, testConfig } from '../../test/helpers/test-app.js';
import type { SessionStoreKind } from '../config/config.js';
import { type DatabaseConfig, parseDatabaseUrl } from '../config/database-url.js';
import { buildApp } from '../server/build-app.js';
import { type DatabaseHandle, openDatabase } from './connection.js';
import { migrateToLatest } from './migrator.js';
import { seedDemoCatalogueIfEmpty } from './seed/seed.js';

const postgresAvailable = Boolean(process.env.TEST_DATABASE_URL) || process.env.CI === 'true';
const STORES: SessionStoreKind[] = ['database', 'cookie'];
const ACCEPTS = ['text/html', 'application/json'] as const;
/** What must never reach a client: the server's address, the driver's or the database's words. */
const INTERNALS =
  /ECONNREFUSED|127\.0\.0\.1|::1|:\d{4,5}\b|postgres|connect |terminat|Connection|FST_/i;

async function appOn(
  t: TestContext,
  database: DatabaseConfig,
  handle: DatabaseHandle,
  store: SessionStoreKind,
) {
  const logs = new LogCollector();
  const app = await buildApp(testConfig(database, { sessionStore: store }), {
    database: handle,
    logStream: logs,
  });
  t.after(() => app.close());
  failOnErrorLogs(t, logs);
  return app;
}

function assertBranded503(response: LightMyRequestResponse, label: string): void {
  assert.equal(response.statusCode, 503, `${label}: ${response.body.slice(0, 300)}`);
  assert.ok(Number(response.headers['retry-after']) > 0, `${label} says when to retry`);
  assert.doesNotMatch(response.body, INTERNALS, `${label}: no connection detail leaks`);
  const type = String(response.headers['content-type']);
  if (type.startsWith('text/html'))
    assert.match(response.body, /<html lang="(en|fr)"/, `${label}: the branded page`);
  if (type.startsWith('application/problem+json'))
    assert.equal(response.json().status, 503, `${label}: a problem+json answer`);
  assert.match(type, /^(text\/html|application\/problem\+json|text\/plain)/, label);
  assert.match(String(response.headers['content-security-policy']), /default-src 'self'/);
}

/** Visitors who hold a session cookie when the database goes away. */
async function visitorsOf(app: FastifyInstance, email: string) {
  const shopper = new TestClient(app);
  assert.equal((await shopper.submit('/cart', '/cart/items', { monster_id: '1' })).statusCode, 303);
  const { client: customer } = await signedInClient(app, { email, name: 'Harker' });
  assert.ok(shopper.cookies.has('session') && customer.cookies.has('session'));
  return { shopper, customer };
}

test('PostgreSQL down: 503 with Retry-After for every visitor, then back to normal by itself', {
  skip: !postgresAvailable && 'no PostgreSQL here',
}, async (t) => {
  const cluster = await startPostgresCluster();
  t.after(() => cluster.stop());
  const database = parseDatabaseUrl(cluster.url, '/');
  const handle = openDatabase(database);
  t.after(() => handle.close());
  await migrateToLatest(handle);
  await seedDemoCatalogueIfEmpty(handle);
  const apps = new Map<SessionStoreKind, FastifyInstance>();
  const visitors = new Map<SessionStoreKind, Awaited<ReturnType<typeof visitorsOf>>>();
  for (const store of STORES) {
    const app = await appOn(t, database, handle, store);
    apps.set(store, app);
    visitors.set(store, await visitorsOf(app, `${store}@whitby.uk`));
    assert.equal((await app.inject('/api/monsters/1')).statusCode, 200);
  }

  cluster.pause();
  for (const store of STORES) {
    const app = apps.get(store) as FastifyInstance;
    const { shopper, customer } = visitors.get(store) as Awaited<ReturnType<typeof visitorsOf>>;
    for (const [url, accept] of [
      ['/api/monsters/1', 'application/json'],
      ['/monsters/cosmic/1', 'text/html'],
      ['/status', '*/*'],
    ]) {
      assertBranded503(
        await app.inject({ url, headers: { accept } }),
        `${store}, no cookie, ${url}`,
      );
    }
    const pages = [
      '/',
      '/monsters/cosmic/1',
      '/cart',
      '/api/monsters/1',
      '/api/cart',
      '/api/session',
    ];
    for (const [who, client, urls] of [
      ['a visitor with a cart', shopper, pages],
      ['a signed-in customer', customer, [...pages, '/account', '/api/orders']],
    ] as const) {
      for (const url of urls) {
        for (const accept of ACCEPTS) {
          const label = `${store}, ${who}, ${url}, ${accept}`;
          const response = await client.get(url, { accept });
          // An anonymous cookie session lives in the cookie alone: "who am I" needs no database.
          if (store === 'cookie' && client === shopper && url === '/api/session') {
            assert.equal(response.statusCode, 200, label);
            assert.equal(response.json().user, null, label);
          } else {
            assertBranded503(response, label);
          }
        }
      }
    }
  }

  cluster.resume();
  for (const store of STORES) {
    const app = apps.get(store) as FastifyInstance;
    let status = 0;
    for (let attempt = 0; attempt < 50 && status !== 200; attempt += 1) {
      status = (await app.inject('/api/monsters/1')).statusCode;
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.equal(status, 200, `${store}: the app recovers without a restart`);
    assert.equal((await app.inject('/status')).body, 'The server is running!');
    const { customer } = visitors.get(store) as Awaited<ReturnType<typeof visitorsOf>>;
    const account = await customer.get('/account');
    assert.equal(account.statusCode, 200, `${store}: the customer is still signed in`);
  }
});
