import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { testEngines } from '../../../test/helpers/databases.js';
import { csrfTokenIn, STRONG_PASSWORD, TestClient } from '../../../test/helpers/http-client.js';
import { buildTestApp } from '../../../test/helpers/test-app.js';
import { CHROME_ON_LINUX, FIREFOX_ON_ANDROID } from '../../../test/helpers/user-agents.js';
import type { SessionStoreKind } from '../../config/config.js';
import { createUser, setRole } from './accounts.service.js';

const STORES: SessionStoreKind[] = ['database', 'cookie'];

async function register(client: TestClient, email: string, extra: Record<string, string> = {}) {
  return client.submit('/register', '/register', {
    email,
    name: 'Mina Harker',
    password: STRONG_PASSWORD,
    ...extra,
  });
}

async function signIn(
  client: TestClient,
  email: string,
  password = STRONG_PASSWORD,
  next?: string,
) {
  return client.submit('/login', '/login', { email, password, ...(next && { next }) });
}

async function whoAmI(app: FastifyInstance, cookie: string) {
  const response = await app.inject({ url: '/api/session', headers: { cookie } });
  return response.json().user as { email: string; role: string } | null;
}

const sessionCookie = (client: TestClient) => `session=${client.cookies.get('session') ?? ''}`;

for (const engine of testEngines()) {
  for (const store of STORES) {
    const on = `(${store} store, ${engine})`;

    test(`register signs in a customer with a hardened cookie, and the account page shows them ${on}`, async (t) => {
      const { app, database } = await buildTestApp(t, engine, { sessionStore: store });
      const client = new TestClient(app);
      const response = await register(client, ' Mina@Example.COM ', { role: 'admin' });
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, '/account');
      const cookie = ([] as string[])
        .concat(response.headers['set-cookie'] ?? [])
        .find((c) => c.startsWith('session='));
      assert.ok(cookie, 'a session cookie is set');
      assert.match(cookie, /HttpOnly/);
      assert.match(cookie, /SameSite=Lax/);
      assert.match(cookie, /Path=\//);

      const account = await client.get('/account');
      assert.equal(account.statusCode, 200);
      assert.match(
        account.body,
        /Welcome, Mina Harker! Your account is ready\./,
        'flash message after the redirect',
      );
      assert.match(account.body, /mina@example\.com/);
      assert.doesNotMatch(account.body, /Administrator/, 'a customer, whatever the form said');
      const again = await client.get('/account');
      assert.doesNotMatch(again.body, /Your account is ready/, 'a flash message shows once');

      const row = await database.handle.db
        .selectFrom('users')
        .selectAll()
        .executeTakeFirstOrThrow();
      assert.equal(row.email, 'mina@example.com');
      assert.equal(row.role, 'customer', 'role=admin in the form is ignored');
      assert.match(row.password_hash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      assert.ok(!row.password_hash.includes(STRONG_PASSWORD));
    });

    test(`a new session identity on sign-in, and a signed-out cookie replays as anonymous ${on}`, async (t) => {
      const { app } = await buildTestApp(t, engine, { sessionStore: store });
      await createUser(
        app.database.db,
        { email: 'van@helsing.nl', name: 'Van', password: STRONG_PASSWORD },
        'customer',
      );
      const client = new TestClient(app);

      await signIn(client, 'van@helsing.nl');
      const signedIn = sessionCookie(client);
      assert.equal((await whoAmI(app, signedIn))?.email, 'van@helsing.nl');

      const logout = await client.submit('/account', '/logout', {});
      assert.equal(logout.statusCode, 303);
      assert.equal(logout.headers.location, '/');
      const home = await client.get('/');
      assert.match(home.body, /You are signed out/);
      const anonymous = sessionCookie(client);
      assert.notEqual(anonymous, signedIn);
      assert.equal(await whoAmI(app, signedIn), null, 'replaying the old cookie is anonymous');
      const replay = await app.inject({
        url: '/account',
        headers: { cookie: signedIn, accept: 'text/html' },
      });
      assert.equal(replay.statusCode, 303);

      await signIn(client, 'van@helsing.nl');
      assert.notEqual(
        sessionCookie(client),
        anonymous,
        'the pre-sign-in identity is not reused (no fixation)',
      );
      assert.equal((await whoAmI(app, sessionCookie(client)))?.email, 'van@helsing.nl');
      assert.equal(await whoAmI(app, anonymous), null);
    });

    test(`a tampered, truncated or foreign cookie is just an anonymous visitor ${on}`, async (t) => {
      const { app } = await buildTestApp(t, engine, { sessionStore: store });
      await createUser(
        app.database.db,
        { email: 'lucy@westenra.uk', name: 'Lucy', password: STRONG_PASSWORD },
        'customer',
      );
      const client = new TestClient(app);
      await signIn(client, 'lucy@westenra.uk');
      const value = client.cookies.get('session') ?? '';
      const flipped = `${value.slice(0, 10)}${value[10] === 'A' ? 'B' : 'A'}${value.slice(11)}`;
      for (const forged of [flipped, value.slice(0, value.length - 5), 'x'.repeat(60), '%%%', '']) {
        for (const accept of ['text/html', 'application/json']) {
          const response = await app.inject({
            url: '/',
            headers: { cookie: `session=${forged}`, accept },
          });
          assert.equal(response.statusCode, 200, `${forged.slice(0, 12)}… as ${accept}`);
        }
        assert.equal(await whoAmI(app, `session=${forged}`), null);
      }
    });

    test(`"sign out everywhere else" ends the other sessions and keeps this one ${on}`, async (t) => {
      const { app } = await buildTestApp(t, engine, { sessionStore: store });
      await createUser(
        app.database.db,
        { email: 'jonathan@harker.uk', name: 'Jonathan', password: STRONG_PASSWORD },
        'customer',
      );
      const laptop = new TestClient(app, { accept: 'text/html', 'user-agent': CHROME_ON_LINUX });
      const phone = new TestClient(app, { accept: 'text/html', 'user-agent': FIREFOX_ON_ANDROID });
      await signIn(laptop, 'jonathan@harker.uk');
      await signIn(phone, 'jonathan@harker.uk');

      const account = await laptop.get('/account');
      if (store === 'database') {
        assert.match(account.body, /Firefox on Android/, 'the account page lists the other device');
        assert.match(account.body, /This device/);
      }
      const response = await laptop.submit('/account', '/account/sessions/end-others', {});
      assert.equal(response.statusCode, 303);
      assert.equal(await whoAmI(app, sessionCookie(phone)), null, 'the phone is signed out');
      assert.equal(
        (await whoAmI(app, sessionCookie(laptop)))?.email,
        'jonathan@harker.uk',
        'the laptop stays signed in',
      );
    });

    test(`CSRF: forms without a valid token and cross-site JSON writes get 403 and change nothing ${on}`, async (t) => {
      const { app, database } = await buildTestApp(t, engine, { sessionStore: store });
      await createUser(
        app.database.db,
        { email: 'renfield@asylum.uk', name: 'Renfield', password: STRONG_PASSWORD },
        'customer',
      );
      const client = new TestClient(app);

      const missing = await client.post('/register', {
        email: 'a@b.co',
        name: 'A',
        password: STRONG_PASSWORD,
      });
      assert.equal(missing.statusCode, 403);
      await client.get('/login');
      const wrong = await client.post('/login', {
        _csrf: 'forged-token',
        email: 'renfield@asylum.uk',
        password: STRONG_PASSWORD,
      });
      assert.equal(wrong.statusCode, 403);
      assert.equal(client.cookies.get('session'), undefined, 'no session was created');
      assert.equal((await database.handle.db.selectFrom('users').select('id').execute()).length, 1);

      await signIn(client, 'renfield@asylum.uk');
      const cookie = sessionCookie(client);
      const crossSite = await app.inject({
        method: 'DELETE',
        url: '/api/session',
        headers: { cookie, 'sec-fetch-site': 'cross-site' },
      });
      assert.equal(crossSite.statusCode, 403);
      const foreignOrigin = await app.inject({
        method: 'DELETE',
        url: '/api/session',
        headers: { cookie, origin: 'http://evil.example' },
      });
      assert.equal(foreignOrigin.statusCode, 403);
      assert.equal((await whoAmI(app, cookie))?.email, 'renfield@asylum.uk', 'still signed in');

      const sameOrigin = await app.inject({
        method: 'DELETE',
        url: '/api/session',
        headers: { cookie, 'sec-fetch-site': 'same-origin' },
      });
      assert.equal(sameOrigin.statusCode, 204);
      assert.equal(await whoAmI(app, cookie), null);
    });
  }

  test(`sign-in failures: same answer for unknown e-mail and wrong password, then 429 per account on ${engine}`, async (t) => {
    const { app } = await buildTestApp(t, engine, {
      throttle: {
        signInFailuresPerAccount: 2,
        signInAttemptsPerIp: 100,
        registrationsPerIp: 50,
        windowSeconds: 900,
      },
    });
    await createUser(
      app.database.db,
      { email: 'arthur@holmwood.uk', name: 'Arthur', password: STRONG_PASSWORD },
      'customer',
    );
    const client = new TestClient(app);

    const unknown = await signIn(client, 'nobody@holmwood.uk', 'whatever-password');
    const wrong = await signIn(client, 'arthur@holmwood.uk', 'whatever-password');
    assert.equal(unknown.statusCode, 401);
    assert.equal(wrong.statusCode, 401);
    const message = (body: string) => /class="form-error"[^>]*><p>([^<]+)</.exec(body)?.[1];
    assert.equal(message(unknown.body), 'Incorrect e-mail address or password.');
    assert.equal(message(wrong.body), message(unknown.body));
    assert.match(wrong.body, /value="arthur@holmwood\.uk"/, 'the e-mail is kept');
    assert.doesNotMatch(wrong.body, /whatever-password/, 'the password is never re-shown');

    const apiUnknown = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: 'nobody@x.io', password: 'nope-nope' },
    });
    const apiWrong = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: 'arthur@holmwood.uk', password: 'nope-nope' },
    });
    assert.equal(apiUnknown.statusCode, 401);
    assert.equal(apiUnknown.json().detail, apiWrong.json().detail);

    const blocked = await signIn(client, 'arthur@holmwood.uk');
    assert.equal(
      blocked.statusCode,
      429,
      'even the right password is refused once the account is throttled',
    );
    assert.ok(Number(blocked.headers['retry-after']) > 0);
    const apiBlocked = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: 'ARTHUR@holmwood.uk', password: STRONG_PASSWORD },
    });
    assert.equal(apiBlocked.statusCode, 429);
    assert.ok(apiBlocked.headers['retry-after']);
  });

  test(`a role change signs the user out everywhere on ${engine}`, async (t) => {
    const { app } = await buildTestApp(t, engine);
    await createUser(
      app.database.db,
      { email: 'quincey@morris.us', name: 'Quincey', password: STRONG_PASSWORD },
      'customer',
    );
    const client = new TestClient(app);
    await signIn(client, 'quincey@morris.us');
    const before = sessionCookie(client);
    const promoted = await setRole(app.database.db, 'Quincey@Morris.us', 'admin');
    assert.equal(promoted.role, 'admin');
    assert.equal(await whoAmI(app, before), null);
    await signIn(client, 'quincey@morris.us');
    assert.equal((await whoAmI(app, sessionCookie(client)))?.role, 'admin');
  });
}

