import { ConfigError } from '../config/config.js';
import type { DatabaseConfig } from '../config/database-url.js';
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
  } finally {
    await handle.close();
  }
  return () => openDatabase(config);
}

async function migrateAndSeed(handle: DatabaseHandle): Promise<void> {
  await migrateToLatest(handle);
  await seedDemoCatalogueIfEmpty(handle);
}
