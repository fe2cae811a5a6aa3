import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { test } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { serializeConsent } from '../../src/plugins/consent/consent-state.js';
import { testEngines } from '../helpers/databases.js';
import { urlencoded } from '../helpers/fuzz-inputs.js';
import { csrfTokenIn, STRONG_PASSWORD, TestClient } from '../helpers/http-client.js';
import { createTestUser, signInAs } from '../helpers/sign-in.js';
import { buildTestApp } from '../helpers/test-app.js';

/**
 * A NUL character (U+0000) is no part of any value this app accepts, and
 * PostgreSQL refuses it in text (`invalid byte sequence for encoding "UTF8":
 * 0x00`): wherever a request carries one, the answer is the same clear 4xx on
 * both engines, naming the field, and never reaches a query.
 */

const CUSTOMER = 'nul@example.com';
/** The admin routes answer only administrators: anyone else is turned away before any value is read. */
const ADMIN = 'nul-admin@example.com';
const NUL = '\u0000';

interface FormCase {
  readonly page: string;
  readonly action: string;
  readonly fields: Record<string, string>;
  /** The field holding the NUL: the answer must name it. */
  readonly field: string;
  readonly signedIn?: boolean;
}

const FORMS: readonly FormCase[] = [
  {
    page: '/login',
    action: '/login',
    fields: { email: `a${NUL}b@example.com`, password: 'x' },
    field: 'email',
  },
  {
    page: '/login',
    action: '/login',
    fields: { email: CUSTOMER, password: NUL },
    field: 'password',
  },
  {
    page: '/login',
    action: '/login',
    fields: { email: CUSTOMER, password: 'x', next: `/${NUL}` },
    field: 'next',
  },
  {
    page: '/register',
    action: '/register',
    fields: { email: `${NUL}@example.com`, name: 'N', password: STRONG_PASSWORD },
    field: 'email',
  },
  {
    page: '/register',
    action: '/register',
    fields: { email: 'new@example.com', name: `a${NUL}b`, password: STRONG_PASSWORD },
    field: 'name',
  },
  {
    page: '/register',
    action: '/register',
    fields: { email: 'new2@example.com', name: 'N', password: `${STRONG_PASSWORD}${NUL}` },
    field: 'password',
  },
  {
    page: '/cart',
    action: '/checkout',
    fields: { checkout_token: NUL },
    field: 'checkout_token',
    signedIn: true,
  },
  {
    page: '/cart',
    action: '/cart/items',
    fields: { monster_id: `1${NUL}`, quantity: '1' },
    field: 'monster_id',
  },
  {
    page: '/cart',
    action: '/cart/items',
    fields: { monster_id: '1', quantity: '1', next: `/cart${NUL}` },
    field: 'next',
  },
  { page: '/', action: '/search', fields: { q: `bete${NUL}` }, field: 'q' },
  { page: '/', action: '/whois', fields: { name: `a${NUL}b` }, field: 'name' },
  {
    page: '/privacy',
    action: '/consent',
    fields: { choice: 'custom', statistics: NUL },
    field: 'statistics',
  },
  { page: '/', action: '/lang', fields: { lang: `fr${NUL}` }, field: 'lang' },
  {
    page: '/account',
    action: '/account/sessions/end',
    fields: { session: NUL },
    field: 'session',
    signedIn: true,
  },
  // A field no form has: nobody reads it, but it is refused all the same.
  {
    page: '/account',
    action: '/account/sessions/end-others',
    fields: { [`extra${NUL}`]: 'x' },
    field: 'extra\ufffd',
    signedIn: true,
  },
];

