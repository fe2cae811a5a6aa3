import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { test } from 'node:test';
import { TestClient } from '../../test/helpers/http-client.js';
import { buildTestApp } from '../../test/helpers/test-app.js';

const PASSWORD = 'moonlit-gargoyle-violet-83';

/** Every line the app wrote, as one text to search. */
function allLines(logs: { lines: Record<string, unknown>[] }): string {
  return logs.lines.map((line) => JSON.stringify(line)).join('\n');
}

test('no password and no cookie value (session, CSRF) reaches the logs, at the most verbose level', async (t) => {
  const { app, logs } = await buildTestApp(t, 'sqlite', { logLevel: 'trace' });
  const shopper = new TestClient(app);

  const registered = await shopper.submit('/register', '/register', {
    email: 'logs@shop.test',
    name: 'Logs',
    password: PASSWORD,
  });
  assert.equal(registered.statusCode, 303);
  const signedOut = await shopper.submit('/account', '/logout', {});
  assert.equal(signedOut.statusCode, 303);
  const refused = await app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { email: 'logs@shop.test', password: `${PASSWORD}-wrong` },
  });
  assert.equal(refused.statusCode, 401);
  const signedIn = await shopper.submit('/login', '/login', {
    email: 'logs@shop.test',
    password: PASSWORD,
  });
  assert.equal(signedIn.statusCode, 303);
  const account = await shopper.get('/account');
  assert.equal(account.statusCode, 200);

  const text = allLines(logs);
  assert.match(text, /request completed/, 'the requests were logged');
  assert.doesNotMatch(text, new RegExp(PASSWORD));
  for (const [name, value] of shopper.cookies) {
    assert.ok(value.length >= 16, `${name} is a secret worth looking for`);
    assert.ok(!text.includes(value), `the value of the ${name} cookie is in the logs`);
  }
});

test('a credential handed to the logger by mistake is redacted, under every key that could hold one', async (t) => {
  const { app, logs } = await buildTestApp(t, 'sqlite', { logLevel: 'info' });
  const secrets = {
    password: 'top-level-password',
    err: Object.assign(new Error('sign-in failed'), {
      password: 'error-password',
      rawPacket: Buffer.from('Cookie: sid=raw-secret'),
    }),
    body: { email: 'a@b.test', password: 'body-password' },
    req: { headers: { cookie: 'sid=cookie-secret', authorization: 'Bearer bearer-secret' } },
    res: { headers: { 'set-cookie': 'sid=set-cookie-secret' } },
  };
  app.log.info(secrets, 'everything at once');

  const line = JSON.stringify(logs.lines.find((entry) => entry.msg === 'everything at once'));
  for (const secret of [
    'top-level',
    'error-password',
    'body-password',
    'cookie-secret',
    'bearer',
  ]) {
    assert.ok(!line.includes(secret), `${secret} is in ${line}`);
  }
  assert.match(line, /"rawPacket":"\[redacted\]"/);
  assert.match(line, /sign-in failed/, 'the error itself is still there');
});

/** Sends `head` as is over a new connection; resolves with the answer once the server closes it. */
function rawExchange(port: number, head: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => socket.write(head));
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
    });
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

test('a request Node cannot parse is logged without its bytes: its cookies stay out of the logs', async (t) => {
  const { app, logs } = await buildTestApp(t, 'sqlite', { logLevel: 'trace' });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as { port: number };
  const cookie = 'session=cookie-value-that-must-not-be-logged';

  const badHeader = await rawExchange(
    port,
    `GET /account HTTP/1.1\r\nHost: x\r\nCookie: ${cookie}\r\nX-Bad: a\u0001b\r\n\r\n`,
  );
  assert.match(badHeader, /^HTTP\/1\.1 400 /);
  const tooLong = await rawExchange(
    port,
    `GET /search?q=${'a'.repeat(17_000)} HTTP/1.1\r\nHost: x\r\nCookie: ${cookie}\r\n\r\n`,
  );
  assert.match(tooLong, /^HTTP\/1\.1 431 /);

  const text = allLines(logs);
  assert.match(text, /client error/, 'both refusals were logged');
  assert.ok(!text.includes('cookie-value'), 'a cookie value is in the logs');
  // rawPacket's bytes, as JSON numbers: "GET /account" begins with 71,69,84,32,47.
  assert.ok(!text.includes('71,69,84,32,47'), 'the raw request is in the logs');
});
