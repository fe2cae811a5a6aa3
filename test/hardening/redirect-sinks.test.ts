import assert from 'node:assert/strict';
import { Agent, request as httpRequest } from 'node:http';
import { test } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { type Engine, testEngines } from '../helpers/databases.js';
import { csrfTokenIn, STRONG_PASSWORD, TestClient } from '../helpers/http-client.js';
import { createTestUser } from '../helpers/sign-in.js';
import { buildTestApp } from '../helpers/test-app.js';
import { RejectionWatch } from '../helpers/unhandled-rejections.js';

/**
 * Redirect targets Node would refuse in a `Location` header (a character
 * above U+00FF, a lone surrogate) or that are not printable ASCII. The app
 * must fall back to its default target, never crash or answer 500.
 */
const UNSAFE_NEXT = ['/€', '/caf\u00e9', '/\ud800', '/a b', '/tab\there'];

const EMAIL = 'renfield@asylum.uk';

interface Sink {
  readonly name: string;
  /** The page whose form posts to `action` (for its CSRF token). */
  readonly page: string;
  readonly action: string;
  readonly fields: Record<string, string>;
  readonly fallback: string;
  /** What a client asking for JSON gets instead of the redirect, when the route answers JSON. */
  readonly jsonStatus?: number;
}

const SINKS: Sink[] = [
  { name: 'language switch', page: '/', action: '/lang', fields: { lang: 'fr' }, fallback: '/' },
  {
    name: 'sign-in',
    page: '/login',
    action: '/login',
    fields: { email: EMAIL, password: STRONG_PASSWORD },
    fallback: '/account',
  },
  {
    name: 'cookie consent',
    page: '/privacy',
    action: '/consent',
    fields: { choice: 'reject' },
    fallback: '/',
    jsonStatus: 200,
  },
  {
    name: 'add to cart',
    page: '/cart',
    action: '/cart/items',
    fields: { monster_id: '1' },
    fallback: '/cart',
  },
];

const ACCEPTS = ['text/html', 'application/json'] as const;

async function appWithCustomer(t: Parameters<typeof buildTestApp>[0], engine: Engine) {
  const testApp = await buildTestApp(t, engine);
  await createTestUser(testApp.app.database.db, { email: EMAIL, name: 'Renfield' });
  return testApp;
}

/** A visitor who already holds a session cookie (something in the cart). */
async function visitorWithSession(app: FastifyInstance): Promise<TestClient> {
  const client = new TestClient(app);
  const added = await client.submit('/cart', '/cart/items', { monster_id: '2' });
  assert.equal(added.statusCode, 303);
  assert.ok(client.cookies.has('session'), 'the visitor holds a session cookie');
  return client;
}

function assertRedirectedTo(response: LightMyRequestResponse, expected: string, label: string) {
  assert.equal(response.statusCode, 303, `${label}: ${response.body.slice(0, 200)}`);
  assert.equal(response.headers.location, expected, label);
}

for (const engine of testEngines()) {
  test(`an unsafe next falls back to the default target on every redirect sink, and nothing crashes (${engine})`, async (t) => {
    const watch = new RejectionWatch(t);
    const { app } = await appWithCustomer(t, engine);
    for (const sink of SINKS) {
      for (const withSession of [false, true]) {
        for (const accept of ACCEPTS) {
          for (const next of UNSAFE_NEXT) {
            const label = `${sink.name}, ${withSession ? 'with' : 'without'} a session, ${accept}, next=${JSON.stringify(next)}`;
            const client = withSession ? await visitorWithSession(app) : new TestClient(app);
            const token = csrfTokenIn((await client.get(sink.page)).body);
            const response = await watch.answer(
              client.post(sink.action, { _csrf: token, ...sink.fields, next }, { accept }),
            );
            if (accept === 'application/json' && sink.jsonStatus) {
              assert.equal(response.statusCode, sink.jsonStatus, label);
            } else {
              assertRedirectedTo(response, sink.fallback, label);
            }
          }
        }
      }
    }
  });
}

test('a safe next is still honoured by every redirect sink', async (t) => {
  const { app } = await appWithCustomer(t, 'sqlite');
  for (const sink of SINKS) {
    const client = await visitorWithSession(app);
    const token = csrfTokenIn((await client.get(sink.page)).body);
    const next = '/monsters?sort=name&order=desc';
    const response = await client.post(sink.action, { _csrf: token, ...sink.fields, next });
    assertRedirectedTo(response, next, sink.name);
  }
});

