import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type TestContext, test } from 'node:test';
import { RawConnection } from '../../test/helpers/raw-connection.js';
import { buildTestApp, type TestApp } from '../../test/helpers/test-app.js';
import { ConfigError, loadConfig, type OverloadConfig } from '../config/config.js';

const HTML = { Accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8' };
const JSON_ACCEPT = { Accept: 'application/json' };

/** The app with the overload guard on and the test's own routes, listening on a loopback port. */
async function guardedServer(
  t: TestContext,
  overload: OverloadConfig,
  addRoutes: (app: TestApp['app']) => void,
): Promise<TestApp & { readonly port: number }> {
  const testApp = await buildTestApp(t, 'sqlite', { overload });
  addRoutes(testApp.app);
  return { ...testApp, port: await listen(testApp) };
}

async function listen({ app }: TestApp): Promise<number> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  assert.ok(address && typeof address === 'object');
  return address.port;
}

/** Connections the server has already accepted (each answered one request), closed when the test ends. */
async function openConnections(t: TestContext, port: number, count: number) {
  const connections: RawConnection[] = [];
  for (let index = 0; index < count; index += 1) {
    const connection = await RawConnection.open(port);
    t.after(() => connection.close());
    assert.equal((await connection.send('/status')).status, 200);
    connections.push(connection);
  }
  return connections;
}

/** A route whose requests stay open until the test lets them go. */
function heldRoute() {
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const state = {
    entered: 0,
    release: () => release(),
    register(app: TestApp['app']) {
      // Let go on close too, so a failing test does not leave the app waiting on them.
      app.addHook('preClose', (done) => {
        release();
        done();
      });
      app.get('/test/hold', async () => {
        state.entered += 1;
        await released;
        return 'held';
      });
    },
  };
  return state;
}

async function until(condition: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 1_000 && !condition(); attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  assert.ok(condition(), 'condition never met');
}

function assertOverloadWarnings({ logs }: TestApp): void {
  const warnings = logs.lines.filter((line) => line.msg === 'overloaded');
  assert.ok(warnings.length > 0, 'each overload 503 is logged');
  for (const line of warnings) {
    assert.equal(line.level, 40, 'as a warning');
    assert.equal(line.err, undefined, 'without a stack');
  }
}

test('overload: requests that waited behind a long turn of the event loop get a fast 503 with Retry-After; /status still answers', async (t) => {
  const server = await guardedServer(
    t,
    {
      maxInFlight: 100,
      maxQueued: 100,
      maxWaitMs: 200,
      turnBudgetMs: 5,
      retryAfterSeconds: 5,
    },
    (app) =>
      // A request hogging the only thread past the longest wait: whatever the
      // machine's speed, the requests read after it have waited too long.
      app.get('/test/stall', async () => {
        const entered = performance.now();
        while (performance.now() - entered < 400) {
          // busy
        }
        return 'stalled';
      }),
  );
  const [stall, page, api, status] = await openConnections(t, server.port, 4);

  // Written in one go: the server reads them in one turn, the stall first.
  const answers = await Promise.all([
    stall?.send('/test/stall'),
    page?.send('/monsters/cosmic/1', HTML),
    api?.send('/api/monsters/1', JSON_ACCEPT),
    status?.send('/status'),
  ]);
  const [stalled, pageAnswer, apiAnswer, statusAnswer] = answers;
  assert.equal(stalled?.status, 200);
  assert.equal(pageAnswer?.status, 503);
  assert.equal(pageAnswer?.headers['retry-after'], '5');
  assert.match(pageAnswer?.headers['content-type'] ?? '', /^text\/html/);
  assert.match(pageAnswer?.body ?? '', /Service unavailable/);
  assert.equal(apiAnswer?.status, 503);
  assert.equal(apiAnswer?.headers['retry-after'], '5');
  assert.match(apiAnswer?.headers['content-type'] ?? '', /^application\/problem\+json/);
  assert.equal(JSON.parse(apiAnswer?.body ?? '{}').status, 503);
  assert.equal(statusAnswer?.status, 200, 'health checks never wait in line');
  assert.equal(statusAnswer?.body, 'The server is running!');

  const again = await page?.send('/monsters/cosmic/1', HTML);
  assert.equal(again?.status, 200, 'served again once the loop is free');
  assertOverloadWarnings(server);
});

