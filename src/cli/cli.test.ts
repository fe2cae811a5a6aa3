import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCliInProcess as runInProcess } from '../../test/helpers/cli-in-process.js';
import { startServer, within } from '../../test/helpers/monsters-process.js';
import { SQLite } from '../db/sqlite-native.js';
import { PACKAGE_VERSION } from '../shared/project.js';

/*
 * Every command runs in this process through `runCli`, the bin's own entry,
 * with buffers for its streams. Two tests run the production bundle in a
 * process of its own, because what they check belongs to a process: a
 * server stopped by SIGTERM (the stop ends the process) and a cluster of
 * worker processes. The bin exits with what runCli returns: 0 here, 1 in
 * src/server/lifecycle.test.ts.
 */

/** Bounds a test that waits on a real process: past it, the test fails and its process group is killed. */
const REAL_PROCESS = { timeout: 120_000 };

const lines = (text: string) => text.trim().split('\n').filter(Boolean);

test('--version prints "monsters X.Y.Z"; --help lists the commands', async () => {
  const version = await runInProcess(['--version']);
  assert.equal(version.code, 0, version.stderr);
  assert.equal(version.stdout.trim(), `monsters ${PACKAGE_VERSION}`);

  const help = await runInProcess(['--help']);
  assert.equal(help.code, 0);
  for (const command of ['serve', 'db']) assert.match(help.stdout, new RegExp(`\\b${command}\\b`));
  const dbHelp = await runInProcess(['db', '--help']);
  for (const command of ['migrate', 'rollback', 'seed', 'reset'])
    assert.match(dbHelp.stdout, new RegExp(`\\b${command}\\b`));
});

test('usage and configuration errors exit with 2 and one line on stderr', async () => {
  const cases: { args: string[]; env?: Record<string, string>; pattern: RegExp }[] = [
    { args: ['frobnicate'], pattern: /unknown command/ },
    { args: ['db', 'migrate', '--colour'], pattern: /unknown option/ },
    {
      args: ['db', 'migrate'],
      env: { DATABASE_URL: 'mysql://root@localhost/db' },
      pattern: /unsupported DATABASE_URL/,
    },
    { args: ['serve', '--port', 'eighty'], pattern: /invalid port/ },
    { args: ['db', 'seed', '--count', 'lots'], pattern: /--count/ },
    {
      args: ['db', 'migrate'],
      env: { NODE_ENV: 'production', SECRET_KEY: '' },
      pattern: /SECRET_KEY/,
    },
    {
      args: ['db', 'migrate'],
      env: { NODE_ENV: 'production', DEBUG: '1' },
      pattern: /DEBUG=1 is refused with NODE_ENV=production/,
    },
  ];
  for (const { args, env, pattern } of cases) {
    const run = await runInProcess(args, { env: env ?? {} });
    assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
    assert.match(run.stderr, pattern);
    assert.equal(lines(run.stderr).length, 1, `one line for ${args.join(' ')}: ${run.stderr}`);
    assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
  }
});

test('db migrate, seed --count, rollback and reset work on a SQLite file', async () => {
  const cwd = mkdtempSync(join(tmpdir(), 'monsters-cli-'));
  const env = { DATABASE_URL: 'sqlite:///shop.db' };
  const count = () => {
    const db = new SQLite(join(cwd, 'shop.db'), { readonly: true });
    try {
      return (db.prepare('select count(*) as n from monsters').get() as { n: number }).n;
    } finally {
      db.close();
    }
  };

  const migrate = await runInProcess(['db', 'migrate'], { cwd, env });
  assert.equal(migrate.code, 0, migrate.stderr);
  assert.match(migrate.stdout, /applied 0001/);
  assert.match((await runInProcess(['db', 'migrate'], { cwd, env })).stdout, /already up to date/);

  const seed = await runInProcess(['db', 'seed', '--count', '1200'], { cwd, env });
  assert.equal(seed.code, 0, seed.stderr);
  assert.match(seed.stdout, /loaded \d+ demo monsters/);
  assert.match(seed.stderr, /100%\s+1200\/1200/, 'the progress bar reaches the end');
  const seeded = count();
  assert.ok(seeded >= 1225);

  const refused = await runInProcess(['db', 'reset'], { cwd, env });
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /--yes/);
  assert.equal(count(), seeded, 'db reset without --yes changes nothing');

  const inProduction = await runInProcess(['db', 'reset', '--yes'], {
    cwd,
    env: { ...env, NODE_ENV: 'production' },
  });
  assert.equal(inProduction.code, 2);
  assert.equal(count(), seeded);

  const reset = await runInProcess(['db', 'reset', '--yes'], { cwd, env });
  assert.equal(reset.code, 0, reset.stderr);
  assert.ok(count() < seeded && count() >= 25, 'back to the demo catalogue');

  const rollback = await runInProcess(['db', 'rollback', '--yes'], { cwd, env });
  assert.equal(rollback.code, 0, rollback.stderr);
  assert.match(rollback.stdout, /rolled back/);
});

