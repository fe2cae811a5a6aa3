/**
 * A database's connections as the metrics show them. PostgreSQL: the pool's
 * connections and the queries waiting for one. SQLite: its one connection,
 * busy while a transaction is open, and the statements waiting for that
 * transaction to end (SQLite has one writer at a time).
 */
export interface PoolStats {
  readonly open: number;
  readonly idle: number;
  readonly waiting: number;
}
