/**
 * docs/course.md cannot drift from the app: every `$ command` of its
 * ```console blocks runs, in order, in one shell, against a fresh instance
 * (the demo catalogue on a new database, served on a free port of 127.0.0.1),
 * and prints what the guide shows. The guide runs once per engine: on
 * SQLite, where its `sqlite3` commands run, and on PostgreSQL, where its
 * `psql` commands run; every other command runs on both.
 *
 * The guide's addresses are rewritten to the instances': http://127.0.0.1:5000
 * is the default instance (server-side sessions), :5001 one over the same
 * database with SESSION_STORE=cookie, :5002 and :5003 the same two in debug
 * mode, as the guide starts them; `data/halloween.db` is the SQLite file.
 * On PostgreSQL the guide's own forms run as written (`psql monsters`,
 * `postgresql:///monsters`, as on a machine with a local server): the shell,
 * and every process it starts, finds the test cluster through libpq's
 * standard variables (PGHOST, PGPORT, PGUSER, PGPASSWORD), and only the
 * database's name `monsters` becomes the fresh database's.
 */
import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test, { type TestContext } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { migrateToLatest } from '../src/db/migrator.js';
import { seedDemoCatalogueIfEmpty } from '../src/db/seed/seed.js';
import { buildApp } from '../src/server/build-app.js';
import { PROJECT_ROOT } from '../src/shared/project.js';
import { createTestDatabase, type Engine, testEngines } from './helpers/databases.js';
import { type GuideCommand, guideCommands, outputMatches } from './helpers/guide-blocks.js';
import { failOnErrorLogs, LogCollector, testConfig } from './helpers/test-app.js';

const GUIDE = join(PROJECT_ROOT, 'docs', 'course.md');
const DEFAULT_ORIGIN = 'http://127.0.0.1:5000';
const COOKIE_STORE_ORIGIN = 'http://127.0.0.1:5001';
const DEBUG_ORIGIN = 'http://127.0.0.1:5002';
const DEBUG_COOKIE_STORE_ORIGIN = 'http://127.0.0.1:5003';
const COMMAND_TIME_LIMIT_MS = 20_000;

interface Instance {
  readonly rewrite: (command: string) => string;
  readonly normalise: (output: string) => string;
  /** What the shell needs to reach the database as the guide's commands name it. */
  readonly environment: Readonly<Record<string, string>>;
}

/** The guide's PostgreSQL database, as `createdb monsters` names it. */
const GUIDE_DATABASE_NAME = 'monsters';

/**
 * libpq's standard variables for the server of a PostgreSQL URL: what a
 * student's machine gives for free with a local server, so that
 * `psql monsters` and `postgresql:///monsters` reach it.
 */
function libpqEnvironment(connectionString: string): Record<string, string> {
  const url = new URL(connectionString);
  const environment: Record<string, string> = { PGHOST: url.hostname || 'localhost' };
  if (url.port !== '') environment.PGPORT = url.port;
  if (url.username !== '') environment.PGUSER = decodeURIComponent(url.username);
  if (url.password !== '') environment.PGPASSWORD = decodeURIComponent(url.password);
  return environment;
}

/** The guide's database name, `monsters`, in `psql monsters`, `createdb monsters` and `postgresql:///monsters`. */
function renameGuideDatabase(command: string, name: string): string {
  return command
    .replace(
      new RegExp(`^(psql|createdb|dropdb)(\\s+(?:-\\S+\\s+)*)${GUIDE_DATABASE_NAME}\\b`),
      `$1$2${name}`,
    )
    .replaceAll(`postgresql:///${GUIDE_DATABASE_NAME}`, `postgresql:///${name}`);
}