test('user add reads the password from stdin, never argv; list and set-role manage roles', async () => {
  const cwd = mkdtempSync(join(tmpdir(), 'monsters-cli-'));
  const env = { DATABASE_URL: 'sqlite:///shop.db' };
  const added = await runInProcess(
    ['user', 'add', 'Admin@Example.com', '--admin', '--name', 'Ada'],
    {
      cwd,
      env,
      input: 'violet-gargoyle-moonlit-47\n',
    },
  );
  assert.equal(added.code, 0, added.stderr);
  assert.match(added.stdout, /created admin admin@example\.com/);

  const duplicate = await runInProcess(['user', 'add', 'admin@example.com'], {
    cwd,
    env,
    input: 'violet-gargoyle-moonlit-47\n',
  });
  assert.equal(duplicate.code, 1);
  assert.match(duplicate.stderr, /already exists/);

  const weak = await runInProcess(['user', 'add', 'weak@example.com'], {
    cwd,
    env,
    input: 'password\n',
  });
  assert.equal(weak.code, 2);
  assert.match(
    weak.stderr,
    /^monsters: password: This password is too easy to guess\. \S[^\n]*\n$/,
  );
  const short = await runInProcess(['user', 'add', 'short@example.com'], {
    cwd,
    env,
    input: 'Xy7!\n',
  });
  assert.equal(short.code, 2);
  assert.equal(short.stderr, 'monsters: password: Use at least 8 characters.\n');
  const noPassword = await runInProcess(['user', 'add', 'none@example.com'], {
    cwd,
    env,
    input: '',
  });
  assert.equal(noPassword.code, 2);

  await runInProcess(['user', 'add', 'bob@example.com'], {
    cwd,
    env,
    input: 'another-strong-passphrase-9\n',
  });
  const list = await runInProcess(['user', 'list'], { cwd, env });
  assert.equal(list.code, 0);
  assert.match(list.stdout, /admin@example\.com\s+Ada\s+admin/);
  assert.match(list.stdout, /bob@example\.com\s+bob\s+customer/);
  assert.doesNotMatch(list.stdout, /argon2|violet/);

  assert.equal(
    (await runInProcess(['user', 'set-role', 'BOB@example.com', 'admin'], { cwd, env })).code,
    0,
  );
  assert.match(
    (await runInProcess(['user', 'list'], { cwd, env })).stdout,
    /bob@example\.com\s+bob\s+admin/,
  );
  const badRole = await runInProcess(['user', 'set-role', 'bob@example.com', 'overlord'], {
    cwd,
    env,
  });
  assert.equal(badRole.code, 2);
  const unknown = await runInProcess(['user', 'set-role', 'ghost@example.com', 'admin'], {
    cwd,
    env,
  });
  assert.equal(unknown.code, 1);
  assert.equal(
    unknown.stderr,
    'monsters: error: There is no user with the e-mail address ghost@example.com.\n',
  );
});

test('a runtime failure exits with 1 and one readable line', async () => {
  const run = await runInProcess(['db', 'migrate'], {
    env: { DATABASE_URL: 'postgresql://nobody@127.0.0.1:1/none' },
  });
  assert.equal(run.code, 1, run.stderr);
  assert.equal(lines(run.stderr).length, 1, run.stderr);
  assert.match(run.stderr, /^monsters: /);
});

test(
  'serve prints its URL, logs JSON lines without secrets, and stops gracefully on SIGTERM',
  REAL_PROCESS,
  async (t) => {
    const server = await startServer(t, [], {
      env: { DATABASE_URL: 'sqlite:///data/halloween.db', LOG_LEVEL: 'trace' },
    });
    const { url } = server;
    const response = await fetch(`${url}/status`);
    assert.equal(await response.text(), 'The server is running!');

    // Register through the real forms, then look for any secret in the logs.
    const password = 'unlikely-Password-in-logs-8472';
    const form = await fetch(`${url}/register`, { headers: { accept: 'text/html' } });
    const csrfCookie = form.headers
      .getSetCookie()
      .map((cookie) => cookie.split(';')[0])
      .join('; ');
    const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
    const registered = await fetch(`${url}/register`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: csrfCookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: token, email: 'log@example.com', name: 'Log', password }),
    });
    assert.equal(registered.status, 303);
    const session = /session=([^;]+)/.exec(registered.headers.getSetCookie().join('\n'))?.[1] ?? '';
    assert.ok(session.length > 20);
    await fetch(`${url}/account?token=visible-in-query`, {
      headers: { cookie: `session=${session}` },
    });

    process.kill(server.pid, 'SIGTERM');
    const exit = await within(server.exited, 20_000, 'serve to stop');
    assert.deepEqual(exit, { code: 0, signal: null }, server.stderr());

    const stdout = server.stdout();
    const logLines = stdout.split('\n').filter((line) => line.startsWith('{'));
    assert.ok(logLines.length >= 4, 'structured JSON logs');
    const completed = logLines
      .map((line) => JSON.parse(line))
      .filter((entry) => entry.msg === 'request completed');
    // Lines leave without blocking the event loop (ADR 017): the stop still flushes the last one.
    assert.equal(completed.at(-1)?.path, '/account', 'the last request before SIGTERM is logged');
    assert.ok(
      completed.every((entry) => typeof entry.reqId === 'string' && entry.reqId.length > 0),
      'each carries a request id',
    );
    for (const secret of [password, session, token, 'visible-in-query']) {
      assert.ok(!stdout.includes(secret), `the logs never contain ${secret.slice(0, 8)}…`);
    }
  },
);

test(
  'serve --workers 2 runs a cluster sharing the port and stops it on SIGTERM',
  REAL_PROCESS,
  async (t) => {
    const server = await startServer(t, ['--workers', '2'], {
      env: { DATABASE_URL: 'sqlite:///data/halloween.db' },
    });
    assert.match(server.stdout(), /with 2 workers/);
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        fetch(`${server.url}/status`, { headers: { connection: 'close' } }).then((r) => r.text()),
      ),
    );
    assert.ok(answers.every((text) => text === 'The server is running!'));

    process.kill(server.pid, 'SIGTERM');
    const exit = await within(server.exited, 20_000, 'the cluster to stop');
    assert.deepEqual(exit, { code: 0, signal: null }, server.stderr());
  },
);
