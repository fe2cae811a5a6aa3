import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { csrfTokenIn, STRONG_PASSWORD, TestClient } from '../../test/helpers/http-client.js';
import { answerSeenBy } from '../../test/helpers/refused-forms.js';
import { createTestUser, signedInClient } from '../../test/helpers/sign-in.js';
import {
  buildTestApp,
  failOnErrorLogs,
  LogCollector,
  testConfig,
} from '../../test/helpers/test-app.js';
import type { SessionStoreKind } from '../config/config.js';
import { openDatabase } from '../db/connection.js';
import { buildApp } from '../server/build-app.js';

const CTHULHU = '1';
const STORES: SessionStoreKind[] = ['database', 'cookie'];

async function newUser(app: FastifyInstance, email: string): Promise<void> {
  await createTestUser(app.database.db, { email });
}

async function signedIn(app: FastifyInstance, email: string): Promise<TestClient> {
  return (await signedInClient(app, { email })).client;
}

const cookieHeader = (cookies: ReadonlyMap<string, string>, names: readonly string[]) =>
  names.map((name) => `${name}=${cookies.get(name) ?? ''}`).join('; ');

async function cartOf(app: FastifyInstance, victim: TestClient, sessionName = 'session') {
  const response = await app.inject({
    url: '/api/cart',
    headers: { cookie: cookieHeader(victim.cookies, [sessionName]) },
  });
  return response.json() as { count: number };
}

/** A form post carrying the victim's session cookie but the attacker's CSRF cookie and token. */
function tossedFormPost(
  app: FastifyInstance,
  cookie: string,
  token: string,
  fields: Record<string, string>,
) {
  return app.inject({
    method: 'POST',
    url: '/cart/items',
    headers: {
      accept: 'text/html',
      cookie,
      'content-type': 'application/x-www-form-urlencoded',
    },
    payload: new URLSearchParams({ _csrf: token, ...fields }).toString(),
  });
}

/**
 * What the browser shows after a form refused on a POST-only URL: the 303
 * is followed with the cookies it set (Post/Redirect/Get), and the page's
 * status returned.
 */
async function statusSeenAfter(
  app: FastifyInstance,
  response: LightMyRequestResponse,
  cookie: string,
): Promise<number> {
  if (response.statusCode !== 303) return response.statusCode;
  const jar = new Map(cookie.split('; ').map((pair) => pair.split('=', 2) as [string, string]));
  for (const { name, value } of response.cookies as { name: string; value: string }[]) {
    jar.set(name, value);
  }
  const page = await app.inject({
    url: String(response.headers.location),
    headers: { accept: 'text/html', cookie: [...jar].map((pair) => pair.join('=')).join('; ') },
  });
  return page.statusCode;
}

for (const store of STORES) {
  test(`cookie tossing: the victim's session with the attacker's CSRF cookie and token is refused (${store} store)`, async (t) => {
    const { app } = await buildTestApp(t, 'sqlite', { sessionStore: store });
    const victim = await signedIn(app, 'victim@csrf.test');

    // The attacker's own material: anonymous, and from the attacker's own signed-in session.
    const anonymous = new TestClient(app);
    const anonymousToken = csrfTokenIn((await anonymous.get('/login')).body);
    const attacker = await signedIn(app, 'attacker@csrf.test');
    const attackerToken = csrfTokenIn((await attacker.get('/cart')).body);

    for (const [who, client, token] of [
      ['anonymous', anonymous, anonymousToken],
      ['signed-in attacker', attacker, attackerToken],
    ] as const) {
      const cookie = `${cookieHeader(victim.cookies, ['session'])}; _csrf=${client.cookies.get('_csrf')}`;
      const forged = await tossedFormPost(app, cookie, token, {
        monster_id: CTHULHU,
        quantity: '1',
      });
      const seen = await statusSeenAfter(app, forged, cookie);
      assert.equal(seen, 403, `${who}: ${forged.statusCode} then ${seen}`);
    }
    assert.equal((await cartOf(app, victim)).count, 0, "nothing reached the victim's cart");

    const { csrf_token: apiToken } = (
      await app.inject({
        url: '/api/session',
        headers: { cookie: cookieHeader(attacker.cookies, ['session', '_csrf']) },
      })
    ).json();
    const forgedApi = await app.inject({
      method: 'DELETE',
      url: '/api/session',
      headers: {
        cookie: `${cookieHeader(victim.cookies, ['session'])}; _csrf=${attacker.cookies.get('_csrf')}`,
        origin: 'http://evil.example',
        'x-csrf-token': apiToken,
      },
    });
    assert.equal(forgedApi.statusCode, 403);

    const own = await victim.submit('/cart', '/cart/items', { monster_id: CTHULHU, quantity: '1' });
    assert.equal(own.statusCode, 303, "the victim's own form still works");
    assert.equal((await cartOf(app, victim)).count, 1);
  });
}