test('sign-in attempts are throttled per IP with 429 and Retry-After', async (t) => {
  const { app } = await buildTestApp(t, 'sqlite', {
    throttle: {
      signInFailuresPerAccount: 100,
      signInAttemptsPerIp: 3,
      registrationsPerIp: 2,
      windowSeconds: 900,
    },
  });
  const attempt = () =>
    app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: 'x@y.zz', password: 'abcdefgh' },
    });
  for (let i = 0; i < 3; i += 1) assert.equal((await attempt()).statusCode, 401);
  const limited = await attempt();
  assert.equal(limited.statusCode, 429);
  assert.ok(Number(limited.headers['retry-after']) > 0);

  const client = new TestClient(app);
  for (let i = 0; i < 2; i += 1) {
    const response = await client.submit('/register', '/register', {
      email: `r${i}@x.io`,
      name: 'R',
      password: STRONG_PASSWORD,
    });
    assert.equal(response.statusCode, 303);
  }
  const tooMany = await client.submit('/register', '/register', {
    email: 'r9@x.io',
    name: 'R',
    password: STRONG_PASSWORD,
  });
  assert.equal(tooMany.statusCode, 429);
});

test('registration explains what is wrong, keeps what was typed, never the password', async (t) => {
  const { app } = await buildTestApp(t, 'sqlite');
  const client = new TestClient(app);
  const malformed = await client.submit('/register', '/register', {
    email: 'not-an-email',
    name: '',
    password: 'Xy7!',
  });
  assert.equal(malformed.statusCode, 400);
  assert.match(malformed.body, /Please correct the highlighted fields\./);
  assert.match(malformed.body, /Enter an e-mail address such as name@example\.com\./);
  assert.match(malformed.body, /This field is required\./);
  assert.match(malformed.body, /Use at least 8 characters\./);
  assert.match(malformed.body, /value="not-an-email"/);
  assert.match(
    malformed.body,
    /id="field-password"[^>]*aria-invalid="true"[^>]*aria-describedby="field-password-hint field-password-error"/,
  );
  assert.doesNotMatch(malformed.body, /Xy7!/);

  // The strength check, the costly step, judges a registration whose fields are all well formed.
  const weak = await client.submit('/register', '/register', {
    email: 'weak@x.io',
    name: 'Weak',
    password: 'password',
  });
  assert.equal(weak.statusCode, 422);
  assert.match(weak.body, /Choose a password that is harder to guess\./);
  assert.match(weak.body, /This password is too easy to guess\. This is a heavily used password\./);
  assert.match(weak.body, /value="weak@x\.io"/);
  assert.doesNotMatch(weak.body, /value="password"/);

  await client.submit('/register', '/register', {
    email: 'dup@x.io',
    name: 'First',
    password: STRONG_PASSWORD,
  });
  const other = new TestClient(app);
  const duplicate = await other.submit('/register', '/register', {
    email: 'DUP@x.io',
    name: 'Second',
    password: STRONG_PASSWORD,
  });
  assert.equal(duplicate.statusCode, 409);
  assert.match(duplicate.body, /already exists/);
});

