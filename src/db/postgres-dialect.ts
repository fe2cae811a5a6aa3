import {
  type DatabaseConnection,
  type Driver,
  PostgresDialect,
  type PostgresDialectConfig,
  PostgresDriver,
} from 'kysely';
import { fromDatabase } from './database-errors.js';

/**
 * Kysely's driver, with two changes to what a failure reports:
 * - errors of acquiring a connection are marked as the database's (a
 *   refused or timed-out connection is an outage, a 503);
 * - a ROLLBACK that fails (the connection is already gone) no longer hides
 *   the error that caused it: Kysely discards that connection, and
 *   PostgreSQL rolls back a session that ends.
 */
class AppPostgresDriver extends PostgresDriver {
  override async acquireConnection(): Promise<DatabaseConnection> {
    try {
      return await super.acquireConnection();
    } catch (error) {
      throw fromDatabase(error);
    }
  }

  override async rollbackTransaction(
    connection: Parameters<PostgresDriver['rollbackTransaction']>[0],
  ): Promise<void> {
    try {
      await super.rollbackTransaction(connection);
    } catch {
      // The caller rethrows the error that made it roll back.
    }
  }
}

export class AppPostgresDialect extends PostgresDialect {
  readonly #config: PostgresDialectConfig;

  constructor(config: PostgresDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new AppPostgresDriver(this.#config);
  }
}
