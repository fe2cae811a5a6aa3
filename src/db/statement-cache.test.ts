import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type TestContext, test } from 'node:test';
import { setImmediate as nextTurn } from 'node:timers/promises';
import v8 from 'node:v8';
import vm from 'node:vm';
import { type Generated, Kysely, sql } from 'kysely';
import { AppSqliteDialect } from './sqlite-dialect.js';
import { SQLite, type SqliteStatement } from './sqlite-native.js';

/** The statements the SQLite driver keeps (docs/decisions/012-performance-tricks.md). */
const CACHE_SIZE = 500;

v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

interface Tables {
  notes: { id: Generated<number>; body: string };
}

interface ObservedDatabase {
  readonly db: Kysely<Tables>;
  /** How many times SQLite prepared `source`. */
  preparations(source: string): number;
  /** The statement last prepared for `source`, held weakly: it may be collected. */
  lastStatement(source: string): WeakRef<SqliteStatement>;
}

/**
 * The app's SQLite driver over a real database file, with SQLite's `prepare`
 * observed (still doing the work): which SQL texts it prepared, and a weak
 * reference to each statement, to see whether the driver still holds it.
 */
function openObservedDatabase(t: TestContext): ObservedDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'monsters-statements-'));
  const sqlite = new SQLite(join(dir, 'statements.db'));
  const prepared = new Map<string, WeakRef<SqliteStatement>[]>();
  const prepare = sqlite.prepare.bind(sqlite);
  sqlite.prepare = ((source: string) => {
    const statement = prepare(source);
    prepared.set(source, [...(prepared.get(source) ?? []), new WeakRef(statement)]);
    return statement;
  }) as typeof sqlite.prepare;
  const db = new Kysely<Tables>({ dialect: new AppSqliteDialect(sqlite, { lockWaitMs: 1_000 }) });
  t.after(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    db,
    preparations: (source) => prepared.get(source)?.length ?? 0,
    lastStatement: (source) => {
      const statement = prepared.get(source)?.at(-1);
      if (!statement) throw new Error(`never prepared: ${source}`);
      return statement;
    },
  };
}

/** `select <n> as n, ? as p`: one SQL text per `n`, one parameter. */
const numbered = (n: number) => `select ${n} as n, ? as p`;
const runNumbered = async (db: Kysely<Tables>, n: number, parameter: string) =>
  (
    await sql<{
      n: number;
      p: string;
    }>`select ${sql.raw(String(n))} as n, ${parameter} as p`.execute(db)
  ).rows;

/** Whether `statement` was collected, given a few garbage collections (bounded). */
async function collected(statement: WeakRef<SqliteStatement>): Promise<boolean> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    // A WeakRef keeps its target until the current job ends.
    await nextTurn();
    collectGarbage();
    if (statement.deref() === undefined) return true;
  }
  return false;
}

test('a query run again reuses its statement, with its own parameters each time', async (t) => {
  const { db, preparations } = openObservedDatabase(t);
  assert.deepEqual(await runNumbered(db, 1, 'first'), [{ n: 1, p: 'first' }]);
  assert.deepEqual(await runNumbered(db, 1, 'second'), [{ n: 1, p: 'second' }]);
  assert.equal(preparations(numbered(1)), 1);

  // A writing statement keeps reporting its own changes and row ids from the cache.
  await db.schema
    .createTable('notes')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('body', 'text')
    .execute();
  const first = await db.insertInto('notes').values({ body: 'a' }).executeTakeFirstOrThrow();
  const second = await db.insertInto('notes').values({ body: 'b' }).executeTakeFirstOrThrow();
  assert.deepEqual([first.insertId, second.insertId], [1n, 2n]);
  const insert = db.insertInto('notes').values({ body: 'x' }).compile().sql;
  assert.equal(preparations(insert), 1);
  const bodies = await db.selectFrom('notes').select('body').orderBy('id').execute();
  assert.deepEqual(bodies, [{ body: 'a' }, { body: 'b' }]);
});

test(`the driver keeps the ${CACHE_SIZE} latest statements: the oldest is finalized, and prepared again works`, async (t) => {
  const { db, preparations, lastStatement } = openObservedDatabase(t);
  for (let n = 0; n < CACHE_SIZE; n += 1) await runNumbered(db, n, 'filling');
  // Full, not over: the first statement is still the one prepared.
  assert.deepEqual(await runNumbered(db, 0, 'kept'), [{ n: 0, p: 'kept' }]);
  assert.equal(preparations(numbered(0)), 1);
  assert.equal(await collected(lastStatement(numbered(0))), false, 'a cached statement is held');

  // One more SQL text: the statement prepared longest ago makes room.
  await runNumbered(db, CACHE_SIZE, 'one more');
  assert.equal(
    await collected(lastStatement(numbered(0))),
    true,
    'the evicted statement is released, so better-sqlite3 finalizes it',
  );
  for (const n of [1, CACHE_SIZE - 1, CACHE_SIZE]) {
    assert.equal(await collected(lastStatement(numbered(n))), false, `statement ${n} is kept`);
  }

  assert.deepEqual(await runNumbered(db, 0, 'again'), [{ n: 0, p: 'again' }]);
  assert.equal(preparations(numbered(0)), 2, 'the evicted text is prepared afresh');
  assert.deepEqual(await runNumbered(db, CACHE_SIZE, 'cached'), [{ n: CACHE_SIZE, p: 'cached' }]);
  assert.equal(preparations(numbered(CACHE_SIZE)), 1);
});

test('the driver never streams: a cached statement is never iterated twice at once', async (t) => {
  const { db } = openObservedDatabase(t);
  await assert.rejects(async () => {
    for await (const row of db.selectFrom('notes').selectAll().stream()) assert.ok(row);
  }, /does not stream/);
});