test('bots filling the honeypot are refused', async (t) => {
  const { app, database } = await buildTestApp(t, 'sqlite');
  const client = new TestClient(app);
  const response = await client.submit('/register', '/register', {
    email: 'bot@x.io',
    name: 'Bot',
    password: STRONG_PASSWORD,
    website: 'http://spam',
  });
  assert.equal(response.statusCode, 400);
  assert.equal((await database.handle.db.selectFrom('users').select('id').execute()).length, 0);
});

test('next after sign-in accepts only same-site paths', async (t) => {
  const { app } = await buildTestApp(t, 'sqlite');
  await createUser(
    app.database.db,
    { email: 'seward@asylum.uk', name: 'Seward', password: STRONG_PASSWORD },
    'customer',
  );
  const cases: [string, string][] = [
    ['/cart', '/cart'],
    ['/monsters?sort=name', '/monsters?sort=name'],
    ['//evil.example/path', '/account'],
    ['https://evil.example', '/account'],
    ['/\\evil.example', '/account'],
    ['/ok\r\nSet-Cookie: x=1', '/account'],
    ['javascript:alert(1)', '/account'],
  ];
  for (const [next, expected] of cases) {
    const client = new TestClient(app);
    const response = await signIn(client, 'seward@asylum.uk', STRONG_PASSWORD, next);
    assert.equal(response.statusCode, 303, next);
    assert.equal(response.headers.location, expected, JSON.stringify(next));
  }
  const login = await app.inject({
    url: '/login?next=%2F%2Fevil.example',
    headers: { accept: 'text/html' },
  });
  assert.doesNotMatch(
    login.body,
    /name="next" value="\/\/evil/,
    'an unsafe next is not even carried in the form',
  );
});

