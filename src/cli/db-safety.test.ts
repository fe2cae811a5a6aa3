import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { sql } from 'kysely';
import { runCliInProcess } from '../../test/helpers/cli-in-process.js';
import { createTestDatabase, testEngines } from '../../test/helpers/databases.js';
import type { DatabaseHandle } from '../db/connection.js';
import { pendingMigrations } from '../db/migrator.js';
import { PROJECT_ROOT } from '../shared/project.js';

const MIGRATE_UNTIL_KILLED = join(PROJECT_ROOT, 'test', 'fixtures', 'migrate-until-killed.ts');

/** The real `monsters` command, in this process. */
const monsters = (...args: string[]) => runCliInProcess(args);

async function tableNames(handle: DatabaseHandle): Promise<string[]> {
  return (await handle.db.introspection.getTables()).map((table) => table.name);
}

async function rowCount(handle: DatabaseHandle, table: string): Promise<number> {
  const { rows } = await sql<{
    count: number | string;
  }>`select count(*) as count from ${sql.table(table)}`.execute(handle.db);
  return Number(rows[0]?.count);
}

function waitForLine(child: ChildProcess, line: string): Promise<void> {
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk) => {
      output += chunk;
      if (output.split('\n').includes(line)) resolve();
    });
    child.on('exit', (code) => reject(new Error(`exited (${code}) before "${line}": ${output}`)));
  });
}

for (const engine of testEngines()) {
  test(`a migrator killed half-way through a migration leaves the previous version (${engine})`, async (t) => {
    const database = await createTestDatabase(engine);
    t.after(() => database.destroy());
    const { handle } = database;

    // Frozen inside 0002, just after it created monster_category_counts.
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', MIGRATE_UNTIL_KILLED, database.config.url, 'monster_category_counts'],
      { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    t.after(() => child.kill('SIGKILL'));
    await waitForLine(child, 'paused');
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGKILL');
    await exited;

    assert.equal((await pendingMigrations(handle))[0], '0002-monster-search', 'only 0001 applied');
    const tables = await tableNames(handle);
    assert.ok(tables.includes('monsters'), '0001 stays applied');
    assert.ok(!tables.includes('monster_category_counts'), 'nothing of 0002 is left');

    const migrated = await monsters('db', 'migrate', '--database', database.config.url);
    assert.equal(migrated.code, 0, migrated.stderr);
    assert.match(migrated.stdout, /applied 0002-monster-search, 0003/);
    assert.deepEqual(await pendingMigrations(handle), []);
  });

  test(`db rollback asks for --yes before dropping tables that hold data (${engine})`, async (t) => {
    const database = await createTestDatabase(engine);
    t.after(() => database.destroy());
    const { handle } = database;
    const url = database.config.url;
    assert.equal((await monsters('db', 'seed', '--database', url)).code, 0);
    const monsterCount = await rowCount(handle, 'monsters');
    await handle.db
      .insertInto('monster_views')
      .values({ monster_id: 1, visitor_id: 'v1', day: '2025-10-31' })
      .execute();

    // 0012 drops an index of the names: no question.
    const nameIndex = await monsters('db', 'rollback', '--database', url);
    assert.match(nameIndex.stdout, /rolled back 0012-monster-name-search/, nameIndex.stderr);

    // 0011 drops view counts, derived from monster_views: no question.
    const viewCounts = await monsters('db', 'rollback', '--database', url);
    assert.match(viewCounts.stdout, /rolled back 0011-monster-view-counts/, viewCounts.stderr);

    // 0010 drops rate-limit counters and task times, short-lived state: no question.
    const counters = await monsters('db', 'rollback', '--database', url);
    assert.match(counters.stdout, /rolled back 0010-shared-limits/, counters.stderr);

    // 0009 changes column defaults only, keeping every row: no question.
    const defaults = await monsters('db', 'rollback', '--database', url);
    assert.match(defaults.stdout, /rolled back 0009-monster-column-defaults/, defaults.stderr);

    // The category names (and French descriptions) of 0008 are data: asked, then confirmed.
    const names = await monsters('db', 'rollback', '--database', url);
    assert.equal(names.code, 2, names.stderr);
    assert.match(names.stderr, /0008-catalogue-in-two-languages.*categories.*--yes/);
    assert.ok((await rowCount(handle, 'categories')) > 0, 'nothing changed');
    const namesDropped = await monsters('db', 'rollback', '--yes', '--database', url);
    assert.match(namesDropped.stdout, /rolled back 0008-catalogue-in-two-languages/);

    // The other migrations newer than 0004 hold no row here: they roll back without a question.
    let refused = await monsters('db', 'rollback', '--database', url);
    for (let newer = 0; newer < 20 && refused.code === 0; newer += 1) {
      refused = await monsters('db', 'rollback', '--database', url);
    }
    assert.equal(refused.code, 2, refused.stderr);
    assert.equal(refused.stderr.trim().split('\n').length, 1, refused.stderr);
    assert.match(refused.stderr, /monster_views.*--yes/);
    assert.equal(await rowCount(handle, 'monster_views'), 1, 'nothing changed');
    assert.ok(!(await pendingMigrations(handle)).includes('0004-monster-views'));

    const confirmed = await monsters('db', 'rollback', '--yes', '--database', url);
    assert.equal(confirmed.code, 0, confirmed.stderr);
    assert.match(confirmed.stdout, /rolled back 0004-monster-views/);

    // Empty or derived tables (sign-in failures, the search index) need no confirmation.
    for (const name of ['0003-sign-in-throttle', '0002-monster-search']) {
      const run = await monsters('db', 'rollback', '--database', url);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, new RegExp(`rolled back ${name}`));
    }

    const refusedAgain = await monsters('db', 'rollback', '--database', url);
    assert.equal(refusedAgain.code, 2, refusedAgain.stderr);
    assert.match(refusedAgain.stderr, /monsters.*--yes/);
    assert.equal(await rowCount(handle, 'monsters'), monsterCount, 'the catalogue is kept');

    const dropped = await monsters('db', 'rollback', '--yes', '--database', url);
    assert.equal(dropped.code, 0, dropped.stderr);
    assert.ok(!(await tableNames(handle)).includes('monsters'));
  });
}
