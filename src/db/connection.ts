import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, type LogEvent, sql } from 'kysely';
import type { DatabaseConfig } from '../config/database-url.js';
import type { PoolStats } from './pool-stats.js';
import { AppPostgresDialect } from './postgres-dialect.js';
import { createPostgresPool, type PostgresWaits } from './postgres-pool.js';
import { AppSqliteDialect } from './sqlite-dialect.js';
import { explainDriverBuild, SQLite, type SqliteDatabase } from './sqlite-native.js';
import type { Database } from './tables.js';

export { isDatabaseUnavailable } from './database-errors.js';
export type { PoolStats } from './pool-stats.js';

export type Dialect = DatabaseConfig['dialect'];
export type DB = Kysely<Database>;
/** A statement as Kysely reports it once run: its SQL, bound values and duration. */
export type QueryListener = (event: LogEvent) => void;

/** The app's one handle on its database, whichever the engine. */
export interface DatabaseHandle {
  readonly db: DB;
  readonly dialect: Dialect;
  /** Resolves when the database answers a trivial query; rejects otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
  /**
   * Hears every statement run on this handle (the debug inspector), when it
   * was opened with `observeQueries`; returns the function that stops it.
   */
  onQuery(listener: QueryListener): () => void;
  /** Connections open, idle, and queries waiting for one, read when the metrics are scraped. */
  poolStats(): PoolStats;
}

export interface OpenOptions {
  readonly poolSize?: number;
  /**
   * `serving` (the default): a request never waits long on the database (a
   * lock held elsewhere, a frozen server); it fails as unavailable (503)
   * within a few seconds. `maintenance` (migrations, seeding, the CLI): the
   * work takes as long as it needs, and waits up to a minute for a lock.
   */
  readonly purpose?: 'serving' | 'maintenance';
  /**
   * Reports every statement to `onQuery` listeners (debug mode's inspector).
   * Off by default: the hook would time every query of every request.
   */
  readonly observeQueries?: boolean;
}

/**
 * The waits of a serving process, kept under the 5 s a stuck request may
 * last: a request can meet two of them in a row at most (its own query, then
 * saving its session on the error path).
 */
const SERVING_SQLITE_LOCK_WAIT_MS = 2_000;
const MAINTENANCE_SQLITE_LOCK_WAIT_MS = 60_000;
const SERVING_POSTGRES_WAITS: PostgresWaits = { statementTimeoutMs: 2_000, queryTimeoutMs: 2_500 };

export function openDatabase(config: DatabaseConfig, options: OpenOptions = {}): DatabaseHandle {
  const serving = (options.purpose ?? 'serving') === 'serving';
  const queryListeners = new Set<QueryListener>();
  // Kysely takes its `log` hook at construction only: it forwards to listeners added later.
  const log = options.observeQueries
    ? (event: LogEvent) => {
        for (const listener of queryListeners) listener(event);
      }
    : undefined;
  let poolStats: () => PoolStats;
  let db: DB;
  if (config.dialect === 'sqlite') {
    const dialect = new AppSqliteDialect(openSqlite(config.filename), {
      lockWaitMs: serving ? SERVING_SQLITE_LOCK_WAIT_MS : MAINTENANCE_SQLITE_LOCK_WAIT_MS,
    });
    poolStats = () => dialect.stats();
    db = new Kysely<Database>({ dialect, ...(log && { log }) });
  } else {
    const pool = createPostgresPool(config.connectionString, {
      max: options.poolSize ?? 10,
      waits: serving ? SERVING_POSTGRES_WAITS : null,
    });
    poolStats = pool.stats;
    db = new Kysely<Database>({ dialect: new AppPostgresDialect({ pool }), ...(log && { log }) });
  }
  return {
    db,
    dialect: config.dialect,
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    close: () => db.destroy(),
    onQuery: (listener) => {
      queryListeners.add(listener);
      return () => queryListeners.delete(listener);
    },
    poolStats: () => poolStats(),
  };
}

/**
 * WAL lets readers run beside the writer; `synchronous = NORMAL` in WAL mode
 * keeps every committed transaction across a process crash (`kill -9`).
 * Once open, lock waits are the driver's business (sqlite-driver.ts), never
 * SQLite's busy handler, which would sleep on the event loop.
 */
function openFile(filename: string): SqliteDatabase {
  try {
    return new SQLite(filename);
  } catch (error) {
    throw explainDriverBuild(error);
  }
}

function openSqlite(filename: string): SqliteDatabase {
  if (filename !== ':memory:') mkdirSync(dirname(filename), { recursive: true });
  const database = openFile(filename);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  return database;
}
