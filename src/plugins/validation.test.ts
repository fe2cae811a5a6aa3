import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildTestApp } from '../../test/helpers/test-app.js';

const JSON_ACCEPT = { accept: 'application/json' };

async function refusedFields(app: FastifyInstance, url: string): Promise<string[]> {
  const response = await app.inject({ url, headers: JSON_ACCEPT });
  assert.equal(response.statusCode, 400, `${url}: ${response.body}`);
  const { errors } = response.json() as { errors?: Record<string, unknown> };
  return Object.keys(errors ?? {}).sort();
}

/**
 * Route validators are compiled on their route's first request, not at
 * start-up (docs/decisions/012-performance-tricks.md): from that first
 * request on, each route checks with its own schema, and each answer names
 * the fields of that request only.
 */
test('a route validator compiled on first use checks each request with its own schema', async (t) => {
  const { app } = await buildTestApp(t, 'sqlite');

  // The first request of the list route compiles its validator, and is refused by it.
  assert.deepEqual(await refusedFields(app, '/api/monsters?per_page=many&order=up'), [
    'order',
    'per_page',
  ]);
  const listed = await app.inject({ url: '/api/monsters?per_page=2', headers: JSON_ACCEPT });
  assert.equal(listed.statusCode, 200);
  const page = listed.json() as { items: unknown[]; page: number; per_page: number };
  assert.deepEqual(
    [page.items.length, page.page, page.per_page],
    [2, 1, 2],
    'coerced, defaults applied',
  );
  assert.deepEqual(await refusedFields(app, '/api/monsters?category=NOT%20A%20SLUG'), ['category']);

  // Another route, another schema: its own validator, compiled on its own first request.
  assert.deepEqual(await refusedFields(app, '/api/monsters/not-a-number'), ['id']);
  const one = await app.inject({ url: '/api/monsters/1', headers: JSON_ACCEPT });
  assert.equal(one.statusCode, 200);
  assert.equal((one.json() as { id: number }).id, 1);
  assert.deepEqual(await refusedFields(app, '/api/monsters?page=0'), ['page']);
});
