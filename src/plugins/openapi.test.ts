import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import { signedInClient } from '../../test/helpers/sign-in.js';
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

type Operation = {
  security?: Record<string, string[]>[];
  requestBody?: { content: Record<string, { example?: unknown }> };
  responses: Record<string, { content?: Record<string, { example?: unknown; schema?: unknown }> }>;
};
type Document = { paths: Record<string, Record<string, Operation>> };

const operation = (document: Document, method: string, path: string): Operation => {
  const found = document.paths[path]?.[method];
  assert.ok(found, `${method.toUpperCase()} ${path} is documented`);
  return found;
};
const requestExample = (op: Operation) => op.requestBody?.content['application/json']?.example;

test('the docs show realistic examples, and the API accepts the write examples as they are', async (t) => {
  const { app } = await buildTestApp(t, 'sqlite');
  const document: Document = (await app.inject('/api/openapi.json')).json();

  const create = requestExample(operation(document, 'post', '/api/monsters'));
  assert.deepEqual(
    { ...(create as object), description: undefined, description_fr: undefined },
    {
      name: 'Cthulhu',
      height: 47,
      category: 'cosmic',
      price_cents: 4700,
      stock: 12,
      description: undefined,
      description_fr: undefined,
    },
  );
  assert.match((create as { description_fr: string }).description_fr, /Pacifique/);
  const patch = requestExample(operation(document, 'patch', '/api/monsters/{id}'));
  assert.deepEqual(patch, { price_cents: 3900, stock: 20 });
  const monster = operation(document, 'get', '/api/monsters/{id}').responses['200']?.content?.[
    'application/json'
  ]?.example as { name: string };
  assert.equal(monster.name, 'Cthulhu');

  // Every body sent and every JSON answer of the API shows an example.
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (op.requestBody) {
        assert.ok(requestExample(op) !== undefined, `${method} ${path}: no body example`);
      }
      for (const [status, response] of Object.entries(op.responses)) {
        const json = response.content?.['application/json'];
        if (json) assert.ok(json.example !== undefined, `${method} ${path} ${status}: no example`);
      }
    }
  }

  // The examples are real requests: an administrator can send them unchanged.
  const { client } = await signedInClient(
    app,
    { email: 'admin@example.com', role: 'admin' },
    { accept: 'application/json' },
  );
  const csrfToken = (await client.get('/api/session')).json().csrf_token;
  const headers = { 'x-csrf-token': csrfToken };
  const created = await client.request({
    method: 'POST',
    url: '/api/monsters',
    payload: create as object,
    headers,
  });
  assert.equal(created.statusCode, 201, created.body);
  const changed = await client.request({
    method: 'PATCH',
    url: '/api/monsters/1',
    payload: patch as object,
    headers,
  });
  assert.equal(changed.statusCode, 200, changed.body);
  const addToCart = requestExample(operation(document, 'post', '/api/cart/items'));
  const cart = await client.request({
    method: 'POST',
    url: '/api/cart/items',
    payload: addToCart as object,
    headers,
  });
  assert.equal(cart.statusCode, 200, cart.body);
});

test('the docs say how to authenticate: the session cookie and the X-CSRF-Token header', async (t) => {
  const { app } = await buildTestApp(t, 'sqlite');
  const document = (await app.inject('/api/openapi.json')).json();
  assert.deepEqual(document.components.securitySchemes.sessionCookie, {
    ...document.components.securitySchemes.sessionCookie,
    type: 'apiKey',
    in: 'cookie',
    name: 'session',
  });
  assert.deepEqual(document.components.securitySchemes.csrfToken, {
    ...document.components.securitySchemes.csrfToken,
    type: 'apiKey',
    in: 'header',
    name: 'X-CSRF-Token',
  });
  assert.match(document.components.securitySchemes.csrfToken.description, /GET \/api\/session/);
  for (const needed of ['X-CSRF-Token', 'csrf_token', 'GET /api/session', 'curl']) {
    assert.ok(document.info.description.includes(needed), `info.description names ${needed}`);
  }

  const cookieAndToken = { sessionCookie: [], csrfToken: [] };
  const adminWrites = [
    ['post', '/api/monsters'],
    ['put', '/api/monsters/{id}'],
    ['patch', '/api/monsters/{id}'],
    ['delete', '/api/monsters/{id}'],
  ] as const;
  for (const [method, path] of adminWrites) {
    const op = operation(document, method, path);
    assert.deepEqual(op.security, [cookieAndToken], `${method} ${path}`);
    for (const status of ['401', '403']) {
      assert.ok(op.responses[status]?.content?.['application/problem+json'], `${path} ${status}`);
    }
  }
  for (const [method, path] of adminWrites.slice(0, 3)) {
    for (const status of ['413', '415']) {
      assert.ok(operation(document, method, path).responses[status], `${method} ${path} ${status}`);
    }
  }
  const cartWrites = [
    ['post', '/api/cart/items'],
    ['put', '/api/cart/items/{monster_id}'],
    ['delete', '/api/cart/items/{monster_id}'],
  ] as const;
  for (const [method, path] of cartWrites) {
    const op = operation(document, method, path);
    assert.ok(
      op.security?.some((requirement) => isDeepStrictEqual(requirement, cookieAndToken)),
      `${method} ${path} names the cookie and the token`,
    );
    assert.ok(op.responses['403'], `${method} ${path} lists the CSRF refusal`);
  }
  assert.ok(operation(document, 'post', '/api/session').responses['429']);
  assert.equal(operation(document, 'get', '/api/monsters').security, undefined);

  // Over HTTPS (production) the cookie is `__Host-session`.
  const { app: production } = await buildTestApp(t, 'sqlite', { production: true });
  const secure = (await production.inject('/api/openapi.json')).json();
  assert.equal(secure.components.securitySchemes.sessionCookie.name, '__Host-session');
});
