import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { TestClient } from '../../test/helpers/http-client.js';
import { startPostgresCluster } from '../../test/helpers/postgres-cluster.js';
import { signedInClient } from '../../test/helpers/sign-in.js';
import { buildTestApp, testConfig } from '../../test/helpers/test-app.js';
import { parseDatabaseUrl } from '../config/database-url.js';
import { buildApp } from '../server/build-app.js';
import { isDatabaseUnavailable, openDatabase } from './connection.js';
import { migrateToLatest } from './migrator.js';
import { seedDemoCatalogueIfEmpty } from './seed/seed.js';
import { SQLite } from './sqlite-native.js';

const postgresAvailable = Boolean(process.env.TEST_DATABASE_URL) || process.env.CI === 'true';

/** Settles with the promise, or fails the test when it hangs (instead of hanging the run). */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, hung]);
  } finally {
    clearTimeout(timer);
  }
}

/** Tracks whether a promise has settled yet. */
function tracked<T>(promise: Promise<T>): { readonly promise: Promise<T>; settled: boolean } {
  const state = { promise, settled: false };
  promise.then(
    () => (state.settled = true),
    () => (state.settled = true),
  );
  return state;
}

function assertUnavailable(response: LightMyRequestResponse, what: string): void {
  assert.equal(response.statusCode, 503, `${what}: ${response.body}`);
  assert.ok(Number(response.headers['retry-after']) > 0, `${what} says when to retry`);
}

const addToCart = {
  method: 'POST' as const,
  url: '/api/cart/items',
  payload: { monster_id: 2, quantity: 1 },
};

test('an outside SQLite write lock: reads go on, a write ends in a 503, then writes work again', async (t) => {
  const { app, database, logs } = await buildTestApp(t, 'sqlite');
  // Ready first: its start-up work (the session purge) would wait for the lock too.
  await app.ready();
  const { filename } = database.config as { filename: string };
  const outsider = new SQLite(filename);
  t.after(() => outsider.close());
  outsider.exec('begin immediate');

  const write = tracked(app.inject(addToCart));
  // A frozen event loop would not even run this timer before the write answered.
  await sleep(100);
  const read = await app.inject('/api/monsters/1');
  assert.equal(read.statusCode, 200, 'a read is answered while the write waits');
  assert.equal(write.settled, false, 'the write is still waiting for the lock');
  for (let more = 0; more < 3; more += 1) {
    assert.equal((await app.inject('/api/monsters/1')).statusCode, 200);
  }
  assertUnavailable(await within(write.promise, 15_000, 'the stuck write'), 'the stuck write');
  assert.ok(
    logs.lines.some(
      (line) => line.msg === 'database unavailable' && /locked/.test(JSON.stringify(line)),
    ),
    'the cause is logged',
  );

  outsider.exec('rollback');
  assert.equal((await app.inject(addToCart)).statusCode, 200, 'writes work again');
});

test('a refused form while an outside SQLite write lock holds: the 503, never a 500 naming the lock', async (t) => {
  const { app, database, logs } = await buildTestApp(t, 'sqlite');
  await app.ready();
  const shopper = new TestClient(app);
  const added = await shopper.submit('/monsters/cosmic/2', '/cart/items', { monster_id: '4' });
  assert.equal(added.statusCode, 303, 'the visitor has a session to save');
  const { filename } = database.config as { filename: string };
  const outsider = new SQLite(filename);
  t.after(() => outsider.close());
  outsider.exec('begin immediate');

  // A form of a page that expired: the error path carries its refusal back to that page.
  const expired = await within(
    shopper.post('/cart/items', { monster_id: '2', quantity: '1', back: '/monsters/cosmic/2' }),
    15_000,
    'the refused form',
  );
  assertUnavailable(expired, 'a refusal the session cannot carry while the database is locked');
  assert.equal(expired.headers.location, undefined, 'no redirect to a page that cannot say why');
  assert.doesNotMatch(expired.body, /SQLITE|locked/i, 'the cause stays in the logs');
  assert.ok(logs.lines.some((line) => line.msg === 'database unavailable'));

  outsider.exec('rollback');
  const refused = await shopper.post('/cart/items', {
    monster_id: '2',
    back: '/monsters/cosmic/2',
  });
  assert.equal(refused.statusCode, 303, 'once unlocked, the refusal goes back to its page');
  assert.match((await shopper.get('/monsters/cosmic/2')).body, /expired/);
});

test('an outside SQLite write lock: a signed-in visitor whose last activity is due to be saved still reads pages', async (t) => {
  const { app, database, logs } = await buildTestApp(t, 'sqlite');
  await app.ready();
  const { client } = await signedInClient(app, { email: 'lucy@westenra.uk' });
  assert.equal((await client.get('/')).statusCode, 200);
  // The last activity was saved five minutes ago: this visit is due to save it again.
  await app.database.db
    .updateTable('sessions')
    .set({ last_seen_at: new Date(Date.now() - 5 * 60_000).toISOString() })
    .execute();
  const { filename } = database.config as { filename: string };
  const outsider = new SQLite(filename);
  t.after(() => outsider.close());
  outsider.exec('begin immediate');

  const page = await within(client.get('/monsters/curcubitaceous/666'), 15_000, 'the page');
  assert.equal(page.statusCode, 200, 'nothing the visitor did is lost: the page is served');
  assert.match(page.body, /Jack O/);
  assert.ok(
    logs.lines.some((line) => line.msg === 'session not saved'),
    'the operator is told',
  );

  // A change of theirs is another matter: it is refused while it cannot be saved.
  const add = await within(
    client.submit('/cart', '/cart/items', { monster_id: '2', quantity: '1' }),
    15_000,
    'the add',
  );
  assertUnavailable(add, 'an add to the cart that cannot be saved');
  outsider.exec('rollback');
});

