import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildTestApp } from '../../test/helpers/test-app.js';

const HTML = { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8' };

test('unknown pages: a branded HTML page for browsers, problem+json for other clients', async (t) => {
  const { app } = await buildTestApp(t, 'sqlite');
  const page = await app.inject({ url: '/no/such/page', headers: HTML });
  assert.equal(page.statusCode, 404);
  assert.match(String(page.headers['content-type']), /^text\/html/);
  assert.match(page.body, /<html lang="en">/);
  assert.match(page.body, /page not found/i);
  assert.match(page.headers.vary ?? '', /Accept/);

  const problem = await app.inject({ url: '/no/such/page', headers: { accept: '*/*' } });
  assert.equal(problem.statusCode, 404);
  assert.match(String(problem.headers['content-type']), /^application\/problem\+json/);
  const body = problem.json();
  assert.equal(body.type, 'about:blank');
  assert.equal(body.title, 'Not Found');
  assert.equal(body.status, 404);
  assert.equal(typeof body.detail, 'string');
});

test('a wrong method gets 405 with Allow; HEAD works on every GET route', async (t) => {
  const { app } = await buildTestApp(t, 'sqlite');
  const wrong = await app.inject({ method: 'DELETE', url: '/status' });
  assert.equal(wrong.statusCode, 405);
  assert.deepEqual(wrong.headers.allow?.split(', ').sort(), ['GET', 'HEAD']);
  const post = await app.inject({ method: 'PUT', url: '/whois' });
  assert.equal(post.statusCode, 405);
  assert.match(post.headers.allow ?? '', /POST/);

  for (const url of ['/', '/status', '/halloween', '/hello/', '/whois', '/static/css/app.css']) {
    const head = await app.inject({ method: 'HEAD', url });
    assert.equal(head.statusCode, 200, url);
    assert.equal(head.body, '', url);
  }
});

test('trailing-slash variants redirect to the canonical path, keeping the query', async (t) => {
  const { app } = await buildTestApp(t, 'sqlite');
  const withSlash = await app.inject('/status/');
  assert.equal(withSlash.statusCode, 308);
  assert.equal(withSlash.headers.location, '/status');
  const withQuery = await app.inject('/whois/?name=Ann');
  assert.equal(withQuery.headers.location, '/whois?name=Ann');
  const withoutSlash = await app.inject('/hello');
  assert.equal(withoutSlash.statusCode, 308);
  assert.equal(withoutSlash.headers.location, '/hello/');
  const protocolRelative = await app.inject('//evil.example/');
  assert.equal(protocolRelative.statusCode, 404);
});

test('a server error reveals no detail outside debug mode', async (t) => {
  const { app } = await buildTestApp(t, 'sqlite', {}, { expectedErrors: /request failed/ });
  app.get('/explode', async () => {
    throw new Error('SELECT secret FROM vault failed');
  });
  const json = await app.inject('/explode');
  assert.equal(json.statusCode, 500);
  assert.doesNotMatch(json.body, /SELECT|vault|at .*\.ts/);
  assert.ok(json.json().request_id);
  const html = await app.inject({ url: '/explode', headers: HTML });
  assert.equal(html.statusCode, 500);
  assert.doesNotMatch(html.body, /SELECT|vault/);
  assert.match(html.body, /Internal server error/);
});

test('debug mode shows the stack of a server error', async (t) => {
  const { app } = await buildTestApp(
    t,
    'sqlite',
    { debug: true },
    { expectedErrors: /request failed/ },
  );
  app.get('/explode', async () => {
    throw new Error('kaboom in debug');
  });
  const html = await app.inject({ url: '/explode', headers: HTML });
  assert.equal(html.statusCode, 500);
  assert.match(html.body, /kaboom in debug/);
});

test('malformed bodies get clear 4xx answers', async (t) => {
  const { app } = await buildTestApp(t, 'sqlite');
  const badJson = await app.inject({
    method: 'POST',
    url: '/whois',
    headers: { 'content-type': 'application/json' },
    payload: '{"name":',
  });
  assert.equal(badJson.statusCode, 400);
  const unsupported = await app.inject({
    method: 'POST',
    url: '/whois',
    headers: { 'content-type': 'application/xml' },
    payload: '<name>x</name>',
  });
  assert.equal(unsupported.statusCode, 415);
  const tooLarge = await app.inject({
    method: 'POST',
    url: '/whois',
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ name: 'x'.repeat(1_100_000) }),
  });
  assert.equal(tooLarge.statusCode, 413);
  const wrongValue = await app.inject({ method: 'POST', url: '/lang', payload: { lang: 42 } });
  assert.equal(wrongValue.statusCode, 400);
  assert.equal(typeof wrongValue.json().errors.lang, 'string');
});

