import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { signedInClient } from '../../test/helpers/sign-in.js';
import { buildTestApp } from '../../test/helpers/test-app.js';

const HTML = { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8' };

/** A value for each route parameter: the course's monster 666 and its category. */
const SAMPLE_PARAMS: Readonly<Record<string, string>> = {
  id: '666',
  monster_id: '666',
  category: 'curcubitaceous',
  login: 'ann',
};

/**
 * The GET routes of `app`, read from Fastify's route tree (`printRoutes`):
 * each line is `<indent>├── <segment> (<methods>)`, 4 columns per level,
 * and a route's path is its ancestors' segments joined.
 */
function getRoutePaths(app: FastifyInstance): string[] {
  const tree = app.printRoutes({ commonPrefix: false, method: 'GET' });
  const ancestors: string[] = [];
  const paths: string[] = [];
  for (const line of tree.split('\n')) {
    const marker = line.search(/[├└]── /);
    if (marker === -1) continue;
    const depth = marker / 4;
    const node = /^(.*?)(?: \(([A-Z, ]+)\))?$/.exec(line.slice(marker + 4));
    const segment = node?.[1] ?? '';
    ancestors.length = depth;
    ancestors.push(segment);
    if (node?.[2]?.split(', ').includes('GET')) paths.push(ancestors.join(''));
  }
  return paths;
}

/** A concrete URL for a route (`/monsters/:category/:id` → `/monsters/curcubitaceous/666`). */
function sampleUrl(route: string): string {
  return route.replace(/:(\w+)(\|:\w+)*/g, (_match, name: string) => SAMPLE_PARAMS[name] ?? '1');
}

test('every GET route redirects its other trailing-slash spelling to the canonical URL, query kept', async (t) => {
  const { app } = await buildTestApp(t, 'sqlite');
  await app.ready();
  const routes = getRoutePaths(app);
  // The tree was read: the catalogue, the API and the course's `/hello/` are all in it.
  for (const expected of ['/monsters', '/api/monsters/:id', '/hello/', '/orders/:id', '/status']) {
    assert.ok(routes.includes(expected), `${expected} in ${routes.join(' ')}`);
  }
  const walked: string[] = [];
  for (const route of routes) {
    // A catch-all (`/static/*`) serves files, not a route with two spellings.
    // The front page `/` has no other spelling.
    if (route.includes('*') || route === '/') continue;
    // `/api/docs/` is a second spelling served by the docs plugin: `/api/docs` is canonical.
    if (route.endsWith('/') && routes.includes(route.slice(0, -1))) continue;
    const canonical = sampleUrl(route);
    const variant = canonical.endsWith('/') ? canonical.slice(0, -1) : `${canonical}/`;
    for (const headers of [HTML, { accept: '*/*' }]) {
      const response = await app.inject({ url: `${variant}?probe=1&x=%C3%A9`, headers });
      assert.ok(
        response.statusCode === 301 || response.statusCode === 308,
        `${variant} answered ${response.statusCode}`,
      );
      assert.equal(response.headers.location, `${canonical}?probe=1&x=%C3%A9`, variant);
    }
    walked.push(variant);
  }
  assert.ok(walked.length >= 30, `walked only ${walked.join(' ')}`);
});

test('the catalogue and its API redirect their trailing slash, HEAD too', async (t) => {
  const { app } = await buildTestApp(t, 'sqlite');
  for (const [url, location] of [
    ['/monsters/', '/monsters'],
    ['/monsters/?sort=name&order=desc', '/monsters?sort=name&order=desc'],
    ['/api/monsters/', '/api/monsters'],
    ['/api/monsters/?per_page=5', '/api/monsters?per_page=5'],
    ['/monsters/curcubitaceous/666/', '/monsters/curcubitaceous/666'],
  ] as const) {
    for (const method of ['GET', 'HEAD'] as const) {
      const response = await app.inject({ method, url, headers: HTML });
      assert.equal(response.statusCode, 308, `${method} ${url}`);
      assert.equal(response.headers.location, location, `${method} ${url}`);
    }
  }
  const followed = await app.inject({ url: '/api/monsters', headers: HTML });
  assert.equal(followed.statusCode, 200);
  assert.equal(followed.json().page, 1);
});

test('/orders and /orders/ lead a customer to the order history on the account page', async (t) => {
  const { app } = await buildTestApp(t, 'sqlite');
  const { client } = await signedInClient(app, { email: 'orders@shop.test' });

  const withSlash = await client.get('/orders/?page=2');
  assert.equal(withSlash.statusCode, 308);
  assert.equal(withSlash.headers.location, '/orders?page=2');

  const bare = await client.get('/orders?page=2');
  assert.equal(bare.statusCode, 303);
  assert.equal(bare.headers.location, '/account?page=2#orders-title');

  const history = await client.get('/account');
  assert.equal(history.statusCode, 200);
  assert.match(history.body, /id="orders-title"/);

  // Signed out, the account page sends to the sign-in form, as it always does.
  const anonymous = await app.inject({ url: '/orders', headers: HTML });
  assert.equal(anonymous.statusCode, 303);
  assert.equal(anonymous.headers.location, '/account#orders-title');
});

test('static files and the course’s /hello/ keep their own spelling', async (t) => {
  const { app } = await buildTestApp(t, 'sqlite');
  const hello = await app.inject({ url: '/hello?x=1', headers: HTML });
  assert.equal(hello.statusCode, 308);
  assert.equal(hello.headers.location, '/hello/?x=1');
  assert.equal((await app.inject({ url: '/hello/', headers: HTML })).statusCode, 200);
  assert.equal((await app.inject('/static/css/app.css')).statusCode, 200);
  const folder = await app.inject({ url: '/static/css/', headers: HTML });
  assert.equal(folder.statusCode, 404);
  assert.equal((await app.inject({ url: '/static/css/app.css/' })).statusCode, 404);
});
