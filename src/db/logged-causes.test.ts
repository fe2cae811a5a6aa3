import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import pg from 'pg';
import {
  createTestDatabase,
  fillSqliteDisk,
  stockOf,
  testEngines,
} from '../../test/helpers/databases.js';
import { buildTestApp, type LogCollector } from '../../test/helpers/test-app.js';
import { isDatabaseUnavailable } from './connection.js';
import { migrateToLatest } from './migrator.js';
import { seedDemoCatalogueIfEmpty } from './seed/seed.js';

/** Waits (bounded) until a log line satisfies `match`. */
async function logLine(
  logs: LogCollector,
  match: (line: Record<string, unknown>) => boolean,
): Promise<Record<string, unknown> | undefined> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const line = logs.lines.find(match);
    if (line) return line;
    await sleep(50);
  }
  return undefined;
}

const mentions = (line: Record<string, unknown>, pattern: RegExp) =>
  pattern.test(JSON.stringify(line));

test('SQLite: a full disk that ends the transaction reports the full disk, not the failed rollback', async (t) => {
  const database = await createTestDatabase('sqlite');
  t.after(() => database.destroy());
  const { db } = database.handle;
  await migrateToLatest(database.handle);
  await seedDemoCatalogueIfEmpty(database.handle);
  const stockBefore = await stockOf(db, 1);

  // The disk is full: no page may be added, and monster_views has no room left.
  await fillSqliteDisk(db);
  let visitor = 0;
  const view = () => ({ monster_id: 1, visitor_id: `v${visitor++}`, day: '2025-10-31' });
  await assert.rejects(async () => {
    for (;;) await db.insertInto('monster_views').values(view()).execute();
  }, /database or disk is full/);

  // SQLite rolls the whole transaction back itself on this failure.
  const failure = await db
    .transaction()
    .execute(async (trx) => {
      await trx.updateTable('monsters').set({ stock: 0 }).where('id', '=', 1).execute();
      await trx.insertInto('monster_views').values(view()).execute();
    })
    .then(
      () => undefined,
      (error: unknown) => error,
    );
  assert.ok(failure instanceof Error);
  assert.equal((failure as { code?: string }).code, 'SQLITE_FULL', failure.message);
  assert.equal(await stockOf(db, 1), stockBefore, 'nothing of the transaction is left');
  await db
    .transaction()
    .execute((trx) => trx.updateTable('monsters').set({ stock: 3 }).where('id', '=', 1).execute());
  assert.equal(await stockOf(db, 1), 3, 'the connection goes on working');
});

test('PostgreSQL: a connection lost mid-transaction reports its own error, not the failed rollback', {
  skip: !process.env.TEST_DATABASE_URL && 'no PostgreSQL here',
}, async (t) => {
  const { database } = await buildTestApp(t, 'postgres');
  const admin = new pg.Client({ connectionString: (database.config as { url: string }).url });
  admin.on('error', () => {});
  await admin.connect();
  t.after(() => admin.end());

  let statementError: unknown;
  const failure = await database.handle.db
    .transaction()
    .execute(async (trx) => {
      const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
      const pid = rows[0]?.pid;
      await admin.query('select pg_terminate_backend($1)', [pid]);
      for (let attempt = 0; attempt < 100; attempt += 1) {
        const alive = await admin.query('select 1 from pg_stat_activity where pid = $1', [pid]);
        if (alive.rowCount === 0) break;
        await sleep(50);
      }
      try {
        await trx.selectFrom('monsters').select('id').execute();
      } catch (error) {
        statementError = error;
        throw error;
      }
    })
    .then(
      () => undefined,
      (error: unknown) => error,
    );
  assert.ok(statementError instanceof Error, 'the statement failed');
  assert.equal(failure, statementError, 'the lost connection is reported, not the failed rollback');
  assert.ok(isDatabaseUnavailable(failure), 'an outage (503)');
});

for (const engine of testEngines()) {
  test(`a client walking away mid-request is logged as abandoned, not as a database outage (${engine})`, async (t) => {
    const { app, logs } = await buildTestApp(t, engine, { logLevel: 'info' });
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = new URL(address);

    // Headers and half of the announced body, then the client closes the connection.
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      'POST /api/cart/items HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"monster_id":',
    );
    await sleep(100);
    socket.destroy();

    const abandoned = await logLine(logs, (line) => mentions(line, /abandoned/));
    assert.ok(abandoned, 'the abandoned request is logged');
    assert.equal(abandoned.path, '/api/cart/items');
    assert.ok(Number(abandoned.level) <= 40, 'info or warn: the client left, nothing failed here');
    assert.ok(
      !logs.lines.some((line) => line.msg === 'database unavailable'),
      'the database was never involved',
    );
  });
}
