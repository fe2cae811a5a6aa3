import assert from 'node:assert/strict';
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
    err: Object.assign(new Error('sign-in failed'), { password: 'error-password' }),
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
  assert.match(line, /\[redacted\]/);
  assert.match(line, /sign-in failed/, 'the error itself is still there');
});
