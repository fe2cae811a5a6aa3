import assert from 'node:assert/strict';
import {
  appendFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { BUNDLE } from '../../test/helpers/cli-process.js';
import {
  type MonstersProcess,
  processGroup,
  runMonsters,
  startServer,
  waitUntil,
  within,
} from '../../test/helpers/monsters-process.js';
import { PROJECT_ROOT } from '../shared/project.js';

const SQLITE = { DATABASE_URL: 'sqlite:///data/halloween.db' };
/** Bounds each test: past it, the test fails and its process group is killed. */
const REAL_PROCESS = { timeout: 120_000, skip: process.platform !== 'linux' && 'reads /proc' };

/**
 * A copy of the built app in a folder of its own (its code copied, its
 * dependencies and static files linked): changing its code restarts only
 * the server under test, never another test's.
 */
function copyOfTheBuiltApp(): string {
  const root = mkdtempSync(join(tmpdir(), 'monsters-debug-'));
  const bundleDir = join(root, 'dist', 'bundle');
  mkdirSync(dirname(bundleDir), { recursive: true });
  cpSync(dirname(BUNDLE), bundleDir, { recursive: true });
  cpSync(join(PROJECT_ROOT, 'package.json'), join(root, 'package.json'));
  for (const shared of ['node_modules', 'static']) {
    symlinkSync(join(PROJECT_ROOT, shared), join(root, shared));
  }
  return join(bundleDir, 'monsters.mjs');
}

const runningOn = (server: MonstersProcess) => [
  ...server.stdout().matchAll(/running on (http:\/\/127\.0\.0\.1:\d+)/g),
];

const statusOf = async (url: string) => {
  const answer = await fetch(`${url}/status`, { signal: AbortSignal.timeout(5_000) });
  return { status: answer.status, body: await answer.text() };
};

test(
  'DEBUG=1 serves /status with one watcher, restarts after its code changes, stops on SIGINT',
  REAL_PROCESS,
  async (t) => {
    const entry = copyOfTheBuiltApp();
    const server = await startServer(t, [], {
      env: { ...SQLITE, DEBUG: '1' },
      entry,
    });
    try {
      assert.deepEqual(await statusOf(server.url), { status: 200, body: 'The server is running!' });
      const before = processGroup(server.pid);
      assert.equal(before.length, 3, 'the bin, node --watch-path and the server');

      appendFileSync(entry, '\n// changed\n');
      await waitUntil(() => runningOn(server).length >= 2, 30_000, 'the server to start again');
      const restartedUrl = runningOn(server).at(-1)?.[1] ?? '';
      assert.deepEqual(await statusOf(restartedUrl), {
        status: 200,
        body: 'The server is running!',
      });
      const after = processGroup(server.pid);
      assert.equal(after.length, 3, 'still the bin, the watcher and one server');
      const [restarted, ...others] = after.filter((pid) => !before.includes(pid));
      assert.ok(restarted !== undefined && others.length === 0, 'a new server process');

      // A build replaces the bundle's files by renaming new ones over them (scripts/bundle.mjs).
      const rebuilt = `${entry}.rebuilt.tmp`;
      writeFileSync(rebuilt, `${readFileSync(entry, 'utf8')}\n// rebuilt\n`);
      renameSync(rebuilt, entry);
      await waitUntil(() => runningOn(server).length >= 3, 30_000, 'a start after the rebuild');
      assert.equal((await statusOf(runningOn(server).at(-1)?.[1] ?? '')).status, 200);
      assert.equal(processGroup(server.pid).length, 3, 'one server after two restarts');

      server.signalGroup('SIGINT');
      const exit = await within(server.exited, 20_000, 'the server to exit');
      assert.deepEqual(exit, { code: 0, signal: null }, server.stderr());
    } catch (error) {
      t.diagnostic(`stdout: ${server.stdout()}`);
      t.diagnostic(`stderr: ${server.stderr()}`);
      throw error;
    }
  },
);

for (const [how, args, env] of [
  ['--debug', ['--debug'], {}],
  ['DEBUG=1', [], { DEBUG: '1' }],
] as const) {
  test(
    `serve ${how} with NODE_ENV=production: refused in one line, exit 2, no process left`,
    REAL_PROCESS,
    async (t) => {
      const run = await runMonsters(t, ['serve', '--port', '0', ...args], {
        env: { ...SQLITE, ...env, NODE_ENV: 'production' },
      });
      assert.equal(run.code, 2, run.stderr);
      const lines = run.stderr.trim().split('\n');
      assert.equal(lines.length, 1, run.stderr);
      assert.match(lines[0] ?? '', /^monsters: .*refused with NODE_ENV=production/);
      assert.equal(run.stdout, '');
    },
  );
}

test(
  'serve --debug on an address in use says so and exits 1 instead of waiting for a change',
  REAL_PROCESS,
  async (t) => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    t.after(() => taken.close());
    const { port } = taken.address() as AddressInfo;
    const run = await runMonsters(t, ['serve', '--debug', '--port', String(port)], {
      env: SQLITE,
      timeoutMs: 30_000,
    });
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /cannot listen on 127\.0\.0\.1:\d+: the address is already in use/);
  },
);