/** The two instances the guide starts, over one fresh database holding the demo catalogue. */
async function startInstances(t: TestContext, engine: Engine): Promise<Instance> {
  const database = await createTestDatabase(engine);
  t.after(() => database.destroy());
  await migrateToLatest(database.handle);
  await seedDemoCatalogueIfEmpty(database.handle);
  const listen = async (sessionStore: 'database' | 'cookie', debug = false): Promise<string> => {
    const logs = new LogCollector();
    const config = testConfig(database.config, { sessionStore, debug });
    const app: FastifyInstance = await buildApp(config, {
      database: database.handle,
      logStream: logs,
    });
    t.after(() => app.close());
    failOnErrorLogs(t, logs);
    return app.listen({ host: '127.0.0.1', port: 0 });
  };
  // The guide's address of each instance, and the real one.
  const origins: readonly (readonly [string, string])[] = [
    [DEFAULT_ORIGIN, await listen('database')],
    [COOKIE_STORE_ORIGIN, await listen('cookie')],
    [DEBUG_ORIGIN, await listen('database', true)],
    [DEBUG_COOKIE_STORE_ORIGIN, await listen('cookie', true)],
  ];
  const config = database.config;
  const databaseName =
    config.dialect === 'postgres' ? new URL(config.connectionString).pathname.slice(1) : null;
  return {
    rewrite: (command) => {
      let result = origins.reduce((text, [shown, real]) => text.replaceAll(shown, real), command);
      result = result.replace(/^npx monsters\b/, 'monsters');
      if (config.dialect === 'sqlite') {
        result = result.replaceAll('data/halloween.db', config.filename);
      } else if (databaseName !== null) {
        result = renameGuideDatabase(result, databaseName);
      }
      return result;
    },
    normalise: (output) =>
      origins.reduce((text, [shown, real]) => text.replaceAll(real, shown), output),
    environment: config.dialect === 'postgres' ? libpqEnvironment(config.connectionString) : {},
  };
}

/**
 * `npx monsters` of the guide, run from the sources (as `npm run dev` does) in
 * the guide's working folder: a `monsters` command on the shell's PATH.
 */
function installMonstersCommand(workdir: string): string {
  const bin = join(workdir, 'bin');
  mkdirSync(bin);
  const tsx = import.meta.resolve('tsx');
  const main = join(PROJECT_ROOT, 'src', 'main.ts');
  writeFileSync(join(bin, 'monsters'), `#!/bin/sh\nexec node --import '${tsx}' '${main}' "$@"\n`);
  chmodSync(join(bin, 'monsters'), 0o755);
  return bin;
}

/** One shell for the whole guide, so that its variables and cookie jars carry from block to block. */
class Shell {
  private readonly process: ChildProcessWithoutNullStreams;
  private buffer = '';
  private count = 0;

  constructor(cwd: string, temporary: string, environment: Readonly<Record<string, string>>) {
    this.process = spawn('bash', ['--noprofile', '--norc'], {
      cwd,
      env: {
        ...environment,
        TMPDIR: temporary, // the guide's `mktemp -d`, removed with the working folder
        PATH: `${installMonstersCommand(cwd)}:${process.env.PATH ?? '/usr/bin:/bin'}`,
        TSX_TSCONFIG_PATH: join(PROJECT_ROOT, 'tsconfig.json'),
        HOME: cwd, // no ~/.sqliterc, ~/.psqlrc or ~/.curlrc of the machine's user
        PSQLRC: '/dev/null',
        PAGER: 'cat',
        LC_ALL: 'C.UTF-8',
        TZ: 'UTC',
        PGTZ: 'UTC',
      },
    });
    this.process.stdout.setEncoding('utf8');
    this.process.stdout.on('data', (chunk: string) => {
      this.buffer += chunk;
    });
    this.process.stderr.resume();
  }

