import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, sql } from 'kysely';
import type pg from 'pg';
import type { DatabaseConfig } from '../config/database-url.js';
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

const PG_INT8 = 20;
const PG_NUMERIC = 1700;
const PG_TIMESTAMPTZ = 1184;

export function openDatabase(
  config: DatabaseConfig,
  options: { poolSize?: number } = {},
): DatabaseHandle {
  const db =
    config.dialect === 'sqlite'
      ? new Kysely<Database>({
          dialect: new AppSqliteDialect({ database: openSqlite(config.filename) }),
        })
      : new Kysely<Database>({
          dialect: new PostgresDialect({
            pool: createPgPool(config.connectionString, options.poolSize),
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
 */
function openSqlite(filename: string): SQLite.Database {
  if (filename !== ':memory:') mkdirSync(dirname(filename), { recursive: true });
  const database = new SQLite(filename);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  return withStatementCache(database);
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely's SQLite driver prepares every query afresh; preparing costs more
 * than running a small query (bench profile, issue 8). Kysely emits the same
 * SQL text for the same query shape, so prepared statements are reused by
 * text. Safe because better-sqlite3 is synchronous and the app never streams
 * (a statement cannot iterate twice at once).
 */
function withStatementCache(database: SQLite.Database): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = database.prepare.bind(database);
  database.prepare = ((source: string) => {
    let statement = cache.get(source);
    if (!statement) {
      statement = prepare(source);
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      cache.set(source, statement);
    }
    return statement;
  }) as SQLite.Database['prepare'];
  return database;
}

/**
 * Counts come back as numbers and timestamps as ISO strings, as on SQLite,
 * so the rest of the code never branches on the engine for its types.
 */
function createPgPool(connectionString: string, max = 10): pg.Pool {
  // Loaded only for PostgreSQL: a SQLite app starts faster without it.
  const { Pool, types } = createRequire(import.meta.url)('pg') as typeof pg;
  const pool = new Pool({
    connectionString,
    max,
    connectionTimeoutMillis: 3_000,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
        if (oid === PG_INT8 || oid === PG_NUMERIC) return Number;
        if (oid === PG_TIMESTAMPTZ) return (value: string) => new Date(value).toISOString();
        return types.getTypeParser(oid, format);
      }) as typeof types.getTypeParser,
    },
  });
  // A client losing its server (PostgreSQL restarting) must not crash the process: idle
  // clients report to the pool, checked-out ones to their own listener; the query in
  // flight fails and becomes a 503 (SPEC §8).
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  return pool;
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
  return /Connection terminated|timeout exceeded when trying to connect|Cannot use a pool after calling end|driver has already been destroyed|The database connection is not open/i.test(
    error.message,
  );
}
