import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  type Stats,
  statSync,
  symlinkSync,
  utimesSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, sep } from 'node:path';
import { after, type TestContext, test } from 'node:test';
import { PROJECT_ROOT } from '../src/shared/project.js';
import { bundleStaleness } from './helpers/bundle-freshness.js';
import { CLI_SECRET } from './helpers/cli-process.js';
import { within } from './helpers/monsters-process.js';

/**
 * `npm start` as users run it, in a throwaway copy of the project: with the
 * dev dependencies (a full install) or without them (`npm ci --omit=dev`).
 */

const SOURCES_TIME = new Date('2001-01-01T00:00:00Z');
const BUILT_TIME = new Date('2002-01-01T00:00:00Z');
const EDITED_TIME = new Date('2003-01-01T00:00:00Z');
const NOT_COPIED = new Set(['.git', 'node_modules', 'dist', 'data', 'test', 'bench', 'docs']);
const START_TIMEOUT_MS = 120_000;

function setTimes(path: string, time: Date): void {
  utimesSync(path, time, time);
}

function setTimesRecursively(folder: string, time: Date): void {
  for (const file of readdirSync(folder, { recursive: true, encoding: 'utf8' })) {
    setTimes(join(folder, file), time);
  }
}

let prunedModules: string | undefined;

/**
 * `node_modules` as `npm ci --omit=dev` leaves it (no TypeScript, no esbuild):
 * this checkout's, copied once and pruned by npm itself.
 */
function productionNodeModules(): string {
  if (prunedModules) return prunedModules;
  const install = mkdtempSync(join(tmpdir(), 'monsters-production-install-'));
  after(() => rmSync(install, { recursive: true, force: true }));
  for (const entry of ['package.json', 'package-lock.json', 'node_modules']) {
    cpSync(join(PROJECT_ROOT, entry), join(install, entry), {
      recursive: true,
      verbatimSymlinks: true,
    });
  }
  const prune = spawnSync('npm', ['prune', '--omit=dev', '--offline', '--no-audit', '--no-fund'], {
    cwd: install,
    encoding: 'utf8',
    timeout: START_TIMEOUT_MS,
  });
  assert.equal(prune.status, 0, `npm prune --omit=dev failed: ${prune.stderr}`);
  assert.equal(existsSync(join(install, 'node_modules', 'typescript')), false);
  prunedModules = join(install, 'node_modules');
  return prunedModules;
}

/**
 * A copy of the project whose bundle (taken from this checkout, which `npm test`
 * builds first) is newer than every source it is built from.
 */
function projectCopy(t: TestContext, install: 'full' | 'production'): string {
  const bundle = join(PROJECT_ROOT, 'dist', 'bundle');
  if (!existsSync(join(bundle, 'monsters.mjs'))) {
    t.skip('run npm run build first');
    return '';
  }
  const copy = mkdtempSync(join(tmpdir(), 'monsters-npm-start-'));
  t.after(() => rmSync(copy, { recursive: true, force: true }));
  for (const entry of readdirSync(PROJECT_ROOT)) {
    if (!NOT_COPIED.has(entry))
      cpSync(join(PROJECT_ROOT, entry), join(copy, entry), { recursive: true });
  }
  setTimesRecursively(copy, SOURCES_TIME);
  cpSync(bundle, join(copy, 'dist', 'bundle'), { recursive: true });
  setTimesRecursively(join(copy, 'dist'), BUILT_TIME);
  const modules = install === 'full' ? join(PROJECT_ROOT, 'node_modules') : productionNodeModules();
  symlinkSync(modules, join(copy, 'node_modules'), 'dir');
  assert.equal(bundleStaleness(copy), undefined);
  return copy;
}

interface NpmStart {
  readonly child: ChildProcess;
  readonly stdout: () => string;
  readonly stderr: () => string;
  readonly exited: Promise<number | null>;
}

function npmEnvironment(): Record<string, string> {
  // Under `npm test` the PATH holds this checkout's node_modules/.bin (with tsc): not the copy's.
  const path = (process.env.PATH ?? '')
    .split(delimiter)
    .filter((folder) => !folder.includes(`node_modules${sep}.bin`))
    .join(delimiter);
  return {
    PATH: path,
    HOME: process.env.HOME ?? tmpdir(),
    SECRET_KEY: CLI_SECRET,
    LOG_LEVEL: 'silent',
    DATABASE_URL: 'sqlite://:memory:',
  };
}

