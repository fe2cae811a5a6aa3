import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startPostgresCluster } from '../../test/helpers/postgres-cluster.js';
import { testConfig } from '../../test/helpers/test-app.js';
import { parseDatabaseUrl } from '../config/database-url.js';
import { buildApp } from '../server/build-app.js';
import { openDatabase } from './connection.js';
import { migrateToLatest } from './migrator.js';
import { seedDemoCatalogueIfEmpty } from './seed/seed.js';

const postgresAvailable = Boolean(process.env.TEST_DATABASE_URL) || process.env.CI === 'true';

test('PostgreSQL down: 503 with Retry-After, then back to normal by itself', {
  skip: !postgresAvailable && 'no PostgreSQL here',
}, async (t) => {
  const cluster = await startPostgresCluster();
  t.after(() => cluster.stop());
  const config = parseDatabaseUrl(cluster.url, '/');
  const handle = openDatabase(config);
  await migrateToLatest(handle);
  await seedDemoCatalogueIfEmpty(handle);
  const app = await buildApp(testConfig(config), { database: handle });
  t.after(async () => {
    await app.close();
    await handle.close();
  });

  assert.equal((await app.inject('/api/monsters/1')).statusCode, 200);

  cluster.pause();
  for (const [url, accept] of [
    ['/api/monsters/1', 'application/json'],
    ['/monsters/cosmic/1', 'text/html'],
    ['/status', '*/*'],
  ]) {
    const response = await app.inject({ url, headers: { accept } });
    assert.equal(response.statusCode, 503, url);
    assert.ok(Number(response.headers['retry-after']) > 0, `${url} says when to retry`);
    assert.doesNotMatch(
      response.body,
      /ECONNREFUSED|127\.0\.0\.1|postgres/i,
      'no connection detail leaks',
    );
  }

  cluster.resume();
  let status = 0;
  for (let attempt = 0; attempt < 50 && status !== 200; attempt += 1) {
    status = (await app.inject('/api/monsters/1')).statusCode;
    if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 200));
  }
  assert.equal(status, 200, 'the app recovers without a restart');
  assert.equal((await app.inject('/status')).body, 'The server is running!');
});
