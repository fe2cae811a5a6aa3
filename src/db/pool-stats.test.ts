import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase, testEngines } from '../../test/helpers/databases.js';
import { waitUntil } from '../../test/helpers/monsters-process.js';
import { openDatabase } from './connection.js';

for (const engine of testEngines()) {
  test(`${engine}: the pool statistics show a busy connection and the query waiting for it`, async (t) => {
    const testDatabase = await createTestDatabase(engine);
    t.after(() => testDatabase.destroy());
    // One connection: a query meeting an open transaction has to wait for it.
    const handle = openDatabase(testDatabase.config, { poolSize: 1 });
    t.after(() => handle.close());
    await handle.ping();
    assert.deepEqual(handle.poolStats(), { open: 1, idle: 1, waiting: 0 });

    let endTransaction = () => {};
    const held = new Promise<void>((resolve) => (endTransaction = resolve));
    let transactionOpen = () => {};
    const opened = new Promise<void>((resolve) => (transactionOpen = resolve));
    const transaction = handle.db.transaction().execute(async (trx) => {
      await sql`select 1`.execute(trx);
      transactionOpen();
      await held;
    });
    await opened;
    const waiting = handle.ping();
    await waitUntil(() => handle.poolStats().waiting === 1, 5_000, 'the query to wait');
    assert.deepEqual(handle.poolStats(), { open: 1, idle: 0, waiting: 1 });

    endTransaction();
    await Promise.all([transaction, waiting]);
    assert.deepEqual(handle.poolStats(), { open: 1, idle: 1, waiting: 0 });
  });
}