test('the language switch survives a hostile next over real HTTP, with a session cookie', async (t) => {
  const watch = new RejectionWatch(t);
  // Registered before the app's own clean-up: a request left hanging must not keep it from closing.
  const agent = new Agent();
  t.after(() => agent.destroy());
  const { app } = await appWithCustomer(t, 'sqlite');
  const client = await visitorWithSession(app);
  const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  const body = new URLSearchParams({ lang: 'fr', next: '/€' }).toString();
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const answer = await watch.answer(
      new Promise<{ status: number; location: string | undefined }>((resolve, reject) => {
        const request = httpRequest(
          `${baseUrl}/lang`,
          {
            method: 'POST',
            agent,
            headers: {
              accept: 'text/html',
              'content-type': 'application/x-www-form-urlencoded',
              'content-length': Buffer.byteLength(body),
              cookie: `session=${client.cookies.get('session')}`,
            },
          },
          (response) => {
            response.resume();
            response.on('end', () =>
              resolve({ status: response.statusCode ?? 0, location: response.headers.location }),
            );
          },
        );
        request.on('error', reject);
        request.end(body);
      }),
    );
    assert.deepEqual(answer, { status: 303, location: '/' });
  }
  const status = await fetch(`${baseUrl}/status`);
  assert.equal(status.status, 200, 'the server is still up');
});

test('the trailing-slash and sign-in redirects only ever send printable ASCII', async (t) => {
  const watch = new RejectionWatch(t);
  const { app } = await buildTestApp(t, 'sqlite');
  const printable = /^[\x21-\x7e]+$/;
  for (const url of ['/monsters/%E2%82%AC/', '/monsters/caf%C3%A9/', '/account?x=%E2%82%AC']) {
    for (const accept of ACCEPTS) {
      const response = await watch.answer(app.inject({ url, headers: { accept } }));
      assert.ok(response.statusCode < 500, `${url}: ${response.statusCode}`);
      const location = response.headers.location;
      if (location !== undefined) assert.match(String(location), printable, url);
    }
  }
  // A search term that is not well-formed Unicode still redirects to the GET URL.
  const search = await watch.answer(
    app.inject({
      method: 'POST',
      url: '/search',
      headers: { 'content-type': 'application/json', accept: 'text/html' },
      payload: '{"q":"moon\\ud800"}',
    }),
  );
  assert.equal(search.statusCode, 303);
  assert.equal(search.headers.location, '/search?q=moon%EF%BF%BD');
});

test('an error page drops the headers the failed handler had set, and keeps the security headers', async (t) => {
  const watch = new RejectionWatch(t);
  const { app, logs } = await buildTestApp(t, 'sqlite', {}, { expectedErrors: /^request failed$/ });
  // Two handlers that fail half-way: after setting a cookie and a Location, and
  // after sending a Location Node refuses (a sink that forgot the check).
  app.get('/half-done', async (request, reply) => {
    await request.session();
    reply.setCookie('leftover', '1', request.cookieOptions());
    reply.header('Location', '/elsewhere').header('X-Half-Done', 'yes');
    throw new Error('failed after setting headers');
  });
  app.get('/bad-location', async (request, reply) => {
    (await request.session()).flash('info', 'kept');
    reply.setCookie('leftover', '1', request.cookieOptions());
    return reply.redirect('/€', 303);
  });
  const client = await visitorWithSession(app);
  for (const url of ['/half-done', '/bad-location']) {
    for (const accept of ACCEPTS) {
      const response = await watch.answer(client.get(url, { accept }));
      assert.equal(response.statusCode, 500, `${url} ${accept}`);
      assert.equal(response.headers.location, undefined, `${url}: no Location survives`);
      assert.equal(response.headers['x-half-done'], undefined, `${url}: no handler header`);
      const cookies = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
      assert.ok(!cookies.some((c) => c.startsWith('leftover=')), `${url}: no half-set cookie`);
      assert.match(String(response.headers['content-security-policy']), /default-src 'self'/);
      assert.equal(response.headers['x-content-type-options'], 'nosniff');
      assert.doesNotMatch(response.body, /ERR_INVALID_CHAR|failed after setting/);
    }
  }
  assert.ok(
    logs.lines.some((line) => line.msg === 'request failed'),
    'the failure is logged as a 500',
  );
  const account = await client.get('/cart');
  assert.equal(account.statusCode, 200, 'the visitor keeps a working session');
});
