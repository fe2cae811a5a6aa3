import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { DatabaseConfig } from '../../src/config/database-url.js';
import { parseDatabaseUrl } from '../../src/config/database-url.js';
import { type DatabaseHandle, type DB, openDatabase } from '../../src/db/connection.js';
import { adminQuery } from './postgres-cluster.js';

export type Engine = 'sqlite' | 'postgres';

/**
 * The engines database tests run on: SQLite always, PostgreSQL when
 * TEST_DATABASE_URL is set (`npm test` starts a cluster). Under CI=true the
 * PostgreSQL tests must run, never skip (docs/requirements.md §9).
 */
export function testEngines(): Engine[] {
  if (process.env.TEST_DATABASE_URL) return ['sqlite', 'postgres'];
  if (process.env.CI === 'true') {
    throw new Error('CI=true but TEST_DATABASE_URL is not set: run the tests with `npm test`');
  }
  return ['sqlite'];
}

export interface TestDatabase {
  readonly config: DatabaseConfig;
  readonly handle: DatabaseHandle;
  /** Closes the handle and deletes the database. */
  destroy(): Promise<void>;
}

/** A brand-new, empty database of its own: a file for SQLite, a fresh database on the test cluster for PostgreSQL. */
export async function createTestDatabase(engine: Engine): Promise<TestDatabase> {
  return engine === 'sqlite' ? createSqliteDatabase() : createPostgresDatabase();
}

function createSqliteDatabase(): TestDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'monsters-test-'));
  const config = parseDatabaseUrl(`sqlite:///${join(dir, 'test.db')}`, '/');
  // Observed, so a test app in debug mode shows its SQL in the inspector.
  const handle = openDatabase(config, { observeQueries: true });
  return {
    config,
    handle,
    destroy: async () => {
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function createPostgresDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `monsters_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(adminUrl, `create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const config = parseDatabaseUrl(url.toString(), '/');
  // Observed, so a test app in debug mode shows its SQL in the inspector.
  const handle = openDatabase(config, { observeQueries: true });
  return {
    config,
    handle,
    destroy: async () => {
      await handle.close();
      await adminQuery(adminUrl, `drop database if exists ${name} with (force)`);
    },
  };
}

/** A SQLite database whose file may not grow any more: the next page it needs fails as a full disk. */
export async function fillSqliteDisk(db: DB): Promise<void> {
  const { rows } = await sql<{ page_count: number }>`pragma page_count`.execute(db);
  await sql.raw(`pragma max_page_count = ${rows[0]?.page_count}`).execute(db);
}

/** The stock of one monster, read straight from the table. */
export async function stockOf(db: DB, monsterId: number): Promise<number> {
  const row = await db
    .selectFrom('monsters')
    .select('stock')
    .where('id', '=', monsterId)
    .executeTakeFirstOrThrow();
  return row.stock;
}