  async run(command: string): Promise<string> {
    this.count += 1;
    const marker = `__guide_command_${this.count}_done__`;
    this.buffer = '';
    this.process.stdin.write(`{\n${command}\n} </dev/null 2>&1; printf '\\n${marker}\\n'\n`);
    const deadline = Date.now() + COMMAND_TIME_LIMIT_MS;
    while (!this.buffer.includes(`\n${marker}\n`)) {
      if (Date.now() > deadline) throw new Error(`no answer within ${COMMAND_TIME_LIMIT_MS} ms`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return this.buffer.slice(0, this.buffer.indexOf(`\n${marker}\n`));
  }

  close(): void {
    this.process.stdin.end();
    this.process.kill();
  }
}

function report(command: GuideCommand, shown: string, actual: string): string {
  return [
    `docs/course.md:${command.line} (${command.section})`,
    `$ ${command.command}`,
    '--- the guide shows:',
    shown,
    '--- the app printed:',
    actual,
  ].join('\n');
}

const commands = guideCommands(readFileSync(GUIDE, 'utf8'));

/** The clients the guide's commands call, per engine pass. */
const TOOLS: Readonly<Record<Engine, readonly string[]>> = {
  sqlite: ['curl', 'jq', 'sqlite3'],
  postgres: ['curl', 'jq', 'psql'],
};

/**
 * A tool the guide needs and the machine lacks: the pass is skipped with the
 * package to install, except under CI=true, where .ci/run installs them.
 */
function missingTool(engine: Engine): string | null {
  const missing = TOOLS[engine].find(
    (tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0,
  );
  if (missing === undefined) return null;
  const message = `${missing} is not installed (Debian: apt-get install ${missing === 'psql' ? 'postgresql-client' : missing})`;
  if (process.env.CI === 'true') throw new Error(message);
  return message;
}

test('no runnable block of the guide mixes sqlite3 and psql commands', () => {
  const mixed = new Map<number, Set<Engine>>();
  for (const command of commands) {
    if (command.engine === null) continue;
    const engines = mixed.get(command.blockLine) ?? new Set<Engine>();
    engines.add(command.engine);
    mixed.set(command.blockLine, engines);
  }
  const both = [...mixed].filter(([, engines]) => engines.size > 1).map(([line]) => line);
  if (both.length > 0) {
    throw new Error(
      `docs/course.md: the blocks at lines ${both.join(', ')} hold commands for both engines; a reader runs one of them: split them into console sqlite / console postgres blocks`,
    );
  }
});

test('the guide has runnable blocks for the web, SQLite and PostgreSQL', () => {
  if (!commands.some((command) => command.engine === 'sqlite')) {
    throw new Error('no sqlite3 command in docs/course.md');
  }
  if (!commands.some((command) => command.engine === 'postgres')) {
    throw new Error('no psql command in docs/course.md');
  }
  if (!commands.some((command) => command.command.startsWith('curl'))) {
    throw new Error('no curl command in docs/course.md');
  }
});

for (const engine of testEngines()) {
  test(`docs/course.md prints what it shows (${engine})`, async (t) => {
    const missing = missingTool(engine);
    if (missing !== null) return t.skip(missing);
    const instance = await startInstances(t, engine);
    const workdir = mkdtempSync(join(tmpdir(), 'monsters-guide-'));
    const temporary = join(workdir, 'tmp');
    mkdirSync(temporary);
    const shell = new Shell(workdir, temporary, instance.environment);
    t.after(() => {
      shell.close();
      rmSync(workdir, { recursive: true, force: true });
    });
    const failures: string[] = [];
    let ran = 0;
    for (const command of commands) {
      if (command.engine !== null && command.engine !== engine) continue;
      const actual = instance.normalise(await shell.run(instance.rewrite(command.command)));
      ran += 1;
      if (!outputMatches(command.expected, actual.split('\n'))) {
        failures.push(report(command, command.expected.join('\n'), actual));
      }
    }
    if (ran === 0) throw new Error('no command of docs/course.md ran');
    // The shell's working folder stands for the project folder: the guide's
    // cookie jars go elsewhere. `data/` is the app's own (ignored by git), `bin/` and `tmp/` the test's.
    const leftBehind = readdirSync(workdir).filter(
      (name) => !['bin', 'tmp', 'data'].includes(name),
    );
    if (leftBehind.length > 0) {
      failures.push(`the guide leaves files in the project folder: ${leftBehind.join(', ')}`);
    }
    if (failures.length > 0) {
      throw new Error(
        `${failures.length} of ${ran} commands of docs/course.md print something else:\n\n${failures.join('\n\n')}`,
      );
    }
  });
}
