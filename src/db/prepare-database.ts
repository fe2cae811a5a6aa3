import { sql } from 'kysely';
import { ConfigError } from '../config/config.js';
import { type DatabaseConfig, redact } from '../config/database-url.js';
import { type DatabaseHandle, openDatabase } from './connection.js';
import { migrateToLatest } from './migrator.js';
import { seedDemoCatalogueIfEmpty } from './seed/seed.js';

/** Opens the handle a serving process uses; called once per process. */
export type ServingDatabaseOpener = () => DatabaseHandle;

export function isInMemory(config: DatabaseConfig): boolean {
  return config.dialect === 'sqlite' && config.filename === ':memory:';
}

/**
 * `serve` migrates and seeds once, before serving. A database file or a
 * PostgreSQL database outlives the handle that migrated it, so each serving
 * process opens its own. An in-memory database lives and dies with its one
 * connection: that migrated connection is the one to serve from, and no
 * other process can share it.
 */
export async function prepareDatabase(
  config: DatabaseConfig,
  workers: number,
): Promise<ServingDatabaseOpener> {
  if (isInMemory(config)) {
    if (workers > 1) {
      throw new ConfigError(
        `sqlite://:memory: is one database inside one process: it cannot be shared by --workers ${workers}; use a database file or --workers 1`,
      );
    }
    const handle = openDatabase(config);
    try {
      await migrateAndSeed(handle);
    } catch (error) {
      await handle.close();
      throw error;
    }
    return () => handle;
  }

  const handle = openDatabase(config, { poolSize: 1, purpose: 'maintenance' });
  try {
    await migrateAndSeed(handle);
    await assertWritable(handle, config);
  } finally {
    await handle.close();
  }
  return () => openDatabase(config);
}

/**
 * A database the process cannot write fails start-up, rather than every
 * write later. SQLite opens a file it may not write read-only without a
 * word (even BEGIN IMMEDIATE succeeds); PostgreSQL may be a standby or set
 * read-only. This update changes nothing but needs the right to write.
 */
async function assertWritable(handle: DatabaseHandle, config: DatabaseConfig): Promise<void> {
  try {
    await sql`update kysely_migration set name = name where 1 = 0`.execute(handle.db);
  } catch (error) {
    const database =
      config.dialect === 'sqlite'
        ? `the database file ${config.filename}`
        : `the database ${redact(config.url)}`;
    const cause = error instanceof Error ? error.message : String(error);
    throw new Error(`${database} cannot be written (${cause})`);
  }
}

async function migrateAndSeed(handle: DatabaseHandle): Promise<void> {
  await migrateToLatest(handle);
  await seedDemoCatalogueIfEmpty(handle);
}
