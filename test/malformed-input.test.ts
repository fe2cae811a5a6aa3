import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { SessionUser } from '../src/plugins/sessions/session.js';
import { testEngines } from './helpers/databases.js';
import { UNTHROTTLED } from './helpers/fuzz-inputs.js';
import { TestClient } from './helpers/http-client.js';
import { answerSeenBy } from './helpers/refused-forms.js';
import { createTestUser, signIn } from './helpers/sign-in.js';
import { buildTestApp } from './helpers/test-app.js';

const NASTY = [
  '',
  '%00',
  '%ff%fe',
  '..%2F..%2Fetc%2Fpasswd',
  '<script>',
  "' OR 1=1 --",
  '1e9',
  '-1',
  '9'.repeat(40),
  '[]',
  '{}',
  'ñ'.repeat(300),
  '%E0%A4%A',
];

const GET_ROUTES = [
  '/monsters?page=X',
  '/monsters?per_page=X',
  '/monsters?sort=X&order=X',
  '/monsters?category=X',
  '/monsters/X',
  '/monsters/X/1',
  '/monsters/cosmic/X',
  '/search?q=X',
  '/search?q=X&page=X',
  '/api/monsters?q=X&page=X&per_page=X',
  '/api/monsters/X',
  '/hello/X',
  '/whois?name=X',
  '/orders/X',
  '/static/X',
  '/uploads/X',
  '/login?next=X',
  '/privacy?saved=X',
  '/admin/monsters?q=X&page=X',
  '/admin/monsters/X/edit',
];

/** Where a form refused on a POST-only URL is re-shown (Post/Redirect/Get), with its status. */
const REFUSAL_PAGES: readonly string[] = ['/cart', '/account', '/privacy'];

const ADMIN = 'fuzz@example.com';
const CUSTOMER = 'customer@example.com';

type Users = Readonly<Record<'admin' | 'customer', SessionUser>>;

async function createUsers(app: FastifyInstance): Promise<Users> {
  const { db } = app.database;
  return {
    admin: await createTestUser(db, { email: ADMIN, name: 'Fuzz', role: 'admin' }),
    customer: await createTestUser(db, { email: CUSTOMER, name: 'Fuzz' }),
  };
}

/** No input, however malformed, produces a 500. */
for (const engine of testEngines()) {
  test(`malformed URLs and queries never produce a 500 on ${engine}`, async (t) => {
    const { app } = await buildTestApp(t, engine);
    const users = await createUsers(app);
    const [admin] = await clientFor(app, users, 'admin');
    const cookie = [...admin.cookies].map(([name, value]) => `${name}=${value}`).join('; ');

    for (const route of GET_ROUTES) {
      for (const value of NASTY) {
        for (const accept of ['text/html', '*/*']) {
          const url = route.replaceAll('X', value);
          const response = await app.inject({ url, headers: { accept, cookie } });
          assert.ok(response.statusCode < 500, `${url} (${accept}) → ${response.statusCode}`);
        }
      }
    }
  });
}

/** Bodies a client can send whatever the form or the API expects. */
const BODIES: readonly [string, string][] = [
  ['application/json', '{"monster_id":'],
  ['application/json', '[1,2,3]'],
  ['application/json', 'null'],
  ['application/json', '{"monster_id":1e400,"quantity":1}'],
  ['application/json', '{"__proto__":{"admin":true},"monster_id":1,"quantity":1}'],
  ['application/json', '{"constructor":{"prototype":{"admin":true}}}'],
  ['application/x-www-form-urlencoded', 'monster_id=1&monster_id=2&quantity=%ff'],
  ['application/x-www-form-urlencoded', '%%%'],
  ['multipart/form-data; boundary=nope', '--nope\r\ngarbage'],
  ['multipart/form-data', '--x\r\n'],
  ['text/plain', 'hello'],
  ['application/xml', '<a/>'],
  ['', 'no content type'],
];

type Who = 'visitor' | 'customer' | 'admin';

/**
 * The exact answer to each body above, per route, with a valid CSRF token.
 * The JSON API reads JSON only (400 when broken or not an object, 415 for
 * anything else). Forms read urlencoded bodies and JSON objects alike (a
 * field sent twice is a 400); multipart is read by the admin forms only.
 * Prototype keys are refused by the JSON parser (400).
 */
