import { spawn } from 'node:child_process';
import type { DatabaseConfig } from '../config/database-url.js';
import { type CliIo, ReportedFailure, UsageError } from './cli-io.js';

/** How to open a database's own client, and what to say when it is not installed. */
export interface DatabaseClient {
  readonly command: string;
  readonly args: readonly string[];
  /** Added to the environment: psql reads the password here rather than from argv, which `ps` shows. */
  readonly env: Readonly<Record<string, string>>;
  readonly missing: string;
}

/**
 * `sqlite3 <file>` or `psql <url>` on the configured database, followed by
 * the arguments given after `--` (`-cmd '.tables'`, `-c 'select 1'`).
 */
export function databaseClientFor(
  database: DatabaseConfig,
  clientArgs: readonly string[],
): DatabaseClient {
  if (database.dialect === 'sqlite') {
    if (database.filename === ':memory:') {
      throw new UsageError(
        'sqlite://:memory: lives inside the server process only: there is no database file for sqlite3 to open',
      );
    }
    return {
      command: 'sqlite3',
      args: [database.filename, ...clientArgs],
      env: {},
      missing: 'sqlite3 is not installed: apt-get install sqlite3',
    };
  }
  const url = new URL(database.connectionString);
  const password = decodeURIComponent(url.password);
  url.password = '';
  return {
    command: 'psql',
    args: [url.toString(), ...clientArgs],
    env: password === '' ? {} : { PGPASSWORD: password },
    missing: 'psql is not installed: apt-get install postgresql-client',
  };
}

/**
 * Runs the client on this terminal and ends with its exit code. Ctrl+C
 * belongs to the client (psql cancels the running query with it): this
 * process ignores SIGINT until the client ends.
 */
export async function runDatabaseClient(client: DatabaseClient, io: CliIo): Promise<void> {
  const ignoreInterrupt = () => {};
  process.on('SIGINT', ignoreInterrupt);
  try {
    const code = await new Promise<number>((resolve, reject) => {
      const child = spawn(client.command, client.args, {
        stdio: 'inherit',
        env: { ...io.env, ...client.env },
        cwd: io.cwd,
      });
      child.once('error', reject);
      child.once('exit', (exitCode) => resolve(exitCode ?? 1));
    });
    if (code !== 0) throw new ReportedFailure(code);
  } catch (error) {
    if (isMissingCommand(error)) {
      io.stderr(`monsters: ${client.missing}\n`);
      throw new ReportedFailure(1);
    }
    throw error;
  } finally {
    process.off('SIGINT', ignoreInterrupt);
  }
}

function isMissingCommand(error: unknown): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === 'ENOENT';
}