/** JSON bodies, at the top level and nested, on the API and on a form route (forms read JSON objects too). */
const JSON_BODIES: readonly {
  method: 'POST' | 'PATCH';
  url: string;
  body: string;
  field: string;
  admin?: boolean;
}[] = [
  {
    method: 'POST',
    url: '/api/session',
    body: '{"email":"a\\u0000b@example.com","password":"x"}',
    field: 'email',
  },
  {
    method: 'POST',
    url: '/api/session',
    body: `{"email":"${CUSTOMER}","password":"\\u0000"}`,
    field: 'password',
  },
  { method: 'POST', url: '/login', body: '{"email":"\\u0000","password":"x"}', field: 'email' },
  {
    method: 'PATCH',
    url: '/api/monsters/2',
    body: '{"name":"Nyarlathotep","tags":[{"label":"a\\u0000"}]}',
    field: 'tags.0.label',
    admin: true,
  },
];

/** Query strings: the value a handler would read. */
const QUERIES: readonly [string, string][] = [
  ['/search?q=bete%00', 'q'],
  ['/login?next=%2F%00', 'next'],
  ['/whois?name=a%00b', 'name'],
  ['/monsters?category=cosmic%00', 'category'],
  ['/api/monsters?q=%00', 'q'],
  ['/admin/monsters?q=%00', 'q'],
];

/** Path parameters: no address holds a NUL, so these name nothing (404), nor does an unknown page. */
const PATHS: readonly string[] = [
  '/hello/a%00b',
  '/monsters/cosmic%00/1',
  '/monsters/1%00',
  '/orders/1%00',
  '/api/monsters/1%00',
  '/static/css/app.css%00',
  '/uploads/%00',
  '/no-such-page?q=%00',
];

/** Cookies a browser sends back percent-encoded: a NUL in one is an absent or empty cookie, never an error. */
const COOKIES: readonly string[] = [
  'session=%00',
  `session=${'a'.repeat(20)}%00${'b'.repeat(22)}`,
  'lang=fr%00',
  'consent=%00',
  'recently_viewed=1.2%00',
  'visitor=%00',
];

async function appWithCustomer(
  t: Parameters<typeof buildTestApp>[0],
  engine: 'sqlite' | 'postgres',
) {
  const { app } = await buildTestApp(t, engine);
  await createTestUser(app.database.db, { email: CUSTOMER, name: 'Nul' });
  await createTestUser(app.database.db, { email: ADMIN, name: 'Nul admin', role: 'admin' });
  return app;
}

async function signedInClient(
  app: FastifyInstance,
  email = CUSTOMER,
  headers?: Record<string, string>,
): Promise<TestClient> {
  const client = new TestClient(app, headers);
  await signInAs(app, client, email);
  return client;
}

/** A 400 problem naming `field`, with a message that says what is wrong. */
function assertRefused(response: LightMyRequestResponse, field: string, label: string): void {
  assert.equal(response.statusCode, 400, `${label}: ${response.body.slice(0, 300)}`);
  assert.match(String(response.headers['content-type']), /^application\/problem\+json/, label);
  const problem = response.json() as { errors?: Record<string, string> };
  assert.match(problem.errors?.[field] ?? '', /NUL/, `${label}: ${response.body}`);
  assert.ok(response.headers['content-security-policy'], `${label}: security headers`);
}

