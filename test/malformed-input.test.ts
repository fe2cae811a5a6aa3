import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createUser } from '../src/features/accounts/accounts.service.js';
import { testEngines } from './helpers/databases.js';
import { STRONG_PASSWORD, TestClient } from './helpers/http-client.js';
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

/** SPEC §8: no input, however malformed, produces a 500. */
for (const engine of testEngines()) {
  test(`malformed URLs, queries and bodies never produce a 500 on ${engine}`, async (t) => {
    const { app } = await buildTestApp(t, engine);
    await createUser(
      app.database.db,
      { email: 'fuzz@example.com', name: 'Fuzz', password: STRONG_PASSWORD },
      'admin',
      'en',
    );
    const admin = new TestClient(app);
    await admin.submit('/login', '/login', {
      email: 'fuzz@example.com',
      password: STRONG_PASSWORD,
    });
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

    const bodies: [string, string][] = [
      ['application/json', '{"monster_id":'],
      ['application/json', '[1,2,3]'],
      ['application/json', 'null'],
      ['application/json', '{"monster_id":1e400,"quantity":1}'],
      ['application/json', '{"__proto__":{"admin":true},"monster_id":1,"quantity":1}'],
      ['application/x-www-form-urlencoded', 'monster_id=1&monster_id=2&quantity=%ff'],
      ['application/x-www-form-urlencoded', '%%%'],
      ['multipart/form-data; boundary=nope', '--nope\r\ngarbage'],
      ['text/plain', 'hello'],
    ];
    const targets = [
      '/api/cart/items',
      '/api/session',
      '/api/checkout',
      '/api/monsters',
      '/cart/items',
      '/login',
      '/register',
      '/consent',
      '/search',
      '/whois',
      '/admin/monsters',
      '/lang',
    ];
    for (const url of targets) {
      for (const [type, payload] of bodies) {
        const response = await app.inject({
          method: 'POST',
          url,
          payload,
          headers: { 'content-type': type, cookie, 'sec-fetch-site': 'same-origin' },
        });
        assert.ok(
          response.statusCode < 500,
          `POST ${url} ${type} ${payload.slice(0, 20)} → ${response.statusCode} ${response.body.slice(0, 200)}`,
        );
      }
    }
  });
}
