import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, sql } from 'kysely';
import type { DatabaseConfig } from '../config/database-url.js';
import { createPostgresPool, isQueryReadTimeout, type PostgresWaits } from './postgres-pool.js';
import { AppSqliteDialect } from './sqlite-dialect.js';
import type { Database } from './tables.js';

export type Dialect = DatabaseConfig['dialect'];
export type DB = Kysely<Database>;

/** The app's one handle on its database, whichever the engine. */
export interface DatabaseHandle {
  readonly db: DB;
  readonly dialect: Dialect;
  /** Resolves when the database answers a trivial query; rejects otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
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
  const db =
    config.dialect === 'sqlite'
      ? new Kysely<Database>({
          dialect: new AppSqliteDialect(openSqlite(config.filename), {
            lockWaitMs: serving ? SERVING_SQLITE_LOCK_WAIT_MS : MAINTENANCE_SQLITE_LOCK_WAIT_MS,
          }),
        })
      : new Kysely<Database>({
          dialect: new PostgresDialect({
            pool: createPostgresPool(config.connectionString, {
              max: options.poolSize ?? 10,
              waits: serving ? SERVING_POSTGRES_WAITS : null,
            }),
          }),
        });
  return {
    db,
    dialect: config.dialect,
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    close: () => db.destroy(),
  };
}

/**
 * WAL lets readers run beside the writer; `synchronous = NORMAL` in WAL mode
 * keeps every committed transaction across a process crash (`kill -9`).
 * Once open, lock waits are the driver's business (sqlite-driver.ts), never
 * SQLite's busy handler, which would sleep on the event loop.
 */
function openSqlite(filename: string): SQLite.Database {
  if (filename !== ':memory:') mkdirSync(dirname(filename), { recursive: true });
  const database = new SQLite(filename);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  return database;
}

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '08000', // connection_exception
  '08001',
  '08003',
  '08006',
  '53300', // too_many_connections
  '57014', // query_canceled: statement_timeout, a statement stuck on a lock
  'SQLITE_BUSY',
]);

/**
 * True for errors that mean "the database cannot be reached right now"
 * (SPEC §8: 503 with Retry-After, back to normal by itself), as opposed to
 * a bug in a query.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
  if (isQueryReadTimeout(error)) return true;
  return /Connection terminated|timeout exceeded when trying to connect|Cannot use a pool after calling end|driver has already been destroyed|The database connection is not open/i.test(
    error.message,
  );
}
