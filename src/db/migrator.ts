import { type MigrationResultSet, Migrator, NO_MIGRATIONS } from 'kysely';
import type { DatabaseHandle } from './connection.js';
import { migrationsFor } from './migrations/index.js';

export interface MigrationReport {
  /** Names of the migrations applied (or undone) by this call, in order. */
  readonly names: readonly string[];
}

export class MigrationError extends Error {}

function migratorFor(handle: DatabaseHandle): Migrator {
  return new Migrator({
    db: handle.db,
    provider: { getMigrations: async () => migrationsFor(handle.dialect) },
  });
}

export async function migrateToLatest(handle: DatabaseHandle): Promise<MigrationReport> {
  return settle(await migratorFor(handle).migrateToLatest());
}

export async function rollbackLast(handle: DatabaseHandle): Promise<MigrationReport> {
  return settle(await migratorFor(handle).migrateDown());
}

/** Undoes every migration: an empty database (used by `db reset`). */
export async function rollbackAll(handle: DatabaseHandle): Promise<MigrationReport> {
  return settle(await migratorFor(handle).migrateTo(NO_MIGRATIONS));
}

/** Names of migrations not yet applied. */
export async function pendingMigrations(handle: DatabaseHandle): Promise<string[]> {
  const all = await migratorFor(handle).getMigrations();
  return all.filter((migration) => migration.executedAt === undefined).map((m) => m.name);
}

function settle({ error, results = [] }: MigrationResultSet): MigrationReport {
  if (error) {
    const failed = results.find((result) => result.status === 'Error');
    const message = error instanceof Error ? error.message : String(error);
    throw new MigrationError(
      failed
        ? `migration ${failed.migrationName} failed: ${message}`
        : `migration failed: ${message}`,
    );
  }
  return { names: results.map((result) => result.migrationName) };
}
