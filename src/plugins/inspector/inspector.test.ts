import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { HtmlValidate } from 'html-validate';
import { testEngines } from '../../../test/helpers/databases.js';
import { STRONG_PASSWORD, TestClient } from '../../../test/helpers/http-client.js';
import { createTestUser } from '../../../test/helpers/sign-in.js';
import { buildTestApp } from '../../../test/helpers/test-app.js';
import { serializeConsent } from '../consent/consent-state.js';
import type { InspectedRequest } from './inspected-request.js';

const JSON_ACCEPT = { accept: 'application/json' };

async function inspected(client: TestClient): Promise<InspectedRequest[]> {
  const response = await client.get('/_inspector', JSON_ACCEPT);
  assert.equal(response.statusCode, 200, response.body);
  return (response.json() as { requests: InspectedRequest[] }).requests;
}

async function detail(client: TestClient, id: string): Promise<InspectedRequest> {
  const response = await client.get(`/_inspector/${id}`, JSON_ACCEPT);
  assert.equal(response.statusCode, 200, response.body);
  return response.json() as InspectedRequest;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('request inspector', () => {
  test('does not exist without debug mode: 404, no toolbar, nothing in OpenAPI', async (t) => {
    const { app } = await buildTestApp(t, 'sqlite');
    const client = new TestClient(app);
    for (const url of ['/_inspector', '/_inspector/anything']) {
      assert.equal((await client.get(url)).statusCode, 404, url);
      assert.equal((await client.get(url, JSON_ACCEPT)).statusCode, 404, url);
    }
    const home = await client.get('/');
    assert.equal(home.statusCode, 200);
    assert.doesNotMatch(home.body, /inspector/i);
    const debugApp = (await buildTestApp(t, 'sqlite', { debug: true })).app;
    const openapi = await debugApp.inject({ url: '/api/openapi.json' });
    assert.equal(openapi.statusCode, 200);
    assert.doesNotMatch(openapi.body, /_inspector/);
  });

  for (const engine of testEngines()) {
    for (const store of ['database', 'cookie'] as const) {
      test(`${engine}, ${store} store: a sign-in shows cookies, session, SQL and consent`, async (t) => {
        const { app } = await buildTestApp(t, engine, { debug: true, sessionStore: store });
        await createTestUser(app.database.db, { email: 'mina@harker.uk' });
        const client = new TestClient(app);
        client.cookies.set('consent', serializeConsent({ preferences: true, statistics: false }));
        const signedIn = await client.submit('/login', '/login', {
          email: 'mina@harker.uk',
          password: STRONG_PASSWORD,
        });
        assert.equal(signedIn.statusCode, 303, signedIn.body);
        const token = client.cookies.get('session');
        assert.ok(token, 'signed in with a session cookie');

        const signIn = (await inspected(client)).find(
          (request) => request.method === 'POST' && request.url === '/login',
        );
        assert.ok(signIn, 'the sign-in is listed');
        const record = await detail(client, signIn.id);
        assert.equal(record.status, 303);
        assert.equal(record.requestHeaders['content-type'], 'application/x-www-form-urlencoded');
        assert.ok(record.cookiesReceived.some((cookie) => cookie.name === 'consent'));
        const setSession = record.cookiesSet.find((cookie) => cookie.name === 'session');
        assert.ok(setSession, JSON.stringify(record.cookiesSet));
        assert.equal(setSession.value, token);
        assert.equal(setSession.attributes.HttpOnly, true);
        assert.equal(setSession.attributes.SameSite, 'Lax');
        assert.equal(setSession.attributes.Path, '/');
        assert.equal(setSession.attributes['Max-Age'], String(7 * 86_400));
        assert.deepEqual(record.consent, { decided: true, preferences: true, statistics: false });

        const after = record.sessionAfter;
        if (store === 'database') {
          assert.equal(after?.store, 'database');
          assert.equal(after.token, token);
          assert.equal(after.rowId, sha256(token));
          assert.equal(after.row?.id, sha256(token));
          assert.equal(typeof after.row?.user_id, 'number');
        } else {
          assert.equal(after?.store, 'cookie');
          assert.equal(after.cookieBytes, Buffer.byteLength(`session=${token}`));
          assert.equal(after.limitBytes, 4096);
          const payload = after.payload as { u: number | null; a: number | null };
          assert.equal(typeof payload.u, 'number', JSON.stringify(payload));
          assert.equal(typeof payload.a, 'number');
        }

        const sql = record.queries.map((query) => query.sql.toLowerCase());
        assert.ok(
          record.queries.some(
            (query) =>
              /from "users"/i.test(query.sql) && query.parameters.includes('mina@harker.uk'),
          ),
          `the user lookup with its bound e-mail: ${sql.join('\n')}`,
        );
        if (store === 'database')
          assert.ok(sql.some((text) => text.startsWith('insert into "sessions"')));
        for (const query of record.queries) {
          assert.ok(query.durationMs >= 0);
          assert.ok(!query.parameters.includes(STRONG_PASSWORD), 'the password is never in SQL');
        }

        // The next request arrives with the session: before = the row/payload of that cookie.
        await client.get('/cart');
        const [cartVisit] = await inspected(client);
        assert.equal(cartVisit?.url, '/cart');
        const cart = await detail(client, cartVisit.id);
        const before = cart.sessionBefore;
        if (store === 'database') {
          assert.equal(before?.store, 'database');
          assert.equal(before.rowId, sha256(token));
          assert.equal(before.row?.user_id, after?.store === 'database' ? after.row?.user_id : -1);
        } else {
          assert.equal(before?.store, 'cookie');
          assert.deepEqual(before.payload, after?.store === 'cookie' ? after.payload : null);
        }

        const page = await client.get(`/_inspector/${signIn.id}`);
        assert.equal(page.statusCode, 200);
        assert.match(page.headers['content-type'] as string, /text\/html/);
        assert.match(page.body, /<th scope="col">Attributes<\/th>/);
        assert.match(page.body, /HttpOnly; SameSite=Lax/);
        assert.match(page.body, /mina@harker\.uk/);
        assert.match(page.body, store === 'database' ? new RegExp(sha256(token)) : /of 4096 bytes/);
      });
    }
  }

  test('a toolbar on every page links to its own request; unknown ids are 404', async (t) => {
    const { app } = await buildTestApp(t, 'sqlite', { debug: true });
    const client = new TestClient(app);
    const home = await client.get('/');
    const link = /<a href="(\/_inspector\/([0-9a-f-]+))">Inspector · \2<\/a>/.exec(home.body);
    assert.ok(link, 'the toolbar link');
    const page = await client.get(link[1] as string);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1 class="inspector-title">GET \/<\/h1>/);
    assert.equal((await client.get('/_inspector/no-such-request')).statusCode, 404);
  });

  test('keeps the last 50 requests, newest first, never its own nor static files', async (t) => {
    const { app } = await buildTestApp(t, 'sqlite', { debug: true });
    const client = new TestClient(app);
    for (let index = 0; index < 55; index++) await client.get(`/status?n=${index}`);
    await client.get(app.staticUrl('css/app.css'));
    const list = await inspected(client);
    assert.equal(list.length, 50);
    assert.equal(list[0]?.url, '/status?n=54');
    assert.equal(list[49]?.url, '/status?n=5');
    assert.ok(list.every((request) => request.url.startsWith('/status')));
    const html = await client.get('/_inspector');
    assert.match(html.body, /<th scope="col">Status<\/th>/);
    assert.match(html.body, /href="\/_inspector\/[0-9a-f-]+">GET \/status\?n=54<\/a>/);
  });

  test('its pages and the toolbar are valid, accessible HTML', async (t) => {
    const { app } = await buildTestApp(t, 'sqlite', { debug: true });
    await createTestUser(app.database.db, { email: 'lucy@westenra.uk' });
    const client = new TestClient(app);
    await client.submit('/login', '/login', {
      email: 'lucy@westenra.uk',
      password: STRONG_PASSWORD,
    });
    const home = await client.get('/');
    const [latest] = await inspected(client);
    assert.ok(latest);
    const validator = new HtmlValidate({
      extends: ['html-validate:recommended'],
      rules: { 'void-style': 'off', 'no-raw-characters': 'off' },
    });
    for (const body of [
      home.body,
      (await client.get('/_inspector')).body,
      (await client.get(`/_inspector/${latest.id}`)).body,
    ]) {
      const report = await validator.validateString(body);
      assert.ok(report.valid, JSON.stringify(report.results[0]?.messages.map((m) => m.message)));
    }
  });
});
