import { existsSync } from 'node:fs';
import { sql } from 'kysely';
import { ConfigError } from '../config/config.js';
import { type DatabaseConfig, redact } from '../config/database-url.js';
import { type DatabaseHandle, type OpenOptions, openDatabase } from './connection.js';
import { DatabaseFromNewerRelease, MigrationError, migrateToLatest } from './migrator.js';
import { seedDemoCatalogueIfEmpty } from './seed/seed.js';

/** Opens the handle a serving process uses; called once per process. */
export type ServingDatabaseOpener = () => DatabaseHandle;

function isInMemory(config: DatabaseConfig): boolean {
  return config.dialect === 'sqlite' && config.filename === ':memory:';
}

/**
 * `serve` migrates and seeds once, before serving. A database file or a
 * PostgreSQL database outlives the handle that migrated it, so each serving
 * process opens its own. An in-memory database lives and dies with its one
 * connection: that migrated connection is the one to serve from, and no
 * other process can share it.
 */
export interface PrepareOptions {
  readonly workers?: number;
  readonly serving?: OpenOptions;
  /** Production serves an existing SQLite file only: it never creates an empty shop. */
  readonly production?: boolean;
  readonly warn?: (line: string) => void;
}

export async function prepareDatabase(
  config: DatabaseConfig,
  options: PrepareOptions = {},
): Promise<ServingDatabaseOpener> {
  const { workers = 1, serving = {}, production = false, warn = () => {} } = options;
  if (isInMemory(config)) {
    if (workers > 1) {
      throw new ConfigError(
        `sqlite://:memory: is one database inside one process: it cannot be shared by --workers ${workers}; use a database file or --workers 1`,
      );
    }
    const handle = openDatabase(config, serving);
    try {
      await migrateAndSeed(handle, warn);
    } catch (error) {
      await handle.close();
      throw error;
    }
    return () => handle;
  }

  if (production && config.dialect === 'sqlite' && !existsSync(config.filename)) {
    throw new Error(
      `there is no database at ${config.filename}, and NODE_ENV=production never serves a new, empty one: create it with \`monsters db migrate\`, or set DATA_DIR or DATABASE_URL to where the shop's database is`,
    );
  }

  let handle: DatabaseHandle | undefined;
  try {
    // Opening may already write: SQLite's WAL mode needs the folder (for the -wal file).
    handle = openDatabase(config, { poolSize: 1, purpose: 'maintenance' });
    await migrateAndSeed(handle, warn);
    await probeWrite(handle);
  } catch (error) {
    if (isWriteRefused(error)) throw cannotBeWritten(config, error);
    throw error;
  } finally {
    await handle?.close();
  }
  return () => openDatabase(config, serving);
}

/**
 * A database the process cannot write fails start-up, rather than every
 * write later. SQLite opens a file it may not write read-only without a
 * word (even BEGIN IMMEDIATE succeeds); PostgreSQL may be a standby or set
 * read-only. Migrations and seeding may write nothing: this update changes
 * nothing but needs the right to write.
 */
async function probeWrite(handle: DatabaseHandle): Promise<void> {
  await sql`update kysely_migration set name = name where 1 = 0`.execute(handle.db);
}

function isWriteRefused(error: unknown): boolean {
  const { code } = rootCause(error) as { code?: unknown };
  return typeof code === 'string' && (code.startsWith('SQLITE_READONLY') || code === '25006');
}

function cannotBeWritten(config: DatabaseConfig, error: unknown): Error {
  const database =
    config.dialect === 'sqlite'
      ? `the database file ${config.filename}`
      : `the database ${redact(config.url)}`;
  const cause = rootCause(error);
  return new Error(
    `${database} cannot be written (${cause instanceof Error ? cause.message : String(cause)})`,
  );
}

/** The error a migration failure wraps, or the error itself. */
function rootCause(error: unknown): unknown {
  return error instanceof MigrationError && error.cause !== undefined ? error.cause : error;
}

async function migrateAndSeed(handle: DatabaseHandle, warn: (line: string) => void): Promise<void> {
  try {
    await migrateToLatest(handle);
  } catch (error) {
    if (!servesDespite(error)) throw error;
    warn(
      `the database was migrated by a newer release (${error.unknown.join(', ')}): serving without migrating, as during a rolling upgrade (docs/deployment.md "Upgrades")`,
    );
  }
  await seedDemoCatalogueIfEmpty(handle);
}

/**
 * During a rolling upgrade the new release migrates first, and an instance of
 * the old one may still (re)start: it serves, since every migration stays
 * compatible with the release before it. Not when one of its own is missing.
 */
function servesDespite(error: unknown): error is DatabaseFromNewerRelease {
  return error instanceof DatabaseFromNewerRelease && error.pending.length === 0;
}