const ANSWERS: readonly [string, string, Who, readonly number[]][] = [
  [
    'POST',
    '/api/cart/items',
    'customer',
    [400, 400, 400, 400, 400, 400, 415, 415, 415, 415, 415, 415, 415],
  ],
  [
    'PUT',
    '/api/cart/items/1',
    'customer',
    [400, 400, 400, 400, 400, 400, 415, 415, 415, 415, 415, 415, 415],
  ],
  [
    'POST',
    '/api/session',
    'visitor',
    [400, 400, 400, 400, 400, 400, 415, 415, 415, 415, 415, 415, 415],
  ],
  [
    'POST',
    '/api/checkout',
    'customer',
    [400, 400, 400, 400, 400, 400, 415, 415, 415, 415, 415, 415, 415],
  ],
  [
    'POST',
    '/api/monsters',
    'admin',
    [400, 400, 400, 400, 400, 400, 415, 415, 415, 415, 415, 415, 415],
  ],
  [
    'PATCH',
    '/api/monsters/1',
    'admin',
    [400, 400, 400, 400, 400, 400, 415, 415, 415, 415, 415, 415, 415],
  ],
  // {monster_id: Infinity} is no whole number, and `%%%` has no monster_id: the form is refused (400).
  [
    'POST',
    '/cart/items',
    'visitor',
    [400, 400, 400, 400, 400, 400, 400, 400, 415, 415, 415, 415, 415],
  ],
  [
    'POST',
    '/cart/items/666',
    'visitor',
    [400, 400, 400, 303, 400, 400, 400, 400, 415, 415, 415, 415, 415],
  ],
  // A body without the form's fields is refused by the form (400), before any password check.
  ['POST', '/login', 'visitor', [400, 400, 400, 400, 400, 400, 400, 400, 415, 415, 415, 415, 415]],
  [
    'POST',
    '/register',
    'visitor',
    [400, 400, 400, 400, 400, 400, 400, 400, 415, 415, 415, 415, 415],
  ],
  [
    'POST',
    '/consent',
    'visitor',
    [400, 400, 400, 400, 400, 400, 400, 400, 415, 415, 415, 415, 415],
  ],
  ['POST', '/search', 'visitor', [400, 400, 400, 303, 400, 400, 303, 303, 415, 415, 415, 415, 415]],
  ['POST', '/whois', 'visitor', [400, 400, 400, 200, 400, 400, 200, 200, 415, 415, 415, 415, 415]],
  ['POST', '/lang', 'visitor', [400, 400, 400, 400, 400, 400, 400, 400, 415, 415, 415, 415, 415]],
  // The customer's cart is empty: 400 whatever the token.
  [
    'POST',
    '/checkout',
    'customer',
    [400, 400, 400, 400, 400, 400, 400, 400, 415, 415, 415, 415, 415],
  ],
  [
    'POST',
    '/account/sessions/end',
    'customer',
    [400, 400, 400, 400, 400, 400, 400, 400, 415, 415, 415, 415, 415],
  ],
  // Reads no field: any form-shaped body signs the other sessions out.
  [
    'POST',
    '/account/sessions/end-others',
    'customer',
    [400, 303, 303, 303, 400, 400, 303, 303, 415, 415, 415, 415, 415],
  ],
  // The admin form comes back with its messages (400); a broken multipart body is a 400 too.
  [
    'POST',
    '/admin/monsters',
    'admin',
    [400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 415, 415, 415],
  ],
  [
    'POST',
    '/admin/monsters/1',
    'admin',
    [400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 415, 415, 415],
  ],
];

/** A client of the given kind, with the CSRF token it would send as `X-CSRF-Token`. */
async function clientFor(
  app: FastifyInstance,
  users: Users,
  who: Who,
): Promise<[TestClient, string]> {
  const client = new TestClient(app);
  if (who !== 'visitor') await signIn(app, client, users[who]);
  const session = await client.request({
    method: 'GET',
    url: '/api/session',
    headers: { accept: 'application/json' },
  });
  return [client, session.json().csrf_token];
}

for (const engine of testEngines()) {
  test(`malformed bodies with a valid CSRF token get their exact answer on ${engine}`, async (t) => {
    const { app } = await buildTestApp(t, engine, UNTHROTTLED);
    const users = await createUsers(app);
    const mismatches: string[] = [];
    for (const [method, url, who, statuses] of ANSWERS) {
      for (const [index, [type, payload]] of BODIES.entries()) {
        // A fresh client each time: no body changes what the next one meets.
        const [client, token] = await clientFor(app, users, who);
        const sent = await client.request({
          method: method as 'POST',
          url,
          payload,
          headers: {
            'x-csrf-token': token,
            accept: url.startsWith('/api/') ? 'application/json' : 'text/html',
            ...(type && { 'content-type': type }),
          },
        });
        const response = await answerSeenBy(client, sent, REFUSAL_PAGES);
        if (response.statusCode !== statuses[index]) {
          mismatches.push(
            `${method} ${url} (${who}) ${type} ${JSON.stringify(payload)}: expected ${statuses[index]}, got ${response.statusCode} ${response.body.slice(0, 120)}`,
          );
        }
      }
    }
    assert.deepEqual(mismatches, []);
  });
}
