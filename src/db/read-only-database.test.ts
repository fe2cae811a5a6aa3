import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { CLI_SECRET } from '../../test/helpers/cli-process.js';
import { createTestDatabase } from '../../test/helpers/databases.js';
import { STRONG_PASSWORD } from '../../test/helpers/http-client.js';
import { buildTestApp } from '../../test/helpers/test-app.js';
import { parseDatabaseUrl } from '../config/database-url.js';
import { createUser } from '../features/accounts/accounts.service.js';
import { PROJECT_ROOT } from '../shared/project.js';
import { openDatabase } from './connection.js';
import { migrateToLatest } from './migrator.js';
import { seedDemoCatalogueIfEmpty } from './seed/seed.js';

const MAIN = join(PROJECT_ROOT, 'src', 'main.ts');
const TSX = import.meta.resolve('tsx');
const JSON_HEADERS = { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' };
const runsAsRoot = process.getuid?.() === 0;

/**
 * `monsters serve` in a process that cannot write `file`: root ignores file
 * modes, so as root it runs as `nobody` over a file that root owns.
 */
function serveWithout(write: { file: string }, env: Record<string, string>): ChildProcess {
  chmodSync(write.file, 0o444);
  const command = [process.execPath, '--import', TSX, MAIN, 'serve', '--port', '0'];
  const [program = '', ...args] = runsAsRoot
    ? ['runuser', '-u', 'nobody', '--', ...command]
    : command;
  return spawnServe(program, args, env);
}

function spawnServe(program: string, args: string[], env: Record<string, string>): ChildProcess {
  // Its own data folder (uploads) must be writable by whoever runs it.
  const cwd = mkdtempSync(join(tmpdir(), 'monsters-ro-cwd-'));
  chmodSync(cwd, 0o1777);
  return spawn(program, args, {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      TSX_TSCONFIG_PATH: join(PROJECT_ROOT, 'tsconfig.json'),
      SECRET_KEY: CLI_SECRET,
      LOG_LEVEL: 'silent',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // A group of its own: `runuser` runs the server as its child, and both must go.
    detached: true,
  });
}

/** Kills the server and whatever started it (`runuser`), if still running. */
function killGroup(child: ChildProcess): void {
  try {
    if (child.pid) process.kill(-child.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** How start-up ended: an exit, or a server that started (and is killed). */
function startupOutcome(
  child: ChildProcess,
): Promise<{ started: boolean; code: number | null; stderr: string }> {
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) => {
    child.stdout?.on('data', (chunk) => {
      if (/running on/.test(String(chunk))) {
        killGroup(child);
        resolve({ started: true, code: null, stderr });
      }
    });
    child.on('close', (code) => resolve({ started: false, code, stderr }));
  });
}

function assertOneLineFailure(outcome: { started: boolean; code: number | null; stderr: string }) {
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

    const child = serveWithout({ file }, { DATABASE_URL: `sqlite:///${file}` });
    t.after(() => killGroup(child));
    const outcome = await startupOutcome(child);
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

  const child = serveWithout({ file }, { DATABASE_URL: `sqlite:///${file}` });
  t.after(() => killGroup(child));
  const outcome = await startupOutcome(child);
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

  const child = spawnServe(process.execPath, ['--import', TSX, MAIN, 'serve', '--port', '0'], {
    DATABASE_URL: url,
  });
  t.after(() => killGroup(child));
  assertOneLineFailure(await startupOutcome(child));
});

test('SQLite turned read-only while serving: writes answer 503 with the cause logged, reads go on', async (t) => {
  const { app, database, logs } = await buildTestApp(t, 'sqlite');
  await sql`pragma query_only = 1`.execute(database.handle.db);

  assert.equal((await app.inject('/api/monsters/1')).statusCode, 200);
  const write = await app.inject({
    method: 'POST',
    url: '/api/cart/items',
    headers: JSON_HEADERS,
    payload: { monster_id: 2, quantity: 1 },
  });
  assert.equal(write.statusCode, 503, write.body);
  assert.ok(Number(write.headers['retry-after']) > 0);
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
  const write = await app.inject({
    method: 'POST',
    url: '/api/cart/items',
    headers: JSON_HEADERS,
    payload: { monster_id: 2, quantity: 1 },
  });
  assert.equal(write.statusCode, 503, write.body);
  assert.ok(Number(write.headers['retry-after']) > 0);
});

test('a full disk in the middle of a checkout: 503, the cause logged, nothing half-done', async (t) => {
  const { app, database, logs } = await buildTestApp(t, 'sqlite');
  const { db } = database.handle;
  await createUser(
    db,
    { email: 'full@shop.test', name: 'Full', password: STRONG_PASSWORD },
    'customer',
    'en',
  );
  const signIn = await app.inject({
    method: 'POST',
    url: '/api/session',
    headers: JSON_HEADERS,
    payload: { email: 'full@shop.test', password: STRONG_PASSWORD },
  });
  const cookie = /session=[^;]+/.exec(String(signIn.headers['set-cookie']))?.[0] ?? '';
  const added = await app.inject({
    method: 'POST',
    url: '/api/cart/items',
    headers: { ...JSON_HEADERS, cookie },
    payload: { monster_id: 1, quantity: 2 },
  });
  assert.equal(added.statusCode, 200);
  const stockOf = async () =>
    (await db.selectFrom('monsters').select('stock').where('id', '=', 1).executeTakeFirstOrThrow())
      .stock;
  const stockBefore = await stockOf();

  // The disk is full: no page may be added, and the orders table has no room left.
  const { rows } = await sql<{ page_count: number }>`pragma page_count`.execute(db);
  await sql.raw(`pragma max_page_count = ${rows[0]?.page_count}`).execute(db);
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
  assert.equal(await stockOf(), stockBefore, 'the stock taken before the failure is given back');
  assert.ok(
    logs.lines.some(
      (line) =>
        line.msg === 'database unavailable' &&
        /database or disk is full/.test(JSON.stringify(line)),
    ),
    'logged with its real cause',
  );
});