/** `npm start -- --port 0` in `cwd`, in a process group the test kills when it ends. */
function npmStart(t: TestContext, cwd: string): NpmStart {
  const child = spawn('npm', ['start', '--', '--port', '0'], {
    cwd,
    env: npmEnvironment(),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const pid = child.pid;
  assert.ok(pid, 'npm start did not start');
  t.after(() => {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

/** Resolves with the URL the server prints once listening; rejects if npm exits first. */
async function servedUrl(start: NpmStart): Promise<string> {
  const printed = new Promise<string>((resolve, reject) => {
    const check = () => {
      const match = /running on (http:\/\/127\.0\.0\.1:\d+)/.exec(start.stdout());
      if (match?.[1]) resolve(match[1]);
    };
    start.child.stdout?.on('data', check);
    void start.exited.then((code) =>
      reject(new Error(`npm start exited (${code}):\n${start.stdout()}\n${start.stderr()}`)),
    );
    check();
  });
  const url = await within(printed, START_TIMEOUT_MS, 'npm start to serve');
  assert.equal(await (await fetch(`${url}/status`)).text(), 'The server is running!');
  return url;
}

function bundleFile(copy: string): string {
  return join(copy, 'dist', 'bundle', 'monsters.mjs');
}

function identity(stats: Stats): string {
  return `${stats.ino}@${stats.mtimeMs}`;
}

test('npm start with an up-to-date bundle starts it without rebuilding', async (t) => {
  const copy = projectCopy(t, 'full');
  if (!copy) return;
  const before = identity(statSync(bundleFile(copy)));

  await servedUrl(npmStart(t, copy));

  assert.equal(identity(statSync(bundleFile(copy))), before, 'the bundle was rebuilt');
  assert.equal(existsSync(join(copy, 'dist', 'src')), false, 'tsc ran');
});

test('npm start rebuilds after a source change, and the bundle never disappears meanwhile', async (t) => {
  const copy = projectCopy(t, 'full');
  if (!copy) return;
  setTimes(join(copy, 'src', 'main.ts'), EDITED_TIME);
  assert.match(bundleStaleness(copy) ?? '', /src\/main\.ts changed/);

  // What a running cluster sees when it restarts a worker during the build.
  let missingWhileBuilding = false;
  const watch = setInterval(() => {
    if (!existsSync(bundleFile(copy))) missingWhileBuilding = true;
  }, 1);
  t.after(() => clearInterval(watch));
  await servedUrl(npmStart(t, copy));
  clearInterval(watch);

  assert.equal(
    missingWhileBuilding,
    false,
    'dist/bundle/monsters.mjs was missing during the build',
  );
  assert.ok(statSync(bundleFile(copy)).mtimeMs > EDITED_TIME.getTime(), 'no rebuild');
  assert.equal(bundleStaleness(copy), undefined);
});

test('a production install starts its shipped bundle even when a source looks newer', async (t) => {
  const copy = projectCopy(t, 'production');
  if (!copy) return;
  setTimes(join(copy, 'src', 'main.ts'), EDITED_TIME);
  const before = identity(statSync(bundleFile(copy)));

  // `npm ci --omit=dev` runs the prepare script once the dependencies are in.
  const prepare = spawnSync('npm', ['run', 'prepare'], {
    cwd: copy,
    env: npmEnvironment(),
    encoding: 'utf8',
    timeout: START_TIMEOUT_MS,
  });
  assert.equal(prepare.status, 0, `npm run prepare failed: ${prepare.stderr}`);

  const start = npmStart(t, copy);
  await servedUrl(start);

  assert.match(
    start.stderr(),
    /src\/main\.ts changed after the last build, but the build tools \(typescript, esbuild\) are not installed: starting the existing bundle/,
  );
  assert.equal(identity(statSync(bundleFile(copy))), before);
});

test('a production install without a bundle says in one line why it cannot start', async (t) => {
  const copy = projectCopy(t, 'production');
  if (!copy) return;
  rmSync(join(copy, 'dist'), { recursive: true });

  const start = npmStart(t, copy);
  const code = await within(start.exited, START_TIMEOUT_MS, 'npm start to exit');

  assert.notEqual(code, 0);
  assert.match(
    start.stderr(),
    /^monsters: dist\/bundle\/monsters\.mjs is missing and cannot be built without the dev dependencies \(typescript, esbuild\): run `npm install` then `npm start`\.$/m,
  );
});