for (const engine of testEngines()) {
  test(`a NUL in any form field is a 400 naming the field on ${engine}`, async (t) => {
    const app = await appWithCustomer(t, engine);
    const customer = await signedInClient(app);
    for (const form of FORMS) {
      const client = form.signedIn ? customer : new TestClient(app);
      const token = csrfTokenIn((await client.get(form.page)).body);
      const response = await client.request({
        method: 'POST',
        url: form.action,
        headers: {
          accept: 'application/json',
          'content-type': 'application/x-www-form-urlencoded',
        },
        payload: urlencoded({ _csrf: token, ...form.fields }),
      });
      assertRefused(response, form.field, `${form.action} ${form.field}`);
    }
    const users = await app.database.db.selectFrom('users').select('email').execute();
    assert.deepEqual(
      users.map((user) => user.email).sort(),
      [CUSTOMER, ADMIN].sort(),
      'no account was created',
    );
  });

  test(`a browser that sends a NUL gets the branded 400 page in plain words on ${engine}`, async (t) => {
    const app = await appWithCustomer(t, engine);
    const response = await new TestClient(app).submit('/login', '/login', {
      email: `a${NUL}b@example.com`,
      password: 'x',
    });
    assert.equal(response.statusCode, 400);
    assert.match(String(response.headers['content-type']), /^text\/html/);
    assert.match(response.body, /<h1 id="error-title">This form could not be read<\/h1>/);
    assert.match(response.body, /<a href="\/">Back to the home page<\/a>/);
    assert.ok(!response.body.includes(NUL), 'the page never echoes the NUL');
  });

  test(`a NUL anywhere in a JSON body is a 400 naming its path on ${engine}`, async (t) => {
    const app = await appWithCustomer(t, engine);
    const visitor = new TestClient(app, { accept: 'application/json' });
    const admin = await signedInClient(app, ADMIN, { accept: 'application/json' });
    for (const { method, url, body, field, admin: asAdmin } of JSON_BODIES) {
      const client = asAdmin ? admin : visitor;
      const token = (await client.get('/api/session')).json().csrf_token as string;
      const response = await client.request({
        method,
        url,
        payload: body,
        headers: { 'content-type': 'application/json', 'x-csrf-token': token },
      });
      assertRefused(response, field, `${method} ${url} ${field}`);
    }
  });

  test(`a NUL in a query string is a 400 naming the parameter on ${engine}`, async (t) => {
    const app = await appWithCustomer(t, engine);
    const admin = await signedInClient(app, ADMIN);
    for (const [url, field] of QUERIES) {
      const client = url.startsWith('/admin/') ? admin : new TestClient(app);
      const response = await client.get(url, { accept: 'application/json' });
      assertRefused(response, field, url);
    }
  });

  test(`a NUL in a path is a 404 on ${engine}`, async (t) => {
    const app = await appWithCustomer(t, engine);
    const customer = await signedInClient(app);
    for (const url of PATHS) {
      for (const accept of ['text/html', 'application/json']) {
        const response = await customer.get(url, { accept });
        assert.equal(
          response.statusCode,
          404,
          `${url} (${accept}): ${response.body.slice(0, 200)}`,
        );
        assert.ok(!response.body.includes(NUL), `${url}: the answer never echoes the NUL`);
      }
    }
  });

  test(`a NUL in a cookie counts as no cookie, never an error, on ${engine}`, async (t) => {
    const app = await appWithCustomer(t, engine);
    // Both optional categories accepted, so the recently_viewed and visitor cookies are read.
    const consented = `consent=${encodeURIComponent(serializeConsent({ preferences: true, statistics: true }))}`;
    for (const cookie of COOKIES) {
      for (const [url, status] of [
        ['/', 200],
        ['/monsters/cosmic/1', 200],
        ['/cart', 200],
        ['/account', 303],
      ] as const) {
        const response = await app.inject({
          url,
          headers: {
            accept: 'text/html',
            cookie: cookie.startsWith('consent=') ? cookie : `${consented}; ${cookie}`,
          },
        });
        assert.equal(
          response.statusCode,
          status,
          `${url} with ${cookie}: ${response.body.slice(0, 200)}`,
        );
      }
    }
  });
}

/** Node's parser refuses a NUL in any header (User-Agent, Cookie…): the app's branded 400, before any hook. */
test('a NUL in a request header is refused by the HTTP parser with the security headers', async (t) => {
  const { app } = await buildTestApp(t, 'sqlite');
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as { port: number };
  for (const header of [
    `User-Agent: a${NUL}b`,
    `Cookie: session=a${NUL}b`,
    `Accept-Language: fr${NUL}`,
  ]) {
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port }, () => {
        socket.end(`GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n${header}\r\n\r\n`);
      });
      let received = '';
      socket.setEncoding('latin1');
      socket.on('data', (chunk: string) => {
        received += chunk;
      });
      socket.on('close', () => resolve(received));
      socket.on('error', reject);
    });
    assert.match(answer, /^HTTP\/1\.1 400 /, JSON.stringify(header));
    assert.match(answer, /content-security-policy: /i, JSON.stringify(header));
  }
});