test('overload: past maxInFlight requests wait their turn; a full queue answers 503 at once', async (t) => {
  const hold = heldRoute();
  const server = await guardedServer(
    t,
    {
      maxInFlight: 2,
      maxQueued: 1,
      maxWaitMs: 600_000,
      turnBudgetMs: 1_000,
      retryAfterSeconds: 7,
    },
    hold.register,
  );
  const [first, second, queued, refused, status] = await openConnections(t, server.port, 5);

  const held = [first?.send('/test/hold'), second?.send('/test/hold')];
  await until(() => hold.entered === 2);
  const waitingPage = queued?.send('/monsters/cosmic/1', HTML);
  const refusal = await refused?.send('/api/monsters/1', JSON_ACCEPT);
  assert.equal(refusal?.status, 503);
  assert.equal(refusal?.headers['retry-after'], '7');
  assert.equal((await status?.send('/status'))?.status, 200, '/status is answered meanwhile');
  assert.equal(hold.entered, 2, 'the queued request has not started');

  hold.release();
  assert.deepEqual(
    (await Promise.all(held)).map((answer) => answer?.body),
    ['held', 'held'],
  );
  assert.equal((await waitingPage)?.status, 200, 'the queued request is served in its turn');
  assertOverloadWarnings(server);
});

test('overload: a request that cannot start within maxWaitMs gets a 503 even while nothing finishes', async (t) => {
  const hold = heldRoute();
  const server = await guardedServer(
    t,
    {
      maxInFlight: 1,
      maxQueued: 10,
      maxWaitMs: 100,
      turnBudgetMs: 1_000,
      retryAfterSeconds: 5,
    },
    hold.register,
  );
  const [first, second] = await openConnections(t, server.port, 2);

  const held = first?.send('/test/hold');
  await until(() => hold.entered === 1);
  // The only slot stays taken (as by a database that hangs): the timer answers.
  const answer = await second?.send('/monsters/cosmic/1', HTML);
  assert.equal(answer?.status, 503);
  assert.equal(answer?.headers['retry-after'], '5');
  assert.match(answer?.body ?? '', /Service unavailable/);

  hold.release();
  assert.equal((await held)?.body, 'held');
  assertOverloadWarnings(server);
});

/**
 * A connection that sends a request's head announcing a body, and none of
 * the body yet. The caller destroys it before the test ends: closing the
 * app waits for requests in progress.
 */
function announceBody(port: number, path: string, length: number): Socket {
  const socket = connect({ host: '127.0.0.1', port });
  socket.write(
    `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
      `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${length}\r\n\r\n`,
  );
  return socket;
}

function answerOn(socket: Socket): Promise<string> {
  return new Promise((resolve, reject) => {
    let received = '';
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      if (/\r\n\r\n[\s\S]*read$/.test(received)) resolve(received);
    });
    socket.once('error', reject);
    socket.once('close', () => resolve(received));
  });
}

test('overload: requests still waiting for their body hold no slot; each is admitted once read', {
  timeout: 60_000,
}, async (t) => {
  let announced = 0;
  const server = await guardedServer(
    t,
    {
      maxInFlight: 2,
      maxQueued: 10,
      maxWaitMs: 200,
      turnBudgetMs: 1_000,
      retryAfterSeconds: 5,
    },
    (app) => {
      app.post(
        '/test/form',
        {
          config: { csrf: false },
          // Runs after the guard's own onRequest hook: the guard has seen the request.
          onRequest: (_request, _reply, done) => {
            announced += 1;
            done();
          },
        },
        async () => 'read',
      );
    },
  );
  const [page] = await openConnections(t, server.port, 1);
  // As many as there are slots: idle clients, or slow ones, that never finish their body.
  const idle = [
    announceBody(server.port, '/test/form', 10),
    announceBody(server.port, '/test/form', 10),
  ];
  try {
    await until(() => announced === 2);

    const answer = await page?.send('/monsters/cosmic/1', HTML);
    assert.equal(answer?.status, 200, 'pages are served while bodies are awaited');

    const [first] = idle;
    const served = answerOn(first as Socket);
    first?.write('name=abcde');
    assert.match(await served, /^HTTP\/1\.1 200 [\s\S]*read$/, 'a body that arrives is served');
  } finally {
    for (const socket of idle) socket.destroy();
  }
});

test('the overload settings are read from the environment and checked', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'monsters-config-'));
  const env = { SECRET_KEY: 'k'.repeat(32) };
  const defaults = loadConfig({ env, cwd }).overload;
  assert.equal(defaults?.maxInFlight, 100);
  assert.equal(defaults?.maxWaitMs, 1_000);
  const tuned = loadConfig({
    env: { ...env, OVERLOAD_MAX_IN_FLIGHT: '8', OVERLOAD_MAX_WAIT_MS: '250' },
    cwd,
  }).overload;
  assert.equal(tuned?.maxInFlight, 8);
  assert.equal(tuned?.maxWaitMs, 250);
  for (const bad of ['0', '-1', 'lots', '1.5']) {
    assert.throws(
      () => loadConfig({ env: { ...env, OVERLOAD_MAX_WAIT_MS: bad }, cwd }),
      ConfigError,
    );
  }
});
