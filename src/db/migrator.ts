import { type Kysely, type MigrationResultSet, Migrator, NO_MIGRATIONS, sql } from 'kysely';
import type { DatabaseHandle } from './connection.js';
import { type MigrationHooks, migrationsFor } from './migrations/index.js';

export interface MigrationReport {
  /** Names of the migrations applied (or undone) by this call, in order. */
  readonly names: readonly string[];
}

export class MigrationError extends Error {}

/**
 * The database holds migrations this release does not have: a newer release
 * migrated it (docs/deployment.md "Upgrades").
 */
export class DatabaseFromNewerRelease extends Error {
  constructor(
    readonly unknown: readonly string[],
    readonly pending: readonly string[],
  ) {
    super(
      `the database was migrated by a newer release of Monster Shop (${unknown.join(', ')}, unknown to this one): run the newer release, or undo ${unknown.length === 1 ? 'that migration' : 'those migrations'} with its \`monsters db rollback\``,
    );
  }
}

/** A rollback refused because it would drop rows nobody confirmed losing. */
export class DataLossRefused extends Error {
  constructor(
    readonly migration: string,
    readonly tables: readonly string[],
  ) {
    super(
      `rolling back ${migration} would drop ${tables.join(', ')}, which ${tables.length === 1 ? 'holds' : 'hold'} data: run it again with --yes to confirm`,
    );
  }
}

/**
 * Every migration runs in a transaction of its own, on both engines: a
 * migrator killed half-way leaves the database at the previous migration.
 */
function migratorFor(handle: DatabaseHandle, hooks: MigrationHooks = {}): Migrator {
  return new Migrator({
    db: handle.db,
    provider: { getMigrations: async () => migrationsFor(handle.dialect, hooks) },
  });
}

/**
 * Applies the pending migrations one at a time, each committed before the
 * next begins. A database migrated by a newer release is left as it is
 * (DatabaseFromNewerRelease).
 */
export async function migrateToLatest(handle: DatabaseHandle): Promise<MigrationReport> {
  const migrator = migratorFor(handle);
  const names: string[] = [];
  return withSqliteForeignKeysOff(handle, async () => {
    for (;;) {
      const result = await migrator.migrateUp();
      if (result.error) await refuseIfFromNewerRelease(handle, migrator);
      const step = settle(result);
      if (step.names.length === 0) return { names };
      names.push(...step.names);
    }
  });
}

/**
 * Kysely refuses to migrate when the database lists a migration it was not
 * given. Asked only once a migration failed, so a normal start-up pays nothing.
 */
async function refuseIfFromNewerRelease(handle: DatabaseHandle, migrator: Migrator): Promise<void> {
  const known = await migrator.getMigrations();
  const knownNames = new Set(known.map((migration) => migration.name));
  const applied = await sql<{ name: string }>`select name from kysely_migration order by name`
    .execute(handle.db)
    .then(
      ({ rows }) => rows.map((row) => row.name),
      () => [],
    );
  const unknown = applied.filter((name) => !knownNames.has(name));
  if (unknown.length === 0) return;
  const pending = known.filter((m) => m.executedAt === undefined).map((m) => m.name);
  throw new DatabaseFromNewerRelease(unknown, pending);
}

/**
 * Undoes the last applied migration. Unless `dropData` confirms it, a
 * migration whose tables hold rows is left alone (DataLossRefused).
 */
export async function rollbackLast(
  handle: DatabaseHandle,
  options: { readonly dropData: boolean },
): Promise<MigrationReport> {
  const hooks: MigrationHooks = options.dropData ? {} : { beforeDown: refuseDataLoss };
  return withSqliteForeignKeysOff(handle, async () =>
    settle(await migratorFor(handle, hooks).migrateDown()),
  );
}

/** Undoes every migration: an empty database (used by `db reset`). */
export async function rollbackAll(handle: DatabaseHandle): Promise<MigrationReport> {
  return withSqliteForeignKeysOff(handle, async () =>
    settle(await migratorFor(handle).migrateTo(NO_MIGRATIONS)),
  );
}

/**
 * SQLite ignores `PRAGMA foreign_keys` inside a transaction, and a migration
 * that rebuilds a table must drop the old one without its foreign keys
 * firing (https://www.sqlite.org/lang_altertable.html#otheralter): they are
 * off for the migrations (each checks them with `PRAGMA foreign_key_check`
 * before its commit), and on again afterwards, whatever happened.
 */
export async function withSqliteForeignKeysOff<T>(
  handle: DatabaseHandle,
  work: () => Promise<T>,
): Promise<T> {
  if (handle.dialect !== 'sqlite') return work();
  await sql`pragma foreign_keys = off`.execute(handle.db);
  try {
    return await work();
  } finally {
    await sql`pragma foreign_keys = on`.execute(handle.db);
  }
}

/** Names of migrations not yet applied. */
export async function pendingMigrations(handle: DatabaseHandle): Promise<string[]> {
  const all = await migratorFor(handle).getMigrations();
  return all.filter((migration) => migration.executedAt === undefined).map((m) => m.name);
}

async function refuseDataLoss(
  db: Kysely<unknown>,
  migration: { readonly name: string; readonly dataTables: readonly string[] },
): Promise<void> {
  const holdingData: string[] = [];
  for (const table of migration.dataTables) {
    const { rows } = await sql`select 1 from ${sql.table(table)} limit 1`.execute(db);
    if (rows.length > 0) holdingData.push(table);
  }
  if (holdingData.length > 0) throw new DataLossRefused(migration.name, holdingData);
}

function settle({ error, results = [] }: MigrationResultSet): MigrationReport {
  if (error instanceof DataLossRefused) throw error;
  if (error) {
    const failed = results.find((result) => result.status === 'Error');
    const message = error instanceof Error ? error.message : String(error);
    throw new MigrationError(
      failed
        ? `migration ${failed.migrationName} failed: ${message}`
        : `migration failed: ${message}`,
      { cause: error },
    );
  }
  return { names: results.map((result) => result.migrationName) };
}
