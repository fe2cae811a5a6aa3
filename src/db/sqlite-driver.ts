import { setTimeout as sleep } from 'node:timers/promises';
import type SQLite from 'better-sqlite3';
import type {
  CompiledQuery,
  DatabaseConnection,
  Driver,
  QueryResult,
  TransactionSettings,
} from 'kysely';
import { fromDatabase } from './database-errors.js';
import type { PoolStats } from './pool-stats.js';

const STATEMENT_CACHE_SIZE = 500;
const LONGEST_PAUSE_MS = 50;

/**
 * A Kysely driver over one better-sqlite3 connection that never blocks the
 * event loop on a lock (docs/decisions/011-database-waits.md).
 *
 * better-sqlite3 is synchronous: SQLite's own busy handler would sleep on the
 * event loop, freezing every request while another process holds the write
 * lock. The connection runs with `busy_timeout = 0` instead, and a statement
 * that meets SQLITE_BUSY is tried again after an asynchronous pause, until
 * `lockWaitMs` has passed; then its SQLITE_BUSY error goes up (a 503).
 *
 * Statements outside a transaction run whenever no transaction is open; a
 * transaction has the connection to itself from BEGIN to COMMIT. Write
 * transactions begin IMMEDIATE, so a lock conflict happens at BEGIN, where
 * waiting is safe, rather than at a later write, where it is not
 * (SQLITE_BUSY_SNAPSHOT in WAL mode).
 */
export class LockWaitingSqliteDriver implements Driver {
  readonly #database: SQLite.Database;
  readonly #lockWaitMs: number;
  readonly #statements = new Map<string, SQLite.Statement>();
  /** The connection whose transaction is open, if any. */
  #owner: SqliteConnection | undefined;
  #waiters: (() => void)[] = [];

  constructor(database: SQLite.Database, options: { readonly lockWaitMs: number }) {
    this.#database = database;
    this.#lockWaitMs = options.lockWaitMs;
    database.pragma('busy_timeout = 0');
  }

  async init(): Promise<void> {}

  /** The one connection as a pool of one (the metrics): busy while a transaction is open. */
  stats(): PoolStats {
    return { open: 1, idle: this.#owner === undefined ? 1 : 0, waiting: this.#waiters.length };
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return new SqliteConnection(this);
  }

  async beginTransaction(
    connection: DatabaseConnection,
    settings: TransactionSettings,
  ): Promise<void> {
    const begin = settings.accessMode === 'read only' ? 'begin' : 'begin immediate';
    await this.#whileBusy(connection, () => {
      this.#database.exec(begin);
      this.#owner = connection as SqliteConnection;
    });
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    // A busy COMMIT leaves the transaction open and may be tried again.
    await this.#whileBusy(connection, () => this.#database.exec('commit'));
    this.#release();
  }

  async rollbackTransaction(): Promise<void> {
    try {
      // Some failures (a full disk, an I/O error) have already rolled the transaction
      // back: a ROLLBACK would fail and its error would hide theirs.
      if (this.#database.inTransaction) this.#database.exec('rollback');
    } catch (error) {
      throw fromDatabase(error);
    } finally {
      this.#release();
    }
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    if (this.#owner !== connection) return;
    // A transaction left open by its owner must not swallow other requests' statements.
    await this.rollbackTransaction();
  }

  async destroy(): Promise<void> {
    this.#database.close();
  }

  /** Runs one statement for `connection`: inside its transaction, or when none is open. */
  execute<R>(connection: SqliteConnection, query: CompiledQuery): Promise<QueryResult<R>> {
    // Inside a transaction only COMMIT may be retried: the caller rolls back instead.
    if (this.#owner !== connection) return this.#whileBusy(connection, () => this.#run<R>(query));
    try {
      return Promise.resolve(this.#run<R>(query));
    } catch (error) {
      return Promise.reject(fromDatabase(error));
    }
  }

  /**
   * Runs `work` (synchronous) once no other connection's transaction is open,
   * again after a pause each time SQLite answers SQLITE_BUSY, until the
   * lock wait runs out.
   */
  async #whileBusy<T>(connection: DatabaseConnection, work: () => T): Promise<T> {
    const deadline = Date.now() + this.#lockWaitMs;
    for (let attempt = 0; ; attempt += 1) {
      while (this.#owner !== undefined && this.#owner !== connection) await this.#nextRelease();
      try {
        return work();
      } catch (error) {
        const remaining = deadline - Date.now();
        if (!isBusy(error) || remaining <= 0) throw fromDatabase(error);
        await sleep(Math.min(2 ** attempt, LONGEST_PAUSE_MS, remaining));
      }
    }
  }

  #nextRelease(): Promise<void> {
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  #release(): void {
    this.#owner = undefined;
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }

  #run<R>(query: CompiledQuery): QueryResult<R> {
    const statement = this.#prepare(query.sql);
    if (statement.reader) return { rows: statement.all(query.parameters) as R[] };
    const { changes, lastInsertRowid } = statement.run(query.parameters);
    return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
  }

  /**
   * Statements reused by SQL text (docs/decisions/012-performance-tricks.md):
   * Kysely emits the same text for the same query shape, and preparing costs
   * more than running a small query. At most STATEMENT_CACHE_SIZE are kept;
   * the one prepared longest ago makes room, and better-sqlite3 finalizes it
   * once collected. Safe because the driver never streams (a statement never
   * iterates twice at once).
   */
  #prepare(source: string): SQLite.Statement {
    let statement = this.#statements.get(source);
    if (!statement) {
      statement = this.#database.prepare(source);
      if (this.#statements.size >= STATEMENT_CACHE_SIZE) {
        this.#statements.delete(this.#statements.keys().next().value as string);
      }
      this.#statements.set(source, statement);
    }
    return statement;
  }
}

class SqliteConnection implements DatabaseConnection {
  readonly #driver: LockWaitingSqliteDriver;

  constructor(driver: LockWaitingSqliteDriver) {
    this.#driver = driver;
  }

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return this.#driver.execute<R>(this, query);
  }

  // biome-ignore lint/correctness/useYield: streaming is refused, never served
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('the SQLite driver does not stream: use execute()');
  }
}

/** SQLITE_BUSY (another connection holds the lock); not SQLITE_BUSY_SNAPSHOT, which waiting cannot cure. */
function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_RECOVERY';
}
