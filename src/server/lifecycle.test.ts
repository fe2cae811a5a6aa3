import assert from 'node:assert/strict';
import http from 'node:http';
import { connect, createServer, type Socket } from 'node:net';
import { test } from 'node:test';
import {
  type MonstersProcess,
  processGroup,
  runMonsters,
  startMonsters,
  startServer,
  waitUntil,
  within,
} from '../../test/helpers/monsters-process.js';

const SQLITE = { DATABASE_URL: 'sqlite:///data/halloween.db' };
/** Bounds each test: past it, the test fails and its process group is killed. */
const REAL_PROCESS = { timeout: 120_000 };
const lines = (text: string) => text.trim().split('\n').filter(Boolean);

interface HeldRequest {
  /** Resolves once the server has read the request head and waits for its body. */
  readonly received: Promise<void>;
  readonly sendBody: () => void;
  readonly response: Promise<{ readonly status: number; readonly body: string }>;
}

/**
 * `POST /whois` whose body is held back: with `Expect: 100-continue` the
 * server's "100 Continue" proves the request is in flight before the test
 * sends a signal, then the body completes it.
 */
function heldRequest(url: string, name: string): HeldRequest {
  const body = new URLSearchParams({ name }).toString();
  const request = http.request(`${url}/whois`, {
    method: 'POST',
    agent: new http.Agent({ keepAlive: true }),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'content-length': Buffer.byteLength(body),
      expect: '100-continue',
    },
  });
  const received = new Promise<void>((resolve, reject) => {
    request.once('continue', resolve);
    request.once('error', reject);
  });
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    request.once('error', reject);
    request.once('response', (answer) => {
      let text = '';
      answer.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      answer.once('error', reject);
      answer.once('end', () => resolve({ status: answer.statusCode ?? 0, body: text }));
    });
  });
  // Awaited later: a reset before then must fail the test there, not as an unhandled rejection.
  response.catch(() => {});
  request.flushHeaders();
  return { received, sendBody: () => request.end(body), response };
}

/** True once a new connection is refused or answered 503: the server stopped accepting. */
const refusesNewRequests = (url: string) =>
  fetch(`${url}/status`, {
    headers: { connection: 'close' },
    signal: AbortSignal.timeout(2_000),
  }).then(
    (answer) => answer.status === 503,
    (error: Error) => error.name !== 'TimeoutError',
  );

const shuttingDownCount = (server: MonstersProcess) =>
  (server.stdout().match(/"msg":"shutting down"/g) ?? []).length;

for (const workers of [1, 2]) {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    test(
      `${signal} to the process group of serve --workers ${workers}: the in-flight request finishes, exit code 0`,
      REAL_PROCESS,
      async (t) => {
        const server = await startServer(t, ['--workers', String(workers)], {
          env: { ...SQLITE, LOG_LEVEL: 'info' },
        });
        try {
          const held = heldRequest(server.url, 'Boo');
          await within(held.received, 15_000, '100 Continue');

          server.signalGroup(signal);
          await waitUntil(
            () => shuttingDownCount(server) === workers,
            15_000,
            'every worker to stop',
          );
          await waitUntil(
            () => refusesNewRequests(server.url),
            15_000,
            'new requests to be refused',
          );
          held.sendBody();

          const answer = await within(held.response, 15_000, 'the in-flight answer');
          assert.deepEqual(answer, { status: 200, body: 'Boo' });
          const exit = await within(server.exited, 20_000, 'the server to exit');
          assert.deepEqual(exit, { code: 0, signal: null });
          assert.equal(server.stderr(), '', 'nothing on stderr');
        } catch (error) {
          t.diagnostic(`stdout: ${server.stdout()}`);
          t.diagnostic(`stderr: ${server.stderr()}`);
          throw error;
        }
      },
    );
  }
}

/** A connection to `port` once it is open (its errors are the test's to ignore). */
function openConnection(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => resolve(socket));
    socket.once('error', reject);
    socket.on('error', () => {});
  });
}

for (const workers of [1, 2]) {
  test(
    `connections that sent no request, or half of one, do not hold the stop of serve --workers ${workers}: exit code 0`,
    REAL_PROCESS,
    async (t) => {
      const server = await startServer(t, ['--workers', String(workers)], {
        env: { ...SQLITE, LOG_LEVEL: 'info' },
      });
      const port = Number(new URL(server.url).port);
      // A browser's preconnect, and a request whose head is still arriving.
      const silent = await openConnection(port);
      const halfHead = await openConnection(port);
      halfHead.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Still-Typing: ');
      t.after(() => {
        silent.destroy();
        halfHead.destroy();
      });
      // Answered after the two were accepted: the server holds them by now.
      assert.equal((await fetch(`${server.url}/status`)).status, 200);

      server.signalGroup('SIGTERM');
      const exit = await within(server.exited, 20_000, 'the server to exit');
      assert.deepEqual(exit, { code: 0, signal: null }, server.stderr());
    },
  );
}