test('the account page requires sign-in; the API speaks JSON and rejects unknown fields', async (t) => {
  const { app } = await buildTestApp(t, 'sqlite');
  const anonymous = await app.inject({ url: '/account', headers: { accept: 'text/html' } });
  assert.equal(anonymous.statusCode, 303);
  assert.equal(anonymous.headers.location, '/login?next=%2Faccount');

  await createUser(
    app.database.db,
    { email: 'api@user.io', name: 'Api', password: STRONG_PASSWORD },
    'customer',
  );
  const extra = await app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { email: 'api@user.io', password: STRONG_PASSWORD, role: 'admin' },
  });
  assert.equal(extra.statusCode, 400);
  assert.equal(extra.json().errors.role, 'This field is not allowed here.');
  const wrongType = await app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { email: 'api@user.io', password: 12345678 },
  });
  assert.equal(wrongType.statusCode, 400);
  const form = await app.inject({
    method: 'POST',
    url: '/api/session',
    payload: 'email=api@user.io',
    headers: { 'content-type': 'text/plain' },
  });
  assert.equal(form.statusCode, 415);

  const ok = await app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { email: 'api@user.io', password: STRONG_PASSWORD },
  });
  assert.equal(ok.statusCode, 200);
  assert.deepEqual(ok.json().user, { id: 1, email: 'api@user.io', name: 'Api', role: 'customer' });
  const cookie = ok.cookies.find((c) => c.name === 'session');
  assert.ok(cookie);
  const session = await app.inject({
    url: '/api/session',
    headers: { cookie: `session=${cookie.value}` },
  });
  assert.equal(session.json().user.email, 'api@user.io');
  assert.equal(typeof session.json().csrf_token, 'string');
});

