import { Migrator } from 'kysely';
import type { DatabaseHandle } from '../../src/db/connection.js';
import { migrationsFor } from '../../src/db/migrations/index.js';
import { withSqliteForeignKeysOff } from '../../src/db/migrator.js';

/**
 * Moves the schema up or down to migration `name`, so a migration's test
 * does not depend on the migrations written after it. Returns the names
 * applied or undone. Foreign keys are handled as the app's migrator does.
 */
export async function migrateTo(handle: DatabaseHandle, name: string): Promise<string[]> {
  const migrator = new Migrator({
    db: handle.db,
    provider: { getMigrations: async () => migrationsFor(handle.dialect) },
  });
  return withSqliteForeignKeysOff(handle, async () => {
    const { error, results = [] } = await migrator.migrateTo(name);
    if (error) throw error;
    return results.map((result) => result.migrationName);
  });
}
