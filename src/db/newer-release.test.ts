import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { runCliInProcess } from '../../test/helpers/cli-in-process.js';
import {
  createTestDatabase,
  type TestDatabase,
  testEngines,
} from '../../test/helpers/databases.js';
import type { DatabaseConfig } from '../config/database-url.js';
import { DatabaseFromNewerRelease, migrateToLatest } from './migrator.js';
import { prepareDatabase } from './prepare-database.js';

/**
 * A rolling upgrade (docs/deployment.md "Upgrades"): the new release
 * migrates first, and an instance of the old one may still (re)start.
 */

const NEWER_MIGRATION = '9999-from-a-newer-release';

function databaseUrl(config: DatabaseConfig): string {
  return config.dialect === 'sqlite' ? `sqlite:///${config.filename}` : config.url;
}

/** The database as the next release leaves it: every migration of this one, plus one more. */
async function migratedByNewerRelease(database: TestDatabase): Promise<void> {
  await migrateToLatest(database.handle);
  await sql`insert into kysely_migration (name, timestamp) values (${NEWER_MIGRATION}, ${new Date().toISOString()})`.execute(
    database.handle.db,
  );
}

for (const engine of testEngines()) {
  test(`an older release serves a database a newer one migrated, and says so, on ${engine}`, async (t) => {
    const database = await createTestDatabase(engine);
    t.after(() => database.destroy());
    await migratedByNewerRelease(database);
    const warnings: string[] = [];

    const openServing = await prepareDatabase(database.config, {
      warn: (line) => warnings.push(line),
    });

    const serving = openServing();
    t.after(() => serving.close());
    const monsters = await serving.db.selectFrom('monsters').select('name').execute();
    assert.ok(monsters.length > 0, 'the demo catalogue is served');
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.match(warnings[0] ?? '', /migrated by a newer release \(9999-from-a-newer-release\)/);
  });

  test(`db migrate of an older release refuses a newer database in one line on ${engine}`, async (t) => {
    const database = await createTestDatabase(engine);
    t.after(() => database.destroy());
    await migratedByNewerRelease(database);

    const { code, stderr } = await runCliInProcess(['db', 'migrate'], {
      env: { DATABASE_URL: databaseUrl(database.config) },
    });

    assert.equal(code, 1, stderr);
    assert.equal(stderr.trim().split('\n').length, 1, stderr);
    assert.match(
      stderr,
      /^monsters: error: the database was migrated by a newer release of Monster Shop \(9999-from-a-newer-release, unknown to this one\)/,
    );
  });

  test(`a database missing one of this release's migrations is not served on ${engine}`, async (t) => {
    const database = await createTestDatabase(engine);
    t.after(() => database.destroy());
    await migratedByNewerRelease(database);
    const [ours] = (
      await sql<{
        name: string;
      }>`select name from kysely_migration where name <> ${NEWER_MIGRATION} order by name desc limit 1`.execute(
        database.handle.db,
      )
    ).rows;
    assert.ok(ours);
    await sql`delete from kysely_migration where name = ${ours.name}`.execute(database.handle.db);

    await assert.rejects(
      prepareDatabase(database.config),
      (error: unknown) =>
        error instanceof DatabaseFromNewerRelease &&
        error.pending.includes(ours.name) &&
        error.unknown.includes(NEWER_MIGRATION),
    );
  });
}
