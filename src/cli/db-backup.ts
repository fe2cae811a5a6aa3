import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { link, open, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { sql } from 'kysely';
import type { DatabaseConfig } from '../config/database-url.js';
import { redact } from '../config/database-url.js';
import { openDatabase } from '../db/connection.js';
import { SQLite, type SqliteDatabase } from '../db/sqlite-native.js';
import { UsageError } from './cli-io.js';

/** The backup could not be made; the message is the one line to show. Nothing was written. */
export class BackupFailed extends Error {}

export interface BackupRequest {
  readonly database: DatabaseConfig;
  /** FILE as given on the command line. */
  readonly file: string;
  /** Replace FILE when it already exists. */
  readonly overwrite: boolean;
  readonly cwd: string;
  /** The environment pg_dump runs with (its PATH finds it). */
  readonly env: Readonly<Record<string, string | undefined>>;
}

export interface BackupDone {
  readonly file: string;
  readonly bytes: number;
}

/**
 * A consistent copy of the configured database in FILE, taken while the shop
 * keeps serving: SQLite's online backup API, or `pg_dump --format=custom`
 * (restored with `pg_restore`). The copy is written beside FILE under a
 * temporary name and only then moved into place, so a failed backup leaves
 * no half-written FILE and never damages an older one.
 */
export async function backupDatabase(request: BackupRequest): Promise<BackupDone> {
  const file = resolve(request.cwd, request.file);
  checkTarget(file, request.overwrite);
  const partial = join(
    dirname(file),
    `.${basename(file)}.${randomBytes(4).toString('hex')}.partial`,
  );
  try {
    // Readable by its owner only, from its first byte: it holds e-mails, password hashes and orders.
    await writeFile(partial, '', { mode: OWNER_ONLY, flag: 'wx' });
    if (request.database.dialect === 'sqlite') {
      await copySqlite(request.database.filename, partial, file);
    } else {
      await dumpPostgres(request.database.connectionString, partial, request.env);
    }
    await moveIntoPlace(partial, file, request.overwrite);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  return { file, bytes: (await stat(file)).size };
}

function checkTarget(file: string, overwrite: boolean): void {
  const folder = dirname(file);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new UsageError(`cannot write the backup to ${file}: the folder ${folder} does not exist`);
  }
  if (!existsSync(file)) return;
  if (statSync(file).isDirectory()) {
    throw new UsageError(`${file} is a folder: give the name of the backup file to write`);
  }
  if (!overwrite) {
    throw new UsageError(`${file} already exists: choose a new name, or add --force to replace it`);
  }
}

/** No-clobber by default: `link` fails when FILE appeared meanwhile, where `rename` would replace it. */
async function moveIntoPlace(partial: string, file: string, overwrite: boolean): Promise<void> {
  try {
    if (overwrite) {
      await rename(partial, file);
    } else {
      await link(partial, file);
      await rm(partial);
    }
  } catch (error) {
    throw new BackupFailed(`cannot write the backup to ${file}: ${reason(error)}`);
  }
  const folder = await open(dirname(file), 'r');
  try {
    await folder.sync();
  } finally {
    await folder.close();
  }
}

const OWNER_ONLY = 0o600;

/** What SQLite's backup step gets told to copy next: every remaining page. */
const EVERY_PAGE = 0x7fffffff;

/**
 * One backup step over every page: it reads one snapshot (in WAL mode
 * writers go on meanwhile), where steps of a few pages would start over each
 * time a checkout commits and may never finish on a busy shop.
 */
async function copySqlite(source: string, partial: string, file: string): Promise<void> {
  if (source === ':memory:') {
    throw new UsageError(
      'sqlite://:memory: lives inside the server process only: there is no database file to back up',
    );
  }
  if (resolve(source) === file) {
    throw new UsageError(`${file} is the database itself: write the backup to another file`);
  }
  if (!existsSync(source)) throw new UsageError(`there is no SQLite database at ${source}`);
  let database: SqliteDatabase;
  try {
    database = new SQLite(source, { fileMustExist: true });
  } catch (error) {
    throw new UsageError(`cannot open the SQLite database ${source}: ${reason(error)}`);
  }
  try {
    await database.backup(partial, { progress: () => EVERY_PAGE });
  } catch (error) {
    throw new BackupFailed(`backup to ${file} failed: ${reason(error)}; nothing was written`);
  } finally {
    database.close();
  }
}

async function dumpPostgres(
  connectionString: string,
  partial: string,
  env: BackupRequest['env'],
): Promise<void> {
  const { url, password } = withoutPassword(connectionString);
  const childEnv = { ...env, ...(password === '' ? {} : { PGPASSWORD: password }) };
  const dumpMajor = await pgDumpMajorVersion(childEnv);
  const serverMajor = await postgresServerMajorVersion(connectionString);
  if (dumpMajor < serverMajor) {
    throw new BackupFailed(
      `pg_dump ${dumpMajor} cannot back up a PostgreSQL ${serverMajor} server: install postgresql-client-${serverMajor}`,
    );
  }
  const args = ['--format=custom', '--no-password', `--file=${partial}`, `--dbname=${url}`];
  const { code, stderr } = await run('pg_dump', args, childEnv);
  if (code !== 0) {
    const firstLine = stderr.trim().split('\n')[0] ?? '';
    throw new BackupFailed(
      `pg_dump of ${redact(connectionString)} failed (exit ${code}): ${firstLine}`,
    );
  }
}

/** libpq reads the password from PGPASSWORD rather than from argv, which `ps` shows. */
function withoutPassword(connectionString: string): { url: string; password: string } {
  const url = new URL(connectionString);
  const password = decodeURIComponent(url.password);
  url.password = '';
  return { url: url.toString(), password };
}

async function pgDumpMajorVersion(env: Record<string, string | undefined>): Promise<number> {
  const output = await new Promise<string>((resolvePromise, reject) => {
    execFile('pg_dump', ['--version'], { env }, (error, stdout) => {
      if (error) reject(error);
      else resolvePromise(stdout);
    });
  }).catch((error: unknown) => {
    if (isMissingCommand(error)) {
      throw new BackupFailed('pg_dump is not installed: apt-get install postgresql-client');
    }
    throw new BackupFailed(`pg_dump --version failed: ${reason(error)}`);
  });
  const major = /\(PostgreSQL\) (\d+)/.exec(output)?.[1];
  if (major === undefined) {
    throw new BackupFailed(
      `cannot tell the version of pg_dump from ${JSON.stringify(output.trim())}`,
    );
  }
  return Number(major);
}

async function postgresServerMajorVersion(connectionString: string): Promise<number> {
  const handle = openDatabase(
    { dialect: 'postgres', connectionString, url: connectionString },
    { poolSize: 1, purpose: 'maintenance' },
  );
  try {
    const { rows } = await sql<{
      version: string;
    }>`select current_setting('server_version_num') as version`.execute(handle.db);
    return Math.floor(Number(rows[0]?.version) / 10_000);
  } finally {
    await handle.close();
  }
}

function run(
  command: string,
  args: readonly string[],
  env: Record<string, string | undefined>,
): Promise<{ code: number; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.once('error', reject);
    child.once('close', (code) => resolvePromise({ code: code ?? 1, stderr }));
  });
}

const FRIENDLY_REASONS: Record<string, string> = {
  SQLITE_FULL: 'no space left on the device',
  ENOSPC: 'no space left on the device',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  SQLITE_READONLY: 'the file system is read-only',
  SQLITE_CANTOPEN: 'the file cannot be opened',
  SQLITE_NOTADB: 'the file is not a SQLite database',
  SQLITE_CORRUPT: 'the database file is damaged',
};

function reason(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && FRIENDLY_REASONS[code]) return FRIENDLY_REASONS[code];
  return error instanceof Error ? error.message : String(error);
}

function isMissingCommand(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}