test('security headers: strict CSP without inline script, nosniff, no framing', async (t) => {
  const { app } = await buildTestApp(t, 'sqlite');
  const response = await app.inject({ url: '/', headers: HTML });
  const csp = response.headers['content-security-policy'] ?? '';
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /script-src 'self'(;|$)/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|http/);
  assert.equal(response.headers['x-content-type-options'], 'nosniff');
  assert.match(csp, /frame-ancestors 'none'/);
  assert.doesNotMatch(response.body, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script');
  assert.doesNotMatch(response.body, /(src|href)="(https?:)?\/\//, 'no third-party resource');
});

test('language: Accept-Language picks French, the lang cookie wins, the switch is a form POST', async (t) => {
  const { app } = await buildTestApp(t, 'sqlite');
  const french = await app.inject({ url: '/', headers: { ...HTML, 'accept-language': 'fr' } });
  assert.match(french.body, /<html lang="fr">/);
  assert.match(french.body, /Préférences cookies/);
  assert.equal(french.headers['content-language'], 'fr');

  const viaCookie = await app.inject({
    url: '/',
    headers: { ...HTML, 'accept-language': 'fr', cookie: 'lang=en' },
  });
  assert.match(viaCookie.body, /<html lang="en">/);

  const switchLang = await app.inject({
    method: 'POST',
    url: '/lang',
    payload: { lang: 'fr', next: '/halloween' },
  });
  assert.equal(switchLang.statusCode, 303);
  assert.equal(switchLang.headers.location, '/halloween');
  const cookie = String(switchLang.headers['set-cookie']);
  assert.match(cookie, /^lang=fr;/);
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Lax/);
  assert.match(cookie, /Path=\//);

  const offsite = await app.inject({
    method: 'POST',
    url: '/lang',
    payload: { lang: 'fr', next: '//evil.example' },
  });
  assert.equal(offsite.headers.location, '/');
  const unknown = await app.inject({ method: 'POST', url: '/lang', payload: { lang: 'de' } });
  assert.equal(unknown.statusCode, 400);
});

test('static files: ETag and Last-Modified, 304 on revalidation, immutable hashed URLs, no traversal', async (t) => {
  const { app } = await buildTestApp(t, 'sqlite');
  const plain = await app.inject('/static/css/app.css');
  assert.equal(plain.statusCode, 200);
  assert.match(String(plain.headers['content-type']), /^text\/css/);
  const etag = plain.headers.etag;
  const lastModified = plain.headers['last-modified'];
  assert.ok(etag && lastModified);
  assert.equal(plain.headers['cache-control'], 'no-cache');

  const byEtag = await app.inject({
    url: '/static/css/app.css',
    headers: { 'if-none-match': String(etag) },
  });
  assert.equal(byEtag.statusCode, 304);
  const byDate = await app.inject({
    url: '/static/css/app.css',
    headers: { 'if-modified-since': String(lastModified) },
  });
  assert.equal(byDate.statusCode, 304);

  const page = await app.inject({ url: '/', headers: HTML });
  const hashed = /href="(\/static\/css\/app\.css\?v=[0-9a-f]+)"/.exec(page.body)?.[1];
  assert.ok(hashed, 'the layout links the stylesheet through its hashed URL');
  const immutable = await app.inject(hashed);
  assert.equal(immutable.headers['cache-control'], 'public, max-age=31536000, immutable');
  const staleHash = await app.inject('/static/css/app.css?v=000000000000');
  assert.equal(staleHash.headers['cache-control'], 'no-cache');

  for (const url of [
    '/static/../package.json',
    '/static/%2e%2e/package.json',
    '/static/..%2fpackage.json',
    '/static/nope.css',
  ]) {
    const response = await app.inject(url);
    assert.equal(response.statusCode, 404, url);
    assert.doesNotMatch(response.body, /"dependencies"/);
  }
});

test('the JSON API answers errors as problem+json even to a browser', async (t) => {
  const { app } = await buildTestApp(t, 'sqlite');
  for (const url of ['/api/monsters/999999', '/api/orders', '/api/no-such-endpoint']) {
    const response = await app.inject({ url, headers: HTML });
    assert.match(String(response.headers['content-type']), /^application\/problem\+json/, url);
    assert.ok(response.statusCode >= 400, url);
  }
});
