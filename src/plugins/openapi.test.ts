import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildTestApp } from '../../test/helpers/test-app.js';
import { PACKAGE_VERSION } from '../shared/project.js';

// The document depends on the routes only, not on the database engine.
test('GET /api/openapi.json is an OpenAPI 3.1 document of the /api routes', async (t) => {
  const { app } = await buildTestApp(t, 'sqlite');
  const response = await app.inject('/api/openapi.json');
  assert.equal(response.statusCode, 200);
  assert.match(String(response.headers['content-type']), /^application\/json/);
  const document = response.json();
  assert.equal(document.openapi, '3.1.0');
  assert.equal(document.info.title, 'Monster Shop API');
  assert.equal(document.info.version, PACKAGE_VERSION);

  const paths = Object.keys(document.paths);
  assert.ok(paths.includes('/api/monsters'));
  assert.ok(paths.includes('/api/monsters/{id}'));
  for (const path of paths) assert.match(path, /^\/api\//, `${path} is not an API route`);
  assert.ok(!paths.some((path) => path.startsWith('/api/docs') || path === '/api/openapi.json'));

  const list = document.paths['/api/monsters'].get;
  assert.deepEqual(list.tags, ['monsters']);
  assert.ok(list.summary);
  const parameters = list.parameters.map((parameter: { name: string }) => parameter.name).sort();
  assert.deepEqual(parameters, ['category', 'order', 'page', 'per_page', 'q', 'sort']);
  assert.ok(list.parameters.every((parameter: { required: boolean }) => !parameter.required));

  const one = document.paths['/api/monsters/{id}'].get;
  const monster = one.responses['200'].content['application/json'].schema;
  assert.equal(monster.additionalProperties, false);
  assert.deepEqual(Object.keys(monster.properties).sort(), [
    'category',
    'description',
    'height',
    'id',
    'image',
    'name',
    'price_cents',
    'stock',
  ]);
  assert.ok(one.responses['404'].content['application/problem+json'].schema.properties.detail);
});

test('GET /api/docs serves Swagger UI from this origin, under the strict CSP', async (t) => {
  const { app } = await buildTestApp(t, 'sqlite');
  const page = await app.inject({ url: '/api/docs', headers: { accept: 'text/html' } });
  assert.equal(page.statusCode, 200);
  assert.match(String(page.headers['content-type']), /^text\/html/);
  const csp = String(page.headers['content-security-policy']);
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /script-src 'self'(;|$)/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|https:/);
  // Swagger UI's one inline style is allowed by hash, on the docs only.
  assert.match(csp, /style-src 'self' 'sha256-[^']+'/);
  const elsewhere = await app.inject({ url: '/monsters', headers: { accept: 'text/html' } });
  assert.match(
    String(elsewhere.headers['content-security-policy']),
    /style-src 'self'$|style-src 'self';/,
  );

  const scripts = [...page.body.matchAll(/<script([^>]*)>([^<]*)<\/script>/g)];
  assert.ok(scripts.length > 0);
  for (const [, attributes, content] of scripts) {
    assert.equal(content?.trim(), '', 'no inline script');
    assert.match(attributes ?? '', /src="\/api\/docs\/static\//);
  }
  assert.doesNotMatch(page.body, /(src|href)="(https?:)?\/\//, 'nothing from another origin');

  for (const asset of ['swagger-ui-bundle.js', 'swagger-initializer.js', 'swagger-ui.css']) {
    const response = await app.inject(`/api/docs/static/${asset}`);
    assert.equal(response.statusCode, 200, asset);
  }
  const initializer = await app.inject('/api/docs/static/swagger-initializer.js');
  assert.match(initializer.body, /validatorUrl: null/);
  const spec = await app.inject('/api/docs/json');
  assert.equal(spec.json().openapi, '3.1.0');
});
