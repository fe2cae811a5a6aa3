import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type TestContext, test } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config/config.js';
import { parseHttpHead } from '../helpers/http-head.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

/** Short deadlines, so the test waits well under a second for each. */
const DEADLINES = { headersMs: 300, requestMs: 600, idleMs: 1_200 };
/** Far longer than any deadline above, even on a busy machine: a bound, not a measure. */
const PATIENCE_MS = 15_000;
/** A one-second wait between bytes, the pentester's trickle (one byte every 2 s) made faster. */
const TRICKLE_MS = 50;

interface Outcome {
  readonly status: number | undefined;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/**
 * Opens a connection, sends `head` and then `drip` every TRICKLE_MS (if
 * given), and resolves with whatever the server answered once it closed the
 * connection; rejects if the connection is still open after PATIENCE_MS.
 */
function sendSlowly(port: number, head: string, drip?: string): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    const dripping =
      drip === undefined ? undefined : setInterval(() => socket.write(drip), TRICKLE_MS);
    const patience = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the connection was still open after ${PATIENCE_MS} ms`));
    }, PATIENCE_MS);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    // The server may cut the connection while a drop is on its way.
    socket.on('error', () => {});
    socket.on('close', () => {
      clearInterval(dripping);
      clearTimeout(patience);
      resolve(parse(Buffer.concat(chunks)));
    });
    socket.write(head);
  });
}

/** What came back; a connection closed without an answer has no status. */
function parse(bytes: Buffer): Outcome {
  if (bytes.length === 0) return { status: undefined, headers: {}, body: '' };
  const head = parseHttpHead(bytes);
  if (head === undefined) return { status: Number.NaN, headers: {}, body: bytes.toString('utf8') };
  const { status, headers, bodyStart } = head;
  return { status, headers, body: bytes.subarray(bodyStart).toString('utf8') };
}

function assertTimedOut(outcome: Outcome, label: string): void {
  assert.equal(outcome.status, 408, `${label}: ${outcome.body.slice(0, 200)}`);
  assert.match(outcome.headers['content-type'] ?? '', /^application\/problem\+json/, label);
  assert.equal(JSON.parse(outcome.body).status, 408, label);
  assert.match(outcome.headers['content-security-policy'] ?? '', /default-src 'self'/, label);
  assert.equal(outcome.headers['x-content-type-options'], 'nosniff', label);
}

/** The app with short deadlines (and the test's own routes) listening on a loopback port. */
async function slowServer(t: TestContext, addRoutes: (app: TestApp['app']) => void = () => {}) {
  const testApp = await buildTestApp(t, 'sqlite', {
    requestDeadlines: DEADLINES,
    logLevel: 'info',
  });
  addRoutes(testApp.app);
  const baseUrl = await testApp.app.listen({ host: '127.0.0.1', port: 0 });
  return { ...testApp, port: Number(new URL(baseUrl).port) };
}

const FORM_HEAD = (length: number) =>
  'POST /whois HTTP/1.1\r\nHost: 127.0.0.1\r\n' +
  `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${length}\r\n\r\n`;

test('a body announced and never sent gets a 408 and the connection is closed', async (t) => {
  const { port, logs } = await slowServer(t);
  assertTimedOut(await sendSlowly(port, FORM_HEAD(10)), 'idle body');
  assert.ok(
    logs.lines.some((line) => line.msg === 'request not received within its deadline'),
    'the cut is logged',
  );
});

test('a body trickled byte by byte is cut at the request deadline', async (t) => {
  const { port } = await slowServer(t);
  assertTimedOut(await sendSlowly(port, `${FORM_HEAD(100_000)}name=`, 'a'), 'trickled body');
});

test('headers trickled line by line (slow loris) are cut at the headers deadline', async (t) => {
  const { port } = await slowServer(t);
  const outcome = await sendSlowly(port, 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n', 'X-Slow: 1\r\n');
  assertTimedOut(outcome, 'trickled headers');
});

test('a client that stops reading its answer is let go after the idle deadline', async (t) => {
  let closed = false;
  // Larger than every socket buffer between the two ends: most of it cannot be sent.
  const large = Buffer.alloc(64 * 1024 * 1024, 'x');
  const { port } = await slowServer(t, (app) =>
    app.get('/test/large', async (_request, reply) => {
      reply.raw.once('close', () => {
        closed = true;
      });
      return reply.type('text/plain').send(large);
    }),
  );
  const socket = connect({ host: '127.0.0.1', port });
  t.after(() => socket.destroy());
  // Read nothing: the server's writes stop making progress.
  socket.pause();
  socket.write('GET /test/large HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
  for (let waited = 0; !closed && waited < PATIENCE_MS; waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.ok(closed, 'the server let the stalled connection go');

  // What had reached the client's buffers is all it gets: the answer stops short.
  let received = 0;
  socket.on('data', (chunk: Buffer) => {
    received += chunk.length;
  });
  socket.on('error', () => {});
  await new Promise((resolve) => socket.once('close', resolve).resume());
  assert.ok(received < large.length, `${received} bytes of ${large.length} reached the client`);
  const status = await fetch(new URL('/status', `http://127.0.0.1:${port}`));
  assert.equal(status.status, 200);
});

test('REQUEST_TIMEOUT sets the deadlines and is checked', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'monsters-config-'));
  const env = { SECRET_KEY: 'k'.repeat(32) };
  assert.deepEqual(loadConfig({ env, cwd }).requestDeadlines, {
    headersMs: 10_000,
    requestMs: 30_000,
    idleMs: 60_000,
  });
  assert.deepEqual(loadConfig({ env: { ...env, REQUEST_TIMEOUT: '5' }, cwd }).requestDeadlines, {
    headersMs: 5_000,
    requestMs: 5_000,
    idleMs: 10_000,
  });
  assert.equal(
    loadConfig({ env: { ...env, REQUEST_TIMEOUT: '2m' }, cwd }).requestDeadlines.requestMs,
    120_000,
  );
  for (const bad of ['0', '-1', 'soon', '1.5s']) {
    assert.throws(() => loadConfig({ env: { ...env, REQUEST_TIMEOUT: bad }, cwd }), ConfigError);
  }
});
