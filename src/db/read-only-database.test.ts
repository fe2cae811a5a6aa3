import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type TestContext, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { createTestDatabase, fillSqliteDisk, stockOf } from '../../test/helpers/databases.js';
import { startMonsters, within } from '../../test/helpers/monsters-process.js';
import { signedInClient } from '../../test/helpers/sign-in.js';
import { buildTestApp } from '../../test/helpers/test-app.js';
import { parseDatabaseUrl } from '../config/database-url.js';
import { openDatabase } from './connection.js';
import { migrateToLatest } from './migrator.js';
import { seedDemoCatalogueIfEmpty } from './seed/seed.js';

const JSON_HEADERS = { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' };
const runsAsRoot = process.getuid?.() === 0;

interface StartupOutcome {
  readonly started: boolean;
  readonly code: number | null;
  readonly stderr: string;
}

/**
 * How `monsters serve` (the bundle) started: an exit, or a server that
 * started (killed when the test ends). A process of its own: a server that
 * started by mistake would hold this one, which only a stop that ends the
 * process can close.
 */
async function serveOutcome(
  t: TestContext,
  env: Record<string, string>,
  options: { readonly runAs?: string } = {},
): Promise<StartupOutcome> {
  // Its own data folder (uploads) must be writable by whoever runs it.
  const cwd = mkdtempSync(join(tmpdir(), 'monsters-ro-cwd-'));
  chmodSync(cwd, 0o1777);
  const server = startMonsters(t, ['serve', '--port', '0'], { cwd, env, ...options });
  const started = server.waitForStdout(/running on/).then(() => true);
  const exited = server.exited.then(() => false);
  const outcome = await within(Promise.race([started, exited]), 60_000, 'serve to start or exit');
  const exit = outcome ? null : await server.exited;
  return { started: outcome, code: exit?.code ?? null, stderr: server.stderr() };
}

/**
 * `monsters serve` in a process that cannot write `file`: root ignores file
 * modes, so as root it runs as `nobody` over a file that root owns.
 */
function serveWithout(t: TestContext, write: { file: string }): Promise<StartupOutcome> {
  chmodSync(write.file, 0o444);
  return serveOutcome(
    t,
    { DATABASE_URL: `sqlite:///${write.file}` },
    runsAsRoot ? { runAs: 'nobody' } : {},
  );
}

function assertOneLineFailure(outcome: StartupOutcome) {
  assert.equal(outcome.started, false, 'it must not start and report healthy');
  assert.equal(outcome.code, 1, outcome.stderr);
  assert.equal(outcome.stderr.trim().split('\n').length, 1, outcome.stderr);
  assert.match(outcome.stderr, /^monsters: .*cannot be written/);
}

for (const state of ['migrated and seeded', 'never migrated']) {
  test(`serve refuses a SQLite file it cannot write (${state}): one line, exit code 1`, async (t) => {
    // Anyone may create files in the folder (-wal, -shm): only the database file is read-only.
    const dir = mkdtempSync(join(tmpdir(), 'monsters-ro-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    chmodSync(dir, 0o1777);
    const file = join(dir, 'shop.db');
    const handle = openDatabase(parseDatabaseUrl(`sqlite:///${file}`, '/'));
    if (state === 'migrated and seeded') {
      await migrateToLatest(handle);
      await seedDemoCatalogueIfEmpty(handle);
    }
    await handle.close();

    const outcome = await serveWithout(t, { file });
    assertOneLineFailure(outcome);
    assert.match(
      outcome.stderr,
      /shop\.db cannot be written \(attempt to write a readonly database\)/,
    );
  });
}

test('serve refuses a SQLite file in a folder it cannot write, naming the file: one line, exit code 1', async (t) => {
  // The usual case: a data folder owned by someone else (root), so no -wal file can be made beside it.
  const dir = mkdtempSync(join(tmpdir(), 'monsters-ro-dir-'));
  t.after(() => {
    chmodSync(dir, 0o700);
    rmSync(dir, { recursive: true, force: true });
  });
  const file = join(dir, 'shop.db');
  const handle = openDatabase(parseDatabaseUrl(`sqlite:///${file}`, '/'));
  await migrateToLatest(handle);
  await seedDemoCatalogueIfEmpty(handle);
  await handle.close();
  chmodSync(dir, 0o555);

  const outcome = await serveWithout(t, { file });
  assertOneLineFailure(outcome);
  assert.ok(
    outcome.stderr.includes(`the database file ${file} cannot be written (`),
    outcome.stderr,
  );
});

test('serve refuses a PostgreSQL database it cannot write: one line, exit code 1', {
  skip: !process.env.TEST_DATABASE_URL && 'no PostgreSQL here',
}, async (t) => {
  const database = await createTestDatabase('postgres');
  t.after(() => database.destroy());
  await migrateToLatest(database.handle);
  await seedDemoCatalogueIfEmpty(database.handle);
  const { url } = database.config;
  const name = new URL(url).pathname.slice(1);
  await sql
    .raw(`alter database ${name} set default_transaction_read_only = on`)
    .execute(database.handle.db);

  assertOneLineFailure(await serveOutcome(t, { DATABASE_URL: url }));
});

/** A cart write answers 503 with Retry-After: the database refuses to be written. */
async function assertWriteRefused(app: FastifyInstance): Promise<void> {
  const write = await app.inject({
    method: 'POST',
    url: '/api/cart/items',
    headers: JSON_HEADERS,
    payload: { monster_id: 2, quantity: 1 },
  });
  assert.equal(write.statusCode, 503, write.body);
  assert.ok(Number(write.headers['retry-after']) > 0);
}

test('SQLite turned read-only while serving: writes answer 503 with the cause logged, reads go on', async (t) => {
  const { app, database, logs } = await buildTestApp(t, 'sqlite');
  await sql`pragma query_only = 1`.execute(database.handle.db);

  assert.equal((await app.inject('/api/monsters/1')).statusCode, 200);
  await assertWriteRefused(app);
  assert.ok(
    logs.lines.some(
      (line) => line.msg === 'database unavailable' && /readonly/.test(JSON.stringify(line)),
    ),
    'logged with its real cause',
  );
});

test('PostgreSQL turned read-only while serving: writes answer 503, reads go on', {
  skip: !process.env.TEST_DATABASE_URL && 'no PostgreSQL here',
}, async (t) => {
  const { app, database } = await buildTestApp(t, 'postgres');
  const { url } = database.config;
  const name = new URL(url).pathname.slice(1);
  // A failover to a standby, say: new sessions are read-only; the old ones are cut.
  const admin = new pg.Client({ connectionString: url });
  // Dropping the test database at the end terminates this connection: not a failure.
  admin.on('error', () => {});
  await admin.connect();
  t.after(() => admin.end());
  await admin.query(`alter database ${name} set default_transaction_read_only = on`);
  await admin.query(
    'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
    [name],
  );

  let read = 0;
  for (let attempt = 0; attempt < 20 && read !== 200; attempt += 1) {
    read = (await app.inject('/api/monsters/1')).statusCode;
  }
  assert.equal(read, 200, 'reads go on');
  await assertWriteRefused(app);
});

test('a full disk in the middle of a checkout: 503, the cause logged, nothing half-done', async (t) => {
  const { app, database, logs } = await buildTestApp(t, 'sqlite');
  const { db } = database.handle;
  const { client } = await signedInClient(app, { email: 'full@shop.test', name: 'Full' });
  const cookie = `session=${client.cookies.get('session')}`;
  const added = await app.inject({
    method: 'POST',
    url: '/api/cart/items',
    headers: { ...JSON_HEADERS, cookie },
    payload: { monster_id: 1, quantity: 2 },
  });
  assert.equal(added.statusCode, 200);
  const stockBefore = await stockOf(db, 1);

  // The disk is full: no page may be added, and the orders table has no room left.
  await fillSqliteDisk(db);
  const user = await db.selectFrom('users').select('id').executeTakeFirstOrThrow();
  await assert.rejects(async () => {
    for (;;) {
      await db
        .insertInto('orders')
        .values({ user_id: user.id, total_cents: 1, created_at: new Date().toISOString() })
        .execute();
    }
  }, /database or disk is full/);

  const checkout = await app.inject({
    method: 'POST',
    url: '/api/checkout',
    headers: { cookie, 'sec-fetch-site': 'same-origin' },
  });
  assert.equal(checkout.statusCode, 503, checkout.body);
  assert.ok(Number(checkout.headers['retry-after']) > 0);
  assert.equal(
    await stockOf(db, 1),
    stockBefore,
    'the stock taken before the failure is given back',
  );
  assert.ok(
    logs.lines.some(
      (line) =>
        line.msg === 'database unavailable' &&
        /database or disk is full/.test(JSON.stringify(line)),
    ),
    'logged with its real cause',
  );
});
