import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type TestContext, test } from 'node:test';
import { sql } from 'kysely';
import { runMonsters } from '../../test/helpers/cli-process.js';
import { createTestDatabase, type Engine, testEngines } from '../../test/helpers/databases.js';
import { migrateToLatest } from '../db/migrator.js';

/*
 * `monsters db console` runs the real sqlite3 / psql of this machine on the
 * configured database, in a process of its own (the client shares the
 * terminal: its output is the process's, not a buffer's).
 */

const REAL_PROCESS = { timeout: 60_000 };

/** A database migrated, holding one monster the course's way. */
async function databaseWithBlob(t: TestContext, engine: Engine): Promise<string> {
  const database = await createTestDatabase(engine);
  t.after(() => database.destroy());
  await migrateToLatest(database.handle);
  await sql`INSERT INTO monsters(id, name, height) VALUES (42, 'Blob', 300)`.execute(
    database.handle.db,
  );
  return database.config.url;
}

/** The same query, in each client's own options, printing `id|name|height` rows. */
const QUERY = 'select id, name, height from monsters order by id';
const CLIENT_ARGS: Record<Engine, string[]> = {
  sqlite: ['-cmd', '.headers off', QUERY],
  postgres: ['-A', '-t', '-c', QUERY],
};

for (const engine of testEngines()) {
  test(
    `db console runs ${engine === 'sqlite' ? 'sqlite3' : 'psql'} on the configured database, arguments after -- included (${engine})`,
    REAL_PROCESS,
    async (t) => {
      const url = await databaseWithBlob(t, engine);
      const run = await runMonsters(t, [
        'db',
        'console',
        '--database',
        url,
        '--',
        ...CLIENT_ARGS[engine],
      ]);
      assert.equal(run.stderr, '');
      assert.equal(run.code, 0);
      assert.equal(run.stdout, '42|Blob|300\n');

      // DATABASE_URL says which database, as for every other command.
      const fromEnv = await runMonsters(t, ['db', 'console', '--', ...CLIENT_ARGS[engine]], {
        DATABASE_URL: url,
      });
      assert.equal(fromEnv.stdout, '42|Blob|300\n');
    },
  );
}

test(
  "the course's INSERT runs in this machine's sqlite3 shell, and search sees it",
  REAL_PROCESS,
  async (t) => {
    const database = await createTestDatabase('sqlite');
    t.after(() => database.destroy());
    await migrateToLatest(database.handle);
    const url = database.config.url;
    const insert = await runMonsters(t, [
      'db',
      'console',
      '--database',
      url,
      '--',
      "INSERT INTO monsters(id, name, height) VALUES (42, 'Blob', 300)",
    ]);
    assert.deepEqual(insert, { code: 0, stdout: '', stderr: '' });
    const search = await runMonsters(t, [
      'db',
      'console',
      '--database',
      url,
      '--',
      "select rowid from monsters_fts where monsters_fts match 'blob'",
    ]);
    assert.deepEqual(search, { code: 0, stdout: '42\n', stderr: '' });
  },
);

test("db console ends with the client's own exit code", REAL_PROCESS, async (t) => {
  const url = await databaseWithBlob(t, 'sqlite');
  const run = await runMonsters(t, ['db', 'console', '--database', url, '--', '.exit 3']);
  assert.equal(run.code, 3);
  assert.equal(run.stderr, '', 'the client said all there was to say');
});

test(
  'db console without the client installed: one line saying how to install it, exit 1',
  REAL_PROCESS,
  async (t) => {
    const emptyPath = mkdtempSync(join(tmpdir(), 'monsters-no-clients-'));
    const cases = [
      {
        url: `sqlite:///${join(emptyPath, 'shop.db')}`,
        line: 'monsters: sqlite3 is not installed: apt-get install sqlite3\n',
      },
      {
        url: 'postgresql://shop:secret@127.0.0.1:5432/shop',
        line: 'monsters: psql is not installed: apt-get install postgresql-client\n',
      },
    ];
    for (const { url, line } of cases) {
      const run = await runMonsters(t, ['db', 'console', '--database', url], { PATH: emptyPath });
      assert.deepEqual(run, { code: 1, stdout: '', stderr: line });
    }
  },
);

test(
  'db console on sqlite://:memory: says there is no file to open, exit 2',
  REAL_PROCESS,
  async (t) => {
    const run = await runMonsters(t, ['db', 'console', '--database', 'sqlite://:memory:']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^monsters: sqlite:\/\/:memory: .*no database file.*\n$/);
  },
);
