// The servers under test and their databases: the app from the compiled
// build (`dist/`), the bare baseline, and the CLI that prepares SQLite files.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SQLite } from '../src/db/sqlite-native.js';
import { type CpuList, runToEnd, type Spawned, start, stop, waitForOutput } from './processes.js';

export const PROJECT_ROOT = resolve(import.meta.dirname, '..');
/** What `npm start` runs: the bundled, compiled app. */
export const APP_MAIN = join(PROJECT_ROOT, 'dist', 'bundle', 'monsters.mjs');
const BASELINE = join(PROJECT_ROOT, 'bench', 'baseline-server.mjs');
const MIGRATIONS = join(PROJECT_ROOT, 'dist', 'src', 'db', 'migrations');
const SECRET_KEY = 'bench-only-secret-key-0123456789abcdef0123456789';
const READY = /running on (http:\/\/127\.0\.0\.1:\d+)/;
const START_TIMEOUT_MS = 60_000;

export interface Server {
  readonly name: string;
  readonly url: string;
  readonly spawned: Spawned;
}

export const sqliteUrl = (path: string) => `sqlite:///${path}`;

/** A SQLite file path, or a `postgres://` URL as is. */
export const databaseUrl = (pathOrUrl: string) =>
  /^postgres(ql)?:\/\//.test(pathOrUrl) ? pathOrUrl : sqliteUrl(pathOrUrl);

/**
 * What users run: production mode with the default log level (every request
 * logged as JSON to stdout, a pipe the harness drains), a fixed SECRET_KEY,
 * and a clean environment so no developer's DATABASE_URL, PORT, WORKERS or
 * LOG_LEVEL leaks in. Production cookies are `Secure` and `__Host-` named: the
 * bench's own cookie jar sends them back over plain HTTP, which the server
 * accepts (a browser would not). The working directory is the run's temporary
 * folder: no `.env` is read, no `data/` made.
 */
export function appEnv(): NodeJS.ProcessEnv {
  const { BENCH_NODE_ENV, BENCH_LOG_LEVEL } = process.env;
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    LANG: 'C.UTF-8',
    // BENCH_NODE_ENV=development and BENCH_LOG_LEVEL price the configuration itself.
    ...(BENCH_NODE_ENV !== 'development' && { NODE_ENV: BENCH_NODE_ENV || 'production' }),
    ...(BENCH_LOG_LEVEL && { LOG_LEVEL: BENCH_LOG_LEVEL }),
    SECRET_KEY,
  };
}

/** The app's configuration as the facts line of the report says it. */
export function appConfiguration(): string {
  const env = appEnv();
  return `app: NODE_ENV=${env.NODE_ENV ?? '(unset)'}, LOG_LEVEL=${env.LOG_LEVEL ?? '(default: info, every request logged to the stdout pipe the harness drains)'}`;
}

export async function startApp(options: {
  readonly name: string;
  readonly dbPath: string;
  readonly workdir: string;
  readonly cpus: CpuList;
  readonly workers?: number;
  readonly nodeArgs?: readonly string[];
}): Promise<Server> {
  const args = [
    ...(options.nodeArgs ?? []),
    APP_MAIN,
    'serve',
    '--host',
    '127.0.0.1',
    '--port',
    '0',
    '--database',
    databaseUrl(options.dbPath),
    '--workers',
    String(options.workers ?? 1),
  ];
  const spawned = start(process.execPath, args, {
    cpus: options.cpus,
    env: appEnv(),
    cwd: options.workdir,
  });
  return ready(options.name, spawned);
}

export async function startBaseline(options: {
  readonly dbPath: string;
  readonly cpus: CpuList;
}): Promise<Server> {
  const spawned = start(
    process.execPath,
    [BASELINE, '--database', options.dbPath, '--port', '0', '--host', '127.0.0.1'],
    { cpus: options.cpus, env: appEnv() },
  );
  return ready('baseline', spawned);
}

async function ready(name: string, spawned: Spawned): Promise<Server> {
  try {
    const match = await waitForOutput(spawned, READY, START_TIMEOUT_MS);
    return { name, url: match[1] as string, spawned };
  } catch (error) {
    await stop(spawned);
    throw new Error(`${name} did not start: ${(error as Error).message}`);
  }
}

/** Runs `monsters <args>` from the build; rejects with its output on a non-zero exit. */
export async function monstersCli(
  args: readonly string[],
  options: { workdir: string; timeoutMs?: number; input?: string },
): Promise<string> {
  const run = await runToEnd(process.execPath, [APP_MAIN, ...args], {
    env: appEnv(),
    cwd: options.workdir,
    timeoutMs: options.timeoutMs ?? 120_000,
    ...(options.input !== undefined && { input: options.input }),
  });
  if (run.code !== 0) {
    const last = run.output.trim().split('\n').slice(-3).join(' / ');
    throw new Error(`monsters ${args.join(' ')} exited with ${run.code}: ${last}`);
  }
  return run.stdout;
}

/** A fresh, migrated database holding the demo catalogue (a SQLite path or an empty PostgreSQL database's URL). */
export async function prepareDemoDb(path: string, workdir: string): Promise<void> {
  if (!path.startsWith('postgres')) removeDb(path);
  await monstersCli(['db', 'seed', '--database', databaseUrl(path)], { workdir });
}

/**
 * The large catalogue, kept between runs in /tmp: rebuilt when missing, short
 * of `count` monsters, built by other migration code (a migration edited in
 * place would never re-run), or no longer migratable. Returns whether it was
 * (re)built.
 */
export async function prepareLargeDb(
  path: string,
  count: number,
  workdir: string,
): Promise<boolean> {
  const stamp = `${path}.migrations`;
  const current = migrationsFingerprint();
  const previous = existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : '';
  if (previous === current && countMonsters(path) >= count) {
    try {
      await monstersCli(['db', 'migrate', '--database', sqliteUrl(path)], {
        workdir,
        timeoutMs: 300_000,
      });
      return false;
    } catch {
      // fall through: rebuild it
    }
  }
  removeDb(path);
  rmSync(stamp, { force: true });
  await monstersCli(['db', 'seed', '--count', String(count), '--database', sqliteUrl(path)], {
    workdir,
    timeoutMs: 400_000,
  });
  writeFileSync(stamp, `${current}\n`);
  return true;
}

/** A hash of the compiled migrations: the schema the cached database was built with. */
function migrationsFingerprint(): string {
  const hash = createHash('sha256');
  for (const name of readdirSync(MIGRATIONS).sort()) {
    if (!name.endsWith('.js')) continue;
    hash.update(name).update(readFileSync(join(MIGRATIONS, name)));
  }
  return hash.digest('hex').slice(0, 16);
}

export function countMonsters(path: string): number {
  try {
    const db = new SQLite(path, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare('select count(*) as n from monsters').get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0;
  }
}

/** Ids of the demo catalogue (the first `limit` by id), for requests that rotate over them. */
export function monsterIds(path: string, limit: number): number[] {
  const db = new SQLite(path, { readonly: true, fileMustExist: true });
  try {
    return (
      db.prepare('select id from monsters order by id limit ?').all(limit) as { id: number }[]
    ).map((row) => row.id);
  } finally {
    db.close();
  }
}

/** Gives a monster of the bench's own database a stock no benchmark can exhaust. */
export function setStock(path: string, id: number, stock: number): void {
  const db = new SQLite(path, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    db.prepare('update monsters set stock = ? where id = ?').run(stock, id);
  } finally {
    db.close();
  }
}

export function removeDb(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal'])
    rmSync(`${path}${suffix}`, { force: true });
}
