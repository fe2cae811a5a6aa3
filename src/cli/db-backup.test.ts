import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type TestContext, test } from 'node:test';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { runCliInProcess } from '../../test/helpers/cli-in-process.js';
import { runMonsters, serverUrl, spawnMonsters } from '../../test/helpers/cli-process.js';
import { createTestDatabase, type Engine, testEngines } from '../../test/helpers/databases.js';
import { STRONG_PASSWORD } from '../../test/helpers/http-client.js';
import { parseDatabaseUrl } from '../config/database-url.js';
import { type DB, openDatabase } from '../db/connection.js';
import { migrateToLatest } from '../db/migrator.js';
import { seedDemoCatalogueIfEmpty, seedGeneratedMonsters } from '../db/seed/seed.js';
import { createUser } from '../features/accounts/index.js';

/*
 * `monsters db backup FILE` on a live shop: a server in its own process keeps
 * taking checkouts while the backup runs in this one, on its own connection.
 */

const INITIAL_STOCK = 1_000;
const MONSTER_ID = 666;
const GENERATED_MONSTERS = 10_000;
const JSON_HEADERS = { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' };
const REAL_PROCESS = { timeout: 120_000 };
const run = promisify(execFile);

const makeFolder = () => mkdtempSync(join(tmpdir(), 'monsters-backup-'));
function newFolder(t: TestContext): string {
  const folder = makeFolder();
  t.after(() => rmSync(folder, { recursive: true, force: true }));
  return folder;
}
/** pg_dump is found on the PATH the command is given, as in a shell. */
const withPath = (env: Record<string, string>) => ({ PATH: process.env.PATH ?? '', ...env });
const backup = (args: string[], env: Record<string, string>, cwd?: string) =>
  runCliInProcess(['db', 'backup', ...args], { env: withPath(env), ...(cwd && { cwd }) });

/** A serving shop on its own database, and a customer who checks out one Blob after another. */
async function shopTakingCheckouts(t: TestContext, engine: Engine) {
  const database = await createTestDatabase(engine);
  t.after(() => database.destroy());
  const { db } = database.handle;
  await migrateToLatest(database.handle);
  await seedDemoCatalogueIfEmpty(database.handle);
  // A few MB, so that copying it takes a while.
  await seedGeneratedMonsters(database.handle, GENERATED_MONSTERS);
  await db
    .updateTable('monsters')
    .set({ stock: INITIAL_STOCK })
    .where('id', '=', MONSTER_ID)
    .execute();
  await createUser(
    db,
    { email: 'loop@shop.test', name: 'Loop', password: STRONG_PASSWORD },
    'customer',
  );
  const server = spawnMonsters(['serve', '--port', '0'], {
    env: { DATABASE_URL: database.config.url },
  });
  t.after(() => server.kill('SIGKILL'));
  const url = await serverUrl(server);
  const signIn = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: JSON_HEADERS,
    body: JSON.stringify({ email: 'loop@shop.test', password: STRONG_PASSWORD }),
  });
  const cookie = /session=[^;]+/.exec(signIn.headers.getSetCookie().join('\n'))?.[0] ?? '';

  /** Ids of the orders answered 201, in the order they were answered. */
  const confirmed: number[] = [];
  let stopped = false;
  const buyOne = async () => {
    await fetch(`${url}/api/cart/items`, {
      method: 'POST',
      headers: { ...JSON_HEADERS, cookie },
      body: JSON.stringify({ monster_id: MONSTER_ID, quantity: 1 }),
    });
    const response = await fetch(`${url}/api/checkout`, {
      method: 'POST',
      headers: { cookie, 'sec-fetch-site': 'same-origin' },
    });
    if (response.status === 201) confirmed.push(((await response.json()) as { id: number }).id);
  };
  const loop = (async () => {
    for (let i = 0; i < 400 && !stopped; i += 1) await buyOne();
  })();
  const stop = async () => {
    stopped = true;
    await loop;
  };
  t.after(stop);
  return { database, confirmed, stop };
}