test(
  'a graceful stop writes every log line, even while the reader of its output lags behind',
  REAL_PROCESS,
  async (t) => {
    const server = await startServer(t, [], { env: { ...SQLITE, LOG_LEVEL: 'info' } });
    // A reader that stops reading: once the pipe is full, the server's writes wait for it.
    server.pauseStdout();
    // Long paths make long lines: together far more than the pipe and the reader hold.
    const paths = Array.from({ length: 200 }, (_, i) => `/lagging-${i}-${'x'.repeat(4000)}`);
    for (const path of paths) {
      const answer = await fetch(`${server.url}${path}`);
      assert.equal(answer.status, 404);
      await answer.arrayBuffer();
    }

    server.signalGroup('SIGTERM');
    await waitUntil(
      () =>
        fetch(`${server.url}/status`).then(
          () => false,
          () => true,
        ),
      20_000,
      'the server to stop listening',
    );
    server.resumeStdout();
    const exit = await within(server.exited, 20_000, 'the server to exit');
    assert.deepEqual(exit, { code: 0, signal: null }, server.stderr());

    const logged = lines(server.stdout())
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { msg?: string; path?: string })
      .filter((entry) => entry.msg === 'request completed' && entry.path?.startsWith('/lagging-'));
    assert.equal(logged.length, paths.length, 'one line per request, none lost at the stop');
  },
);

for (const workers of [1, 2]) {
  test(
    `a request still running when the stop of serve --workers ${workers} runs out of time: logged as cut, exit 1`,
    REAL_PROCESS,
    async (t) => {
      const server = await startServer(t, ['--workers', String(workers)], {
        env: { ...SQLITE, LOG_LEVEL: 'info' },
      });
      const held = heldRequest(server.url, 'never sent');
      await within(held.received, 15_000, '100 Continue');

      server.signalGroup('SIGTERM');
      const exit = await within(server.exited, 30_000, 'the server to give up on the request');
      assert.deepEqual(exit, { code: 1, signal: null }, server.stderr());
      assert.match(
        lines(server.stderr()).at(-1) ?? '',
        /^monsters: .*(did not stop|still running|ran out of time)/,
      );
      await assert.rejects(held.response, 'the unfinished request is cut');
      const cut = lines(server.stdout())
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { msg?: string; requests?: { path: string }[] })
        .find((entry) => entry.msg?.includes('ran out of time'));
      assert.deepEqual(
        cut?.requests?.map((request) => request.path),
        ['/whois'],
        'the request cut is logged',
      );
    },
  );
}

for (const workers of [1, 2]) {
  test(
    `serve --workers ${workers} on a port in use: one line on stderr, exit code 1`,
    REAL_PROCESS,
    async (t) => {
      const holder = createServer();
      await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
      t.after(() => holder.close());
      const address = holder.address();
      assert.ok(address && typeof address === 'object');

      const run = await runMonsters(
        t,
        ['serve', '--port', String(address.port), '--workers', String(workers)],
        { env: SQLITE },
      );
      assert.equal(run.code, 1, run.stderr);
      assert.equal(lines(run.stderr).length, 1, run.stderr);
      assert.match(run.stderr, new RegExp(`^monsters: .*127\\.0\\.0\\.1:${address.port}.*in use`));
    },
  );
}

const listeningPids = (server: MonstersProcess) =>
  lines(server.stdout())
    .filter((line) => line.includes('"msg":"listening on'))
    .map((line) => (JSON.parse(line) as { pid: number }).pid);

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

