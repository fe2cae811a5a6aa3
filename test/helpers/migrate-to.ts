import { Migrator, sql } from 'kysely';
import type { DatabaseHandle } from '../../src/db/connection.js';
import { migrationsFor } from '../../src/db/migrations/index.js';

/**
 * Moves the schema up or down to migration `name`, so a migration's test
 * does not depend on the migrations written after it. Returns the names
 * applied or undone. On SQLite, foreign keys are off meanwhile, as the
 * app's migrator has them (src/db/migrator.ts says why).
 */
export async function migrateTo(handle: DatabaseHandle, name: string): Promise<string[]> {
  const migrator = new Migrator({
    db: handle.db,
    provider: { getMigrations: async () => migrationsFor(handle.dialect) },
  });
  const sqlite = handle.dialect === 'sqlite';
  if (sqlite) await sql`pragma foreign_keys = off`.execute(handle.db);
  try {
    const { error, results = [] } = await migrator.migrateTo(name);
    if (error) throw error;
    return results.map((result) => result.migrationName);
  } finally {
    if (sqlite) await sql`pragma foreign_keys = on`.execute(handle.db);
  }
}