async function waitForOrders(confirmed: readonly number[], count: number): Promise<void> {
  while (confirmed.length < count) await new Promise((resolve) => setTimeout(resolve, 5));
}

/** What a restored database must show: every order given, each with its items, stock matching sales. */
async function assertHoldsOrders(db: DB, expected: readonly number[]): Promise<number> {
  const stored = new Set((await db.selectFrom('orders').select('id').execute()).map((o) => o.id));
  for (const id of expected)
    assert.ok(stored.has(id), `order ${id} was committed before the backup`);
  const { stock } = await db
    .selectFrom('monsters')
    .select('stock')
    .where('id', '=', MONSTER_ID)
    .executeTakeFirstOrThrow();
  const sold = await db
    .selectFrom('order_items')
    .select((eb) => eb.fn.sum<number | string>('quantity').as('units'))
    .where('monster_id', '=', MONSTER_ID)
    .executeTakeFirstOrThrow();
  assert.equal(stock + Number(sold.units), INITIAL_STOCK, 'one snapshot: stock + sold = initial');
  const orderless = await db
    .selectFrom('orders')
    .leftJoin('order_items', 'order_items.order_id', 'orders.id')
    .select('orders.id')
    .where('order_items.id', 'is', null)
    .execute();
  assert.deepEqual(orderless, [], 'no order without its items');
  return stored.size;
}

for (const engine of testEngines()) {
  test(
    `a backup taken during a checkout loop restores every order committed before it began (${engine})`,
    REAL_PROCESS,
    async (t) => {
      const shop = await shopTakingCheckouts(t, engine);
      await waitForOrders(shop.confirmed, 10);
      const committedBefore = [...shop.confirmed];
      const folder = newFolder(t);
      const file = join(folder, engine === 'sqlite' ? 'shop-backup.db' : 'shop-backup.pgdump');

      // Its own process, so the checkout loop of this one goes on while it copies.
      const result = await runMonsters(t, ['db', 'backup', file], {
        DATABASE_URL: shop.database.config.url,
      });
      assert.equal(result.stderr, '');
      assert.equal(result.code, 0);
      assert.match(
        result.stdout,
        /^backed up the database to .*shop-backup\.\w+ \(\d+(\.\d)? [KM]iB\)\n$/,
      );
      assert.ok(
        shop.confirmed.length > committedBefore.length,
        'checkouts went on while the backup command ran',
      );
      const duringBackup = shop.confirmed.length;
      await waitForOrders(shop.confirmed, duringBackup + 3);
      await shop.stop();
      assert.deepEqual(
        readdirSync(folder),
        [file.slice(folder.length + 1)],
        'no temporary file left',
      );
      assert.equal(statSync(file).mode & 0o777, 0o600, 'readable by its owner only');

      if (engine === 'sqlite') {
        const restored = openDatabase(parseDatabaseUrl(`sqlite:///${file}`, '/'));
        t.after(() => restored.close());
        const { rows } = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(
          restored.db,
        );
        assert.deepEqual(rows, [{ integrity_check: 'ok' }]);
        await assertHoldsOrders(restored.db, committedBefore);
      } else {
        const target = await createTestDatabase('postgres');
        t.after(() => target.destroy());
        await run('pg_restore', ['--no-owner', `--dbname=${target.config.url}`, file]);
        const restoredOrders = await assertHoldsOrders(target.handle.db, committedBefore);
        assert.ok(restoredOrders < shop.confirmed.length, 'orders after the backup are not in it');
      }
    },
  );
}

test('db backup never replaces an existing file unless told to with --force', async (t) => {
  const database = await createTestDatabase('sqlite');
  t.after(() => database.destroy());
  await migrateToLatest(database.handle);
  const folder = newFolder(t);
  const file = join(folder, 'backup.db');
  writeFileSync(file, 'last night’s backup');
  const env = { DATABASE_URL: database.config.url };

  const refused = await backup([file], env);
  assert.equal(refused.code, 2);
  assert.equal(
    refused.stderr,
    `monsters: ${file} already exists: choose a new name, or add --force to replace it\n`,
  );
  assert.equal(readFileSync(file, 'utf8'), 'last night’s backup');

  const replaced = await backup(['backup.db', '--force'], env, folder);
  assert.equal(replaced.code, 0, replaced.stderr);
  assert.equal(readFileSync(file).subarray(0, 15).toString(), 'SQLite format 3');
  assert.deepEqual(readdirSync(folder), ['backup.db']);
});

