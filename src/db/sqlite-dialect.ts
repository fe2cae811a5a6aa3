import type SQLite from 'better-sqlite3';
import { type Driver, SqliteAdapter, SqliteDialect } from 'kysely';
import { LockWaitingSqliteDriver } from './sqlite-driver.js';

/**
 * SQLite runs DDL inside a transaction (FTS5 tables and triggers included),
 * but Kysely's adapter says it cannot, so its migrator would apply each
 * statement on its own: a migrator killed half-way left a half-applied
 * migration behind. Saying so lets every migration be all-or-nothing.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

/** Kysely's SQLite dialect with the app's driver (lock waits off the event loop). */
export class AppSqliteDialect extends SqliteDialect {
  readonly #database: SQLite.Database;
  readonly #lockWaitMs: number;

  constructor(database: SQLite.Database, options: { readonly lockWaitMs: number }) {
    super({ database });
    this.#database = database;
    this.#lockWaitMs = options.lockWaitMs;
  }

  override createDriver(): Driver {
    return new LockWaitingSqliteDriver(this.#database, { lockWaitMs: this.#lockWaitMs });
  }

  override createAdapter(): SqliteAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}