test('SQLite write transactions take the lock at BEGIN: waiting is retried, never a failed commit', async (t) => {
  const { database } = await buildTestApp(t, 'sqlite');
  const { db } = database.handle;
  const { filename } = database.config as { filename: string };
  const outsider = new SQLite(filename, { timeout: 0 });
  t.after(() => outsider.close());

  // Inside a transaction, after a read: an outside writer must not get in first
  // (with a deferred BEGIN it would, and the transaction's own write would then fail).
  await db.transaction().execute(async (trx) => {
    await trx.selectFrom('monsters').select('stock').where('id', '=', 1).executeTakeFirstOrThrow();
    assert.throws(() => outsider.exec('update monsters set stock = stock + 1 where id = 1'), {
      code: 'SQLITE_BUSY',
    });
    await trx.updateTable('monsters').set({ stock: 7 }).where('id', '=', 1).execute();
  });

  // A transaction that cannot get the lock waits without blocking, then fails as unavailable.
  outsider.exec('begin immediate');
  const transaction = tracked(
    db
      .transaction()
      .execute((trx) =>
        trx.updateTable('monsters').set({ stock: 8 }).where('id', '=', 1).execute(),
      ),
  );
  await sleep(100);
  const read = await db
    .selectFrom('monsters')
    .select('stock')
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  assert.equal(read.stock, 7);
  assert.equal(transaction.settled, false, 'a read is answered while the transaction waits');
  await assert.rejects(within(transaction.promise, 15_000, 'the waiting transaction'), (error) =>
    isDatabaseUnavailable(error),
  );
  outsider.exec('rollback');
  await db
    .transaction()
    .execute((trx) => trx.updateTable('monsters').set({ stock: 9 }).where('id', '=', 1).execute());
  assert.equal(outsider.prepare('select stock from monsters where id = 1').pluck().get(), 9);
});

test('PostgreSQL: a query stuck behind a lock ends in a 503 while other requests are answered', {
  skip: !process.env.TEST_DATABASE_URL && 'no PostgreSQL here',
}, async (t) => {
  const { app, database } = await buildTestApp(t, 'postgres');
  const locker = new pg.Client({ connectionString: (database.config as { url: string }).url });
  // Dropping the test database at the end terminates this connection: not a failure.
  locker.on('error', () => {});
  await locker.connect();
  t.after(() => locker.end());
  await locker.query('begin');
  await locker.query('lock table monsters in access exclusive mode');
  try {
    const stuck = tracked(app.inject('/api/monsters/1'));
    await sleep(100);
    const hello = await app.inject('/hello/ghost');
    assert.equal(hello.statusCode, 200, 'other requests are answered');
    assert.equal(stuck.settled, false);
    assertUnavailable(await within(stuck.promise, 20_000, 'the stuck read'), 'the stuck read');
  } finally {
    // Before the app closes, or closing would wait for the stuck query.
    await locker.query('rollback');
  }
  assert.equal((await app.inject('/api/monsters/1')).statusCode, 200);
});

test('PostgreSQL frozen (SIGSTOP): requests end in a 503, others are answered, it recovers', {
  skip: !postgresAvailable && 'no PostgreSQL here',
}, async (t) => {
  const cluster = await startPostgresCluster();
  const frozen: number[] = [];
  const thaw = () => {
    for (const pid of frozen.splice(0)) process.kill(pid, 'SIGCONT');
  };
  t.after(() => {
    thaw();
    cluster.stop();
  });
  const config = parseDatabaseUrl(cluster.url, '/');
  const handle = openDatabase(config);
  await migrateToLatest(handle);
  await seedDemoCatalogueIfEmpty(handle);
  const app = await buildApp(testConfig(config), { database: handle });
  t.after(async () => {
    thaw();
    await app.close();
    await handle.close();
  });
  // Open a few pooled connections, so some requests meet a frozen backend, not a refused connection.
  await Promise.all(Array.from({ length: 3 }, () => app.inject('/api/monsters/1')));

  const { rows } = await sql<{ pid: number }>`
    select pid from pg_stat_activity where datname = current_database()`.execute(handle.db);
  const backends = rows.map((row) => row.pid);
  const postmaster = Number(
    readFileSync(`/proc/${backends[0]}/stat`, 'utf8').split(') ')[1]?.split(' ')[1],
  );
  for (const pid of [postmaster, ...backends]) {
    process.kill(pid, 'SIGSTOP');
    frozen.push(pid);
  }

  try {
    const stuck = Array.from({ length: 4 }, () => tracked(app.inject('/api/monsters/1')));
    await sleep(100);
    const hello = await app.inject('/hello/ghost');
    assert.equal(hello.statusCode, 200, 'other requests are answered');
    assert.ok(stuck.every((request) => !request.settled));
    for (const request of stuck) {
      assertUnavailable(await within(request.promise, 20_000, 'a frozen read'), 'a frozen read');
    }
  } finally {
    thaw();
  }
  let status = 0;
  for (let attempt = 0; attempt < 50 && status !== 200; attempt += 1) {
    status = (await app.inject('/api/monsters/1')).statusCode;
    if (status !== 200) await sleep(200);
  }
  assert.equal(status, 200, 'back to normal by itself');
});