test('db backup says in one line why it cannot start, and writes nothing', async (t) => {
  const database = await createTestDatabase('sqlite');
  t.after(() => database.destroy());
  const folder = newFolder(t);
  const cases: [string[], Record<string, string>, string][] = [
    [
      [join(folder, 'missing', 'b.db')],
      { DATABASE_URL: database.config.url },
      `monsters: cannot write the backup to ${join(folder, 'missing', 'b.db')}: the folder ${join(folder, 'missing')} does not exist\n`,
    ],
    [
      [folder],
      { DATABASE_URL: database.config.url },
      `monsters: ${folder} is a folder: give the name of the backup file to write\n`,
    ],
    [
      [join(folder, 'b.db')],
      { DATABASE_URL: 'sqlite://:memory:' },
      'monsters: sqlite://:memory: lives inside the server process only: there is no database file to back up\n',
    ],
    [
      [join(folder, 'b.db')],
      { DATABASE_URL: `sqlite:///${join(folder, 'nothing-here.db')}` },
      `monsters: there is no SQLite database at ${join(folder, 'nothing-here.db')}\n`,
    ],
  ];
  for (const [args, env, line] of cases) {
    const result = await backup(args, env);
    assert.equal(result.stderr, line);
    assert.equal(result.code, 2);
    assert.equal(result.stdout, '');
  }
  assert.deepEqual(readdirSync(folder), []);
});

test('a SQLite backup on a full disk fails in one line and leaves no file behind', async (t) => {
  const database = await createTestDatabase('sqlite');
  t.after(() => database.destroy());
  await migrateToLatest(database.handle);
  await seedDemoCatalogueIfEmpty(database.handle);
  const tiny = makeFolder();
  try {
    await run('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', tiny]);
  } catch {
    rmSync(tiny, { recursive: true, force: true });
    t.skip('a small file system needs mount (root)');
    return;
  }
  t.after(async () => {
    await run('umount', [tiny]);
    rmSync(tiny, { recursive: true, force: true });
  });
  const file = join(tiny, 'backup.db');

  const result = await backup([file], { DATABASE_URL: database.config.url });
  assert.equal(
    result.stderr,
    `monsters: backup to ${file} failed: no space left on the device; nothing was written\n`,
  );
  assert.equal(result.code, 1);
  assert.deepEqual(readdirSync(tiny), []);
});

if (testEngines().includes('postgres')) {
  test('a PostgreSQL backup says when pg_dump is missing or older than the server', async (t) => {
    const database = await createTestDatabase('postgres');
    t.after(() => database.destroy());
    const folder = newFolder(t);
    const file = join(folder, 'b.pgdump');
    const env = { DATABASE_URL: database.config.url };

    const noTools = newFolder(t);
    const missing = await backup([file], { ...env, PATH: noTools });
    assert.equal(
      missing.stderr,
      'monsters: pg_dump is not installed: apt-get install postgresql-client\n',
    );
    assert.equal(missing.code, 1);

    // An old client, as Debian's postgresql-client-13 would print it.
    const oldTools = newFolder(t);
    writeFileSync(
      join(oldTools, 'pg_dump'),
      '#!/bin/sh\necho "pg_dump (PostgreSQL) 13.16 (Debian 13.16-0+deb11u1)"\n',
    );
    chmodSync(join(oldTools, 'pg_dump'), 0o755);
    const old = await backup([file], { ...env, PATH: oldTools });
    assert.match(
      old.stderr,
      /^monsters: pg_dump 13 cannot back up a PostgreSQL (\d+) server: install postgresql-client-\1\n$/,
    );
    assert.equal(old.code, 1);
    assert.equal(existsSync(file), false);
    assert.deepEqual(readdirSync(folder), []);
  });
}