test('in production the cookie is __Host-session with Secure', async (t) => {
  const { app } = await buildTestApp(t, 'sqlite', { production: true });
  await createUser(
    app.database.db,
    { email: 'prod@x.io', name: 'Prod', password: STRONG_PASSWORD },
    'customer',
  );
  const response = await app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { email: 'prod@x.io', password: STRONG_PASSWORD },
  });
  const cookie = ([] as string[])
    .concat(response.headers['set-cookie'] ?? [])
    .find((c) => c.startsWith('__Host-session='));
  assert.ok(cookie, String(response.headers['set-cookie']));
  assert.match(cookie, /; Secure/);
  assert.match(cookie, /Path=\//);
  assert.doesNotMatch(cookie, /Domain=/);
});

test('the CSRF token of a page works for the JSON API from another client', async (t) => {
  const { app } = await buildTestApp(t, 'sqlite');
  await createUser(
    app.database.db,
    { email: 'token@x.io', name: 'Token', password: STRONG_PASSWORD },
    'customer',
  );
  const client = new TestClient(app, { accept: 'application/json' });
  await client.request({
    method: 'POST',
    url: '/api/session',
    payload: { email: 'token@x.io', password: STRONG_PASSWORD },
  });
  const { csrf_token: token } = (await client.get('/api/session')).json();
  const withoutToken = await client.request({
    method: 'DELETE',
    url: '/api/session',
    headers: { origin: 'http://other.example' },
  });
  assert.equal(withoutToken.statusCode, 403);
  const withToken = await client.request({
    method: 'DELETE',
    url: '/api/session',
    headers: { origin: 'http://other.example', 'x-csrf-token': token },
  });
  assert.equal(withToken.statusCode, 204);
  assert.equal(csrfTokenIn('<input name="_csrf" value="abc">'), 'abc');
});
