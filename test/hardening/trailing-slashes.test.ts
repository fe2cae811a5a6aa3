import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildTestApp } from '../helpers/test-app.js';

/** A value for each route parameter, so the canonical path is one a visitor could ask for. */
const SAMPLE_PARAMS: Readonly<Record<string, string>> = {
  id: '1',
  category: 'cosmic',
  login: 'bob',
  monster_id: '1',
};

/**
 * Every GET route of the app, read from its router (`printRoutes`), with
 * sample parameters: `/api/orders/:id` → `/api/orders/1`.
 * Catch-all routes (`/static/*`) are left out: any path under them is theirs.
 */
function getRoutes(app: FastifyInstance): string[] {
  const tree = app.printRoutes({ method: 'GET', commonPrefix: false });
  const fragments: string[] = [];
  const routes: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^([│ ]*)[├└]── (\S+)(?: \(([A-Z, ]+)\))?$/u.exec(line);
    if (!match) continue;
    const depth = (match[1] ?? '').length / 4;
    fragments.length = depth;
    fragments.push(match[2] ?? '');
    if (match[3]?.split(', ').includes('GET')) routes.push(fragments.join(''));
  }
  return routes
    .filter((route) => !route.includes('*'))
    .map((route) =>
      route.replace(/:([a-z_]+)(?:\|:[a-z_]+)*/g, (_, name: string) => {
        const value = SAMPLE_PARAMS[name];
        assert.ok(value, `a sample value for :${name}`);
        return value;
      }),
    );
}

/** `/monsters` ↔ `/monsters/`: the spelling with the other trailing slash. */
function otherSpelling(path: string): string {
  return path.endsWith('/') ? path.slice(0, -1) : `${path}/`;
}

test('the trailing-slash spelling of every GET route redirects (308) to it, query kept', async (t) => {
  const { app } = await buildTestApp(t, 'sqlite');
  const routes = getRoutes(app);
  for (const expected of ['/monsters', '/api/monsters', '/monsters/1/1', '/hello/']) {
    assert.ok(routes.includes(expected), `${expected} is among the routes walked`);
  }
  // A route registered under both spellings (`/api/docs`, `/api/docs/`) is
  // canonical without the slash.
  const registered = new Set(routes);
  const canonicalRoutes = routes.filter(
    (route) => route !== '/' && !(route.endsWith('/') && registered.has(route.slice(0, -1))),
  );
  assert.ok(canonicalRoutes.length > 20, `${canonicalRoutes.length} routes walked`);
  const failures: string[] = [];
  for (const canonical of canonicalRoutes) {
    const query = '?page=2&q=b%C3%AAte&next=/x?y';
    for (const method of ['GET', 'HEAD'] as const) {
      for (const accept of ['text/html', 'application/json']) {
        const url = `${otherSpelling(canonical)}${query}`;
        const response = await app.inject({ method, url, headers: { accept } });
        const answer = `${response.statusCode} ${response.headers.location ?? ''}`;
        if (answer !== `308 ${canonical}${query}`) failures.push(`${method} ${url} → ${answer}`);
      }
    }
  }
  assert.deepEqual(failures, []);
});

test('a trailing slash on a write route redirects too, keeping the method (308)', async (t) => {
  const { app } = await buildTestApp(t, 'sqlite');
  for (const [method, url, canonical] of [
    ['POST', '/cart/items/', '/cart/items'],
    ['POST', '/api/monsters/', '/api/monsters'],
    ['POST', '/search/', '/search'],
  ] as const) {
    const response = await app.inject({ method, url, headers: { accept: 'application/json' } });
    assert.equal(response.statusCode, 308, `${method} ${url}: ${response.body}`);
    assert.equal(response.headers.location, canonical);
  }
  // A parameter left empty where no shorter route exists is still the route's own answer.
  const empty = await app.inject({ method: 'PUT', url: '/api/cart/items/' });
  assert.notEqual(empty.statusCode, 308);
  assert.ok(empty.statusCode >= 400 && empty.statusCode < 500, String(empty.statusCode));
});

test('an absolute-form request target never becomes a redirect to another host', async (t) => {
  const { app } = await buildTestApp(t, 'sqlite');
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  for (const target of [
    'http://evil.example/',
    'http://evil.example/monsters/',
    'https://evil.example/x/',
  ]) {
    const head = await rawRequestHead(
      port,
      `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`,
    );
    assert.doesNotMatch(head, /^location: .*evil/im, `${target} → ${head.split('\r\n', 1)[0]}`);
  }
});

/** The status line and headers the server answers to one raw request. */
function rawRequestHead(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    let received = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      received += chunk;
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(received.split('\r\n\r\n', 1)[0] ?? ''));
  });
}
