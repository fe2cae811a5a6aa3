import type SQLite from 'better-sqlite3';
import { type Driver, SqliteAdapter, SqliteDialect } from 'kysely';
import type { PoolStats } from './pool-stats.js';
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
  #driver: LockWaitingSqliteDriver | undefined;

  constructor(database: SQLite.Database, options: { readonly lockWaitMs: number }) {
    super({ database });
    this.#database = database;
    this.#lockWaitMs = options.lockWaitMs;
  }

  override createDriver(): Driver {
    this.#driver = new LockWaitingSqliteDriver(this.#database, { lockWaitMs: this.#lockWaitMs });
    return this.#driver;
  }

  /** The connection's use, for the metrics (an idle connection until Kysely made its driver). */
  stats(): PoolStats {
    return this.#driver?.stats() ?? { open: 1, idle: 1, waiting: 0 };
  }

  override createAdapter(): SqliteAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}
