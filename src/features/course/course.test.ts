import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testEngines } from '../../../test/helpers/databases.js';
import { buildTestApp } from '../../../test/helpers/test-app.js';

const HTML = { accept: 'text/html' };

for (const engine of testEngines()) {
  test(`the course routes answer as in the course on ${engine}`, async (t) => {
    const { app } = await buildTestApp(t, engine);

    const status = await app.inject('/status');
    assert.equal(status.statusCode, 200);
    assert.match(String(status.headers['content-type']), /^text\/plain/);
    assert.equal(status.body, 'The server is running!');

    const world = await app.inject({ url: '/hello/', headers: HTML });
    assert.equal(world.statusCode, 200);
    assert.match(world.body, /<h1>Hello, World!<\/h1>/);

    const login = await app.inject({ url: '/hello/calvin', headers: HTML });
    assert.match(login.body, /<h1>Hello calvin!<\/h1>/);

    const whoisQuery = await app.inject('/whois?name=Susie');
    assert.equal(whoisQuery.body, 'Susie');
    assert.match(String(whoisQuery.headers['content-type']), /^text\/plain/);
    assert.equal((await app.inject('/whois')).body, 'John Doe');
    const whoisForm = await app.inject({
      method: 'POST',
      url: '/whois',
      payload: { name: 'Hobbes' },
    });
    assert.equal(whoisForm.body, 'Hobbes');
    const whoisUrlEncoded = await app.inject({
      method: 'POST',
      url: '/whois',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'name=Moe',
    });
    assert.equal(whoisUrlEncoded.body, 'Moe');
    assert.equal(
      (await app.inject({ method: 'POST', url: '/whois', payload: {} })).body,
      'John Doe',
    );

    const teapot = await app.inject('/teapot');
    assert.equal(teapot.statusCode, 418);
    assert.equal(teapot.json().status, 418);
    assert.equal((await app.inject({ url: '/teapot', headers: HTML })).statusCode, 418);
  });

  test(`/status answers 503 with Retry-After when the database is unreachable on ${engine}`, async (t) => {
    const { app, database } = await buildTestApp(t, engine);
    await database.handle.close();
    const response = await app.inject('/status');
    assert.equal(response.statusCode, 503);
    assert.ok(response.headers['retry-after']);
    assert.doesNotMatch(response.body, /running/);
  });

  test(`the home page shows featured monsters and a search form on ${engine}`, async (t) => {
    const { app } = await buildTestApp(t, engine);
    const response = await app.inject({ url: '/', headers: HTML });
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /^<!DOCTYPE html><html lang="en">/);
    assert.match(response.body, /Cthulhu/);
    assert.match(response.body, /href="\/monsters\/curcubitaceous\/666"/);
    assert.match(response.body, /<form[^>]+action="\/search"/);
    assert.match(response.body, /href="\/privacy">Cookie preferences</);
  });
}

test("the course's refusals speak the visitor's language, page and API alike", async (t) => {
  const { app } = await buildTestApp(t, 'sqlite');
  const french = { 'accept-language': 'fr' };
  const tooLong = await app.inject({
    method: 'POST',
    url: '/whois',
    headers: { ...french, 'content-type': 'application/x-www-form-urlencoded' },
    payload: `name=${'a'.repeat(1001)}`,
  });
  assert.equal(tooLong.statusCode, 400);
  assert.equal(tooLong.json().code, 'form.invalid');
  assert.equal(tooLong.json().detail, 'Veuillez corriger les champs signalés.');
  assert.deepEqual(tooLong.json().errors, { name: 'Utilisez au plus 1000 caractères.' });
  const page = await app.inject({
    method: 'POST',
    url: '/whois',
    headers: { ...HTML, ...french },
    payload: { name: 'a'.repeat(1001) },
  });
  assert.equal(page.statusCode, 400);
  assert.match(page.body, /<h1 id="error-title">Ce formulaire n’a pas pu être lu<\/h1>/);
  assert.doesNotMatch(page.body, /<code>name<\/code>/, 'field names are for API clients');

  const teapot = await app.inject({ url: '/teapot', headers: french });
  assert.equal(teapot.statusCode, 418);
  assert.equal(
    teapot.json().detail,
    'Je refuse de faire du café\u00a0: je suis, pour toujours, une théière.',
  );
  const teapotPage = await app.inject({ url: '/teapot', headers: { ...HTML, ...french } });
  assert.equal(teapotPage.statusCode, 418);
  assert.match(teapotPage.body, /Je suis une théière/);
});

test('greetings are escaped, never interpreted as HTML', async (t) => {
  const { app } = await buildTestApp(t, 'sqlite');
  const response = await app.inject({
    url: `/hello/${encodeURIComponent('<script>alert(1)</script>')}`,
    headers: HTML,
  });
  assert.equal(response.statusCode, 200);
  assert.doesNotMatch(response.body, /<script>alert/);
  assert.match(response.body, /<h1>Hello &lt;script>alert\(1\)&lt;\/script>!<\/h1>/);
});

test('the Halloween page shows the pumpkin on the black page style', async (t) => {
  const { app } = await buildTestApp(t, 'sqlite');
  const response = await app.inject({ url: '/halloween', headers: HTML });
  assert.equal(response.statusCode, 200);
  assert.match(response.body, /<body class="halloween">/);
  assert.match(response.body, /<img src="\/static\/img\/pumpkin\.svg\?v=[0-9a-f]{12}"/);
  const css = await app.inject('/static/css/app.css');
  assert.match(css.body, /body\.halloween\s*\{[^}]*background:\s*#000/);
});
