import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildTestApp } from '../helpers/test-app.js';

interface RawAnswer {
  readonly status: number;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/**
 * Reads the answers arriving on one socket, in order: interim `100 Continue`
 * answers, then final answers with a Content-Length body.
 */
function answersOn(socket: Socket): { next: () => Promise<RawAnswer> } {
  let buffered = Buffer.alloc(0);
  const parsed: RawAnswer[] = [];
  const waiting: ((answer: RawAnswer) => void)[] = [];
  socket.on('data', (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    for (;;) {
      const headEnd = buffered.indexOf('\r\n\r\n');
      if (headEnd === -1) break;
      const [statusLine = '', ...lines] = buffered
        .subarray(0, headEnd)
        .toString('latin1')
        .split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      const length = Number(headers['content-length'] ?? 0);
      if (buffered.length < headEnd + 4 + length) break;
      const body = buffered.subarray(headEnd + 4, headEnd + 4 + length).toString('utf8');
      buffered = buffered.subarray(headEnd + 4 + length);
      const answer = { status: Number(statusLine.split(' ')[1]), headers, body };
      const waiter = waiting.shift();
      if (waiter) waiter(answer);
      else parsed.push(answer);
    }
  });
  return {
    next: () => {
      const ready = parsed.shift();
      if (ready) return Promise.resolve(ready);
      return new Promise((resolve, reject) => {
        waiting.push(resolve);
        socket.once('close', () => reject(new Error('the connection closed before the answer')));
      });
    },
  };
}

async function waitUntil(condition: () => boolean, what: string): Promise<void> {
  for (let attempt = 0; attempt < 500; attempt += 1) {
    if (condition()) return;
    await sleep(10);
  }
  throw new Error(`gave up waiting for ${what}`);
}

/**
 * A request that reaches the server while it stops (pipelined on a
 * connection whose request is still in flight) is refused like any other
 * error: the branded 503 with the security headers and Retry-After, and the
 * connection is closed; the request in flight still gets its answer.
 */
test('a request arriving while the server stops gets the branded 503', async (t) => {
  const { app } = await buildTestApp(t, 'sqlite');
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as { port: number };
  const socket = connect({ host: '127.0.0.1', port });
  t.after(() => socket.destroy());
  const answers = answersOn(socket);

  // A form post whose body is not sent yet: in flight until the stop has begun.
  socket.write(
    [
      'POST /whois HTTP/1.1',
      'Host: 127.0.0.1',
      'Content-Type: application/x-www-form-urlencoded',
      'Content-Length: 8',
      'Expect: 100-continue',
      '',
      '',
    ].join('\r\n'),
  );
  assert.equal((await answers.next()).status, 100, 'the server took the request');

  const closed = app.close();
  await waitUntil(() => !app.server.listening, 'the server to stop accepting');
  socket.write(
    ['name=Boo', 'GET /monsters HTTP/1.1', 'Host: 127.0.0.1', 'Accept: text/html', '', ''].join(
      '\r\n',
    ),
  );

  const inFlight = await answers.next();
  assert.deepEqual(
    [inFlight.status, inFlight.body],
    [200, 'Boo'],
    'the request in flight is served',
  );

  const late = await answers.next();
  assert.equal(late.status, 503, late.body.slice(0, 200));
  assert.match(late.headers['content-type'] ?? '', /^text\/html/);
  assert.match(late.body, /<html lang="en"/, 'the branded page');
  assert.match(late.headers['content-security-policy'] ?? '', /default-src 'self'/);
  assert.equal(late.headers['x-content-type-options'], 'nosniff');
  assert.match(late.headers['retry-after'] ?? '', /^\d+$/);
  assert.equal(late.headers.connection, 'close');
  await closed;
});