test('sign-in binds tokens to the new session: the next page works, a page from before is refused', async (t) => {
  const { app } = await buildTestApp(t, 'sqlite');
  await newUser(app, 'flow@csrf.test');
  const client = new TestClient(app);
  const before = csrfTokenIn((await client.get('/monsters')).body);
  assert.equal(
    (await client.post('/cart/items', { _csrf: before, monster_id: CTHULHU })).statusCode,
    303,
  );
  assert.equal(
    (await client.post('/cart/items', { _csrf: before, monster_id: CTHULHU })).statusCode,
    303,
    'an anonymous cart session keeps the tokens of pages rendered before it existed',
  );
  const signIn = await client.submit('/login?next=/cart', '/login', {
    email: 'flow@csrf.test',
    password: STRONG_PASSWORD,
    next: '/cart',
  });
  assert.equal(signIn.headers.location, '/cart');
  const next = await client.submit('/cart', '/cart/items', { monster_id: CTHULHU, quantity: '1' });
  assert.equal(next.statusCode, 303, 'forms of the page after sign-in work');
  const stale = await answerSeenBy(
    client,
    await client.post('/cart/items', { _csrf: before, monster_id: CTHULHU }),
    ['/cart'],
  );
  assert.equal(stale.statusCode, 403, 'a token from before sign-in belongs to another session');
  assert.match(stale.body, /This page had expired \(you may have been signed out\)/);
});

test('in production the CSRF cookie is __Host-csrf; a tossed plain _csrf cookie is ignored', async (t) => {
  const { app } = await buildTestApp(t, 'sqlite', { production: true });
  await newUser(app, 'prod@csrf.test');
  const client = new TestClient(app);
  const login = await client.get('/login');
  const setCookie = ([] as string[]).concat(login.headers['set-cookie'] ?? []);
  const csrfCookie = setCookie.find((cookie) => cookie.startsWith('__Host-csrf='));
  assert.ok(csrfCookie, setCookie.join(' | '));
  assert.match(csrfCookie, /; Secure/);
  assert.match(csrfCookie, /; Path=\//);
  assert.match(csrfCookie, /; HttpOnly/);
  assert.doesNotMatch(csrfCookie, /Domain=/i);
  assert.ok(!setCookie.some((cookie) => cookie.startsWith('_csrf=')));

  const signIn = await client.post('/login', {
    _csrf: csrfTokenIn(login.body),
    email: 'prod@csrf.test',
    password: STRONG_PASSWORD,
  });
  assert.equal(signIn.statusCode, 303, 'forms work in production');
  const add = await client.submit('/cart', '/cart/items', { monster_id: CTHULHU });
  assert.equal(add.statusCode, 303);

  // A sibling subdomain can set a plain `_csrf` cookie, never a `__Host-` one.
  const attacker = new TestClient(app);
  const attackerToken = csrfTokenIn((await attacker.get('/login')).body);
  const cookie = `${cookieHeader(client.cookies, ['__Host-session'])}; _csrf=${attacker.cookies.get('__Host-csrf')}`;
  const tossed = await tossedFormPost(app, cookie, attackerToken, { monster_id: CTHULHU });
  assert.equal(await statusSeenAfter(app, tossed, cookie), 403);
  assert.equal((await cartOf(app, client, '__Host-session')).count, 1);
});

test('a form rendered before a key rotation is accepted after it', async (t) => {
  const { app, database, config } = await buildTestApp(t, 'sqlite');
  const client = new TestClient(app);
  const token = csrfTokenIn((await client.get('/monsters')).body);

  const handle = openDatabase(database.config);
  const logs = new LogCollector();
  const rotated = await buildApp(
    testConfig(database.config, {
      dataDir: config.dataDir,
      secretKeys: ['a-brand-new-key-of-at-least-32-bytes-long', ...config.secretKeys],
    }),
    { database: handle, logStream: logs },
  );
  t.after(async () => {
    await rotated.close();
    await handle.close();
  });
  failOnErrorLogs(t, logs);
  const response = await rotated.inject({
    method: 'POST',
    url: '/cart/items',
    headers: {
      accept: 'text/html',
      cookie: cookieHeader(client.cookies, ['_csrf']),
      'content-type': 'application/x-www-form-urlencoded',
    },
    payload: new URLSearchParams({ _csrf: token, monster_id: CTHULHU }).toString(),
  });
  assert.equal(response.statusCode, 303);
});

test('an API write without its token says what an API client must send, in its language; a form still says to reload', async (t) => {
  const { app } = await buildTestApp(t, 'sqlite');
  const { client } = await signedInClient(
    app,
    { email: 'api-client@csrf.test' },
    { accept: 'application/json' },
  );
  const expected = {
    en: /send the csrf_token of GET \/api\/session in an X-CSRF-Token header/,
    fr: /envoyer le csrf_token de GET \/api\/session dans un en-tête X-CSRF-Token/,
  };
  for (const [lang, wording] of Object.entries(expected)) {
    const refused = await client.request({
      method: 'POST',
      url: '/api/cart/items',
      headers: { 'accept-language': lang, 'content-type': 'application/json' },
      payload: JSON.stringify({ monster_id: Number(CTHULHU), quantity: 1 }),
    });
    assert.equal(refused.statusCode, 403, lang);
    const problem = refused.json();
    assert.equal(problem.code, 'http.csrf');
    assert.match(problem.detail, wording, lang);
    assert.doesNotMatch(problem.detail, /form|formulaire|reload|rechargez/i, lang);
  }
  assert.equal((await cartOf(app, client)).count, 0, 'nothing was added');

  const sent = await client.request({
    method: 'POST',
    url: '/cart/items',
    headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ monster_id: CTHULHU }).toString(),
  });
  const form = await answerSeenBy(client, sent, ['/cart']);
  assert.equal(form.statusCode, 403);
  assert.match(form.body, /so nothing was done\. Try again\./);
});
