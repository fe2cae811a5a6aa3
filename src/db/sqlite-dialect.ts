import { SqliteAdapter, SqliteDialect } from 'kysely';

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

export class AppSqliteDialect extends SqliteDialect {
  override createAdapter(): SqliteAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}
