import type { Command } from 'commander';
import { type Config, loadConfig } from '../config/config.js';
import { type DatabaseConfig, redact } from '../config/database-url.js';
import { type DatabaseHandle, openDatabase } from '../db/connection.js';
import { DataLossRefused, migrateToLatest, rollbackAll, rollbackLast } from '../db/migrator.js';
import { seedDemoCatalogueIfEmpty, seedGeneratedMonsters } from '../db/seed/seed.js';
import { type CliIo, ReportedFailure, UsageError } from './cli-io.js';
import { BackupFailed, backupDatabase } from './db-backup.js';
import { databaseClientFor, runDatabaseClient } from './db-console.js';
import { progressBar } from './progress-bar.js';

const MAX_GENERATED = 10_000_000;
/** Applied by a `db migrate` only on a database nothing had set up yet. */
const FIRST_MIGRATION = '0001-initial-schema';

/** Where the database is, for the operator: the file, or the URL without its password. */
function databaseName(database: DatabaseConfig): string {
  return database.dialect === 'sqlite' ? database.filename : redact(database.url);
}

interface DatabaseOption {
  database?: string;
}

export function registerDbCommands(program: Command, io: CliIo): void {
  const db = program.command('db').description('manage the database (migrations, demo data)');
  const withDatabase = async (
    options: DatabaseOption,
    work: (handle: DatabaseHandle, config: Config) => Promise<void>,
  ): Promise<void> => {
    const config = loadConfig({ flags: options, env: io.env, cwd: io.cwd });
    const handle = openDatabase(config.database, { poolSize: 2, purpose: 'maintenance' });
    try {
      await work(handle, config);
    } finally {
      await handle.close();
    }
  };
  const say = (line: string) => io.stdout(`${line}\n`);

  db.command('migrate')
    .description('apply all pending migrations')
    .option('--database <url>', 'database URL (env DATABASE_URL)')
    .action((options: DatabaseOption) =>
      withDatabase(options, async (handle, config) => {
        const { names } = await migrateToLatest(handle);
        if (names[0] === FIRST_MIGRATION)
          say(`set up a new, empty database: ${databaseName(config.database)}`);
        say(names.length ? `applied ${names.join(', ')}` : 'already up to date');
      }),
    );

  db.command('rollback')
    .description('undo the last applied migration (--yes when it would drop tables holding data)')
    .option('--yes', 'confirm: rows of the tables it drops will be lost')
    .option('--database <url>', 'database URL (env DATABASE_URL)')
    .action((options: DatabaseOption & { yes?: boolean }) =>
      withDatabase(options, async (handle) => {
        try {
          const { names } = await rollbackLast(handle, { dropData: options.yes === true });
          say(names.length ? `rolled back ${names.join(', ')}` : 'nothing to roll back');
        } catch (error) {
          if (error instanceof DataLossRefused) throw new UsageError(error.message);
          throw error;
        }
      }),
    );

  db.command('seed')
    .description('load the demo catalogue when empty; --count N adds N generated monsters')
    .option('--count <n>', 'number of generated monsters to add')
    .option('--database <url>', 'database URL (env DATABASE_URL)')
    .action((options: DatabaseOption & { count?: string }) => {
      const count = options.count === undefined ? 0 : parseCount(options.count);
      return withDatabase(options, async (handle) => {
        await migrateToLatest(handle);
        const demo = await seedDemoCatalogueIfEmpty(handle);
        say(demo ? `loaded ${demo} demo monsters` : 'demo catalogue already present');
        if (count > 0) {
          await seedGeneratedMonsters(handle, count, progressBar(io.stderr, io.stderrIsTty));
          say(`added ${count} generated monsters`);
        }
      });
    });

  db.command('console')
    .description(
      "open the database's own client (sqlite3 or psql) on the configured database; arguments after -- go to it",
    )
    .argument(
      '[client-args...]',
      "arguments for sqlite3 / psql, after --: -- -cmd '.tables', -- -c 'select 1'",
    )
    .option('--database <url>', 'database URL (env DATABASE_URL)')
    .action((clientArgs: string[], options: DatabaseOption) => {
      const config = loadConfig({ flags: options, env: io.env, cwd: io.cwd });
      return runDatabaseClient(databaseClientFor(config.database, clientArgs), io);
    });

  db.command('backup')
    .description(
      'write a consistent copy of the live database to FILE (SQLite: a database file; PostgreSQL: a pg_dump archive for pg_restore)',
    )
    .argument('<file>', 'the backup file to write')
    .option('--force', 'replace FILE when it already exists')
    .option('--database <url>', 'database URL (env DATABASE_URL)')
    .action(async (file: string, options: DatabaseOption & { force?: boolean }) => {
      const config = loadConfig({ flags: options, env: io.env, cwd: io.cwd });
      try {
        const done = await backupDatabase({
          database: config.database,
          file,
          overwrite: options.force === true,
          cwd: io.cwd,
          env: io.env,
        });
        say(`backed up the database to ${done.file} (${formatBytes(done.bytes)})`);
      } catch (error) {
        if (!(error instanceof BackupFailed)) throw error;
        io.stderr(`monsters: ${error.message}\n`);
        throw new ReportedFailure(1);
      }
    });

  db.command('reset')
    .description(
      'drop every table and re-create the schema and demo catalogue (refused in production)',
    )
    .option('--yes', 'confirm: every row will be lost')
    .option('--database <url>', 'database URL (env DATABASE_URL)')
    .action((options: DatabaseOption & { yes?: boolean }) => {
      if (!options.yes)
        throw new UsageError('db reset deletes every row: run it again with --yes to confirm');
      return withDatabase(options, async (handle, config) => {
        if (config.production) {
          throw new UsageError('db reset is refused in production (NODE_ENV=production)');
        }
        await rollbackAll(handle);
        await migrateToLatest(handle);
        const demo = await seedDemoCatalogueIfEmpty(handle);
        say(`database reset: schema re-created, ${demo} demo monsters loaded`);
      });
    });
}

function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.ceil(bytes / 1024)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

function parseCount(text: string): number {
  const count = Number(text);
  if (!/^\d+$/.test(text) || count < 1 || count > MAX_GENERATED) {
    throw new UsageError(
      `--count must be a whole number from 1 to ${MAX_GENERATED}, not ${JSON.stringify(text)}`,
    );
  }
  return count;
}