test('serve --workers 2 replaces a worker killed after serving, and gives up with exit 1 when workers keep dying', {
  timeout: 240_000,
}, async (t) => {
  const server = await startServer(t, ['--workers', '2'], {
    env: { ...SQLITE, LOG_LEVEL: 'info' },
  });
  const workersStarted = (count: number) => () => listeningPids(server).length >= count;
  await waitUntil(workersStarted(2), 15_000, 'two listening workers');
  const [first = 0] = listeningPids(server);
  process.kill(first, 'SIGKILL');
  await waitUntil(workersStarted(3), 15_000, 'a replacement worker');
  assert.match(server.stderr(), new RegExp(`worker ${first} .*starting a new one`));
  assert.equal((await fetch(`${server.url}/status`)).status, 200, 'still serving');

  // Keep killing the newest worker: the primary must stop restarting and fail.
  let exited = false;
  void server.exited.then(() => (exited = true));
  for (let kills = 1; kills <= 10 && !exited; kills += 1) {
    const pids = listeningPids(server);
    const newest = pids.at(-1) ?? 0;
    if (isRunning(newest)) process.kill(newest, 'SIGKILL');
    await waitUntil(
      () => exited || listeningPids(server).length > pids.length,
      15_000,
      'a replacement or the primary to exit',
    );
  }
  const exit = await within(server.exited, 20_000, 'the primary to give up');
  assert.equal(exit.code, 1, server.stderr());
  assert.match(lines(server.stderr()).at(-1) ?? '', /^monsters: .*workers keep (dying|crashing)/);
  const noWorkerLeft = () => !listeningPids(server).some(isRunning);
  await waitUntil(noWorkerLeft, 15_000, 'every worker to be gone');
});

test('serve --debug runs one watcher and one server; SIGINT to the group lets the in-flight request finish, exit 0', {
  ...REAL_PROCESS,
  skip: process.platform !== 'linux' && 'reads /proc',
}, async (t) => {
  const server = await startServer(t, ['--debug'], { env: SQLITE });
  assert.equal(processGroup(server.pid).length, 3, 'the bin, node --watch-path and the server');
  const held = heldRequest(server.url, 'Boo');
  await within(held.received, 15_000, '100 Continue');

  // The server gets SIGINT from the group and again from the watcher (twice: the bin forwards it too).
  server.signalGroup('SIGINT');
  await waitUntil(() => refusesNewRequests(server.url), 15_000, 'new requests to be refused');
  held.sendBody();

  assert.deepEqual(await within(held.response, 15_000, 'the in-flight answer'), {
    status: 200,
    body: 'Boo',
  });
  const exit = await within(server.exited, 20_000, 'the server to exit');
  assert.deepEqual(exit, { code: 0, signal: null }, server.stderr());
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  test(`${signal} to the process group while serve --workers 2 starts: nothing was in flight, exit code 0`, {
    ...REAL_PROCESS,
    skip: process.platform !== 'linux' && 'reads /proc',
  }, async (t) => {
    const server = startMonsters(t, ['serve', '--port', '0', '--workers', '2'], { env: SQLITE });
    // The workers exist but are still loading: the signal reaches them before they can ignore it.
    await waitUntil(() => processGroup(server.pid).length >= 3, 30_000, 'the two workers to start');
    server.signalGroup(signal);

    const exit = await within(server.exited, 20_000, 'the primary to exit');
    assert.deepEqual(exit, { code: 0, signal: null }, server.stderr());
    assert.equal(server.stderr(), '');
    assert.doesNotMatch(server.stdout(), /running on/, 'signalled before it served');
  });
}

test(
  'serve on a host name that does not exist: one readable line on stderr, exit code 1',
  REAL_PROCESS,
  async (t) => {
    for (const workers of ['1', '2']) {
      const run = await runMonsters(
        t,
        ['serve', '--host', 'not.a.host.invalid', '--port', '0', '--workers', workers],
        { env: SQLITE },
      );
      assert.equal(run.code, 1, run.stderr);
      assert.deepEqual(lines(run.stderr).length, 1, run.stderr);
      assert.match(run.stderr, /^monsters: error: cannot listen on not\.a\.host\.invalid:0: /);
      assert.doesNotMatch(run.stderr, /getaddrinfo|ENOTFOUND|EAI_AGAIN/);
    }
  },
);

test('SIGTERM to the primary alone while its workers start (systemd KillMode=mixed): exit code 0', {
  ...REAL_PROCESS,
  skip: process.platform !== 'linux' && 'reads /proc',
}, async (t) => {
  const server = startMonsters(t, ['serve', '--port', '0', '--workers', '2'], { env: SQLITE });
  await waitUntil(() => processGroup(server.pid).length >= 3, 30_000, 'the two workers to start');
  // Workers still loading cannot hear the primary's stop message yet: they must get it once started.
  process.kill(server.pid, 'SIGTERM');

  const exit = await within(server.exited, 20_000, 'the primary to exit');
  assert.deepEqual(exit, { code: 0, signal: null }, server.stderr());
  assert.equal(server.stderr(), '');
});
