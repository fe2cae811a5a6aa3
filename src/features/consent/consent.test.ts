import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { testEngines } from '../../../test/helpers/databases.js';
import { STRONG_PASSWORD, TestClient } from '../../../test/helpers/http-client.js';
import { buildTestApp } from '../../../test/helpers/test-app.js';
import { generatedMonster } from '../../db/seed/generated-monsters.js';
import { MAX_ROW_ID } from '../../db/tables.js';
import { POLICY_VERSION } from '../../plugins/consent/consent-state.js';
import { COOKIE_REGISTRY, cookieNamesOf } from '../../plugins/consent/cookie-registry.js';
import { createUser } from '../accounts/index.js';

const OPTIONAL = [...cookieNamesOf('preferences'), ...cookieNamesOf('statistics')];
const PAGES = [
  '/',
  '/monsters',
  '/monsters/cosmic/1',
  '/monsters/1',
  '/monsters/curcubitaceous/666',
  '/search?q=bete',
  '/halloween',
  '/hello/',
  '/cart',
  '/login',
  '/register',
  '/privacy',
  '/no-such-page',
  '/api/monsters',
  '/api/monsters/1',
  '/api/session',
  '/api/cart',
];

function setCookies(
  response: LightMyRequestResponse,
): { name: string; value: string; maxAge?: number }[] {
  return response.cookies as { name: string; value: string; maxAge?: number }[];
}

async function crawl(client: TestClient): Promise<Set<string>> {
  const names = new Set<string>();
  for (const url of PAGES) {
    for (const cookie of setCookies(await client.get(url))) names.add(cookie.name);
  }
  return names;
}

async function choose(client: TestClient, fields: Record<string, string>) {
  return client.submit('/privacy', '/consent', fields);
}

const proofs = (app: FastifyInstance) =>
  app.database.db.selectFrom('consents').selectAll().orderBy('id').execute();

for (const engine of testEngines()) {
  test(`before any choice no optional cookie is set nor read, and the banner offers both choices on ${engine}`, async (t) => {
    const { app } = await buildTestApp(t, engine);
    const client = new TestClient(app);
    const names = await crawl(client);
    for (const name of OPTIONAL) assert.ok(!names.has(name), `${name} was set before consent`);

    const home = await client.get('/');
    assert.match(home.body, /<section class="consent-banner" aria-label="Cookie consent"/);
    assert.match(
      home.body,
      /<button type="submit" name="choice" value="accept" class="consent-choice">Accept all<\/button>/,
    );
    assert.match(
      home.body,
      /<button type="submit" name="choice" value="reject" class="consent-choice">Reject all<\/button>/,
    );
    assert.match(home.body, /<a href="\/privacy#choices" class="consent-customise">Customise<\/a>/);

    // A stale or forged optional cookie is ignored without consent.
    const primed = await app.inject({
      url: '/',
      headers: { accept: 'text/html', cookie: 'recently_viewed=1.2' },
    });
    assert.doesNotMatch(primed.body, /Recently viewed/);
  });

  test(`rejecting is remembered for 6 months like accepting, proved, and keeps optional cookies off on ${engine}`, async (t) => {
    const { app } = await buildTestApp(t, engine);
    const client = new TestClient(app);
    const response = await client.submit('/', '/consent', { choice: 'reject', next: '/monsters' });
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, '/monsters');
    const consent = ([] as string[])
      .concat(response.headers['set-cookie'] ?? [])
      .find((c) => c.startsWith('consent='));
    assert.ok(consent);
    assert.match(consent, /Max-Age=15552000/);
    assert.match(consent, /p%3D0%26s%3D0|p=0&s=0/);

    const names = await crawl(client);
    for (const name of OPTIONAL) assert.ok(!names.has(name), `${name} set after refusal`);
    assert.doesNotMatch((await client.get('/')).body, /consent-banner/, 'the banner is gone');

    const [proof] = await proofs(app);
    assert.deepEqual(JSON.parse(proof?.choices ?? '{}'), { preferences: false, statistics: false });
    assert.equal(proof?.policy_version, POLICY_VERSION);
    assert.equal(proof?.user_id, null);
  });

  test(`accepting all turns on "recently viewed" and the "most viewed" ranking on ${engine}`, async (t) => {
    const { app } = await buildTestApp(t, engine);
    const client = new TestClient(app);
    await choose(client, { choice: 'accept' });
    const page = await client.get('/monsters/curcubitaceous/666');
    const set = setCookies(page).map((cookie) => cookie.name);
    assert.ok(set.includes('recently_viewed'));
    assert.ok(set.includes('visitor'));
    await client.get('/monsters/curcubitaceous/666');
    await client.get('/monsters/cosmic/1');

    const home = await client.get('/');
    assert.match(
      home.body,
      /<h2 id="recent-title">Recently viewed<\/h2><ul class="chip-list"><li><a href="\/monsters\/cosmic\/1">Cthulhu<\/a><\/li><li><a href="\/monsters\/curcubitaceous\/666">Jack O&#39;Lantern|Jack O'Lantern/,
    );
    assert.match(home.body, /Most viewed monsters/);
    assert.match(
      home.body,
      /Jack O(&#39;|')Lantern<\/a> — 1 view</,
      'one visitor counts once a day',
    );
  });

  test(`"recently viewed" keeps every monster id, up to the largest, and only those, on ${engine}`, async (t) => {
    const { app } = await buildTestApp(t, engine);
    await app.database.db
      .insertInto('monsters')
      .values({ ...generatedMonster(0), id: MAX_ROW_ID, name: 'Last Ghoul', category: 'undead' })
      .execute();
    const client = new TestClient(app);
    await choose(client, { choice: 'accept' });
    await client.get(`/monsters/undead/${MAX_ROW_ID}`);
    await client.get('/monsters/cosmic/1');
    assert.match(
      (await client.get('/')).body,
      new RegExp(
        `<ul class="chip-list"><li><a href="/monsters/cosmic/1">Cthulhu</a></li><li><a href="/monsters/undead/${MAX_ROW_ID}">Last Ghoul</a></li></ul>`,
      ),
    );

    // Parts that are no row id (0, past the largest, not canonical) are left out, never queried.
    client.cookies.set('recently_viewed', `0.${MAX_ROW_ID + 1}.${'9'.repeat(40)}.01.1e3.2`);
    assert.match(
      (await client.get('/')).body,
      /<ul class="chip-list"><li><a href="\/monsters\/cosmic\/2">[^<]+<\/a><\/li><\/ul>/,
    );
  });

  test(`customising and withdrawing: a refused category's cookies are deleted at once on ${engine}`, async (t) => {
    const { app } = await buildTestApp(t, engine);
    const client = new TestClient(app);
    await choose(client, { choice: 'custom', preferences: 'on' });
    const page = await client.get('/monsters/cosmic/2');
    const names = setCookies(page).map((cookie) => cookie.name);
    assert.ok(names.includes('recently_viewed'));
    assert.ok(!names.includes('visitor'), 'statistics stay off');

    await choose(client, { choice: 'accept' });
    await client.get('/monsters/cosmic/2');
    assert.ok(client.cookies.has('visitor'));

    const withdrawal = await choose(client, { choice: 'custom', next: '/privacy?saved=1' });
    const deleted = setCookies(withdrawal)
      .filter((cookie) => cookie.maxAge === 0)
      .map((cookie) => cookie.name);
    assert.deepEqual(deleted.sort(), ['recently_viewed', 'visitor']);
    assert.ok(!client.cookies.has('recently_viewed') && !client.cookies.has('visitor'));
    assert.match(
      (await client.get('/privacy?saved=1')).body,
      /<p class="flash success" role="status" tabindex="-1" autofocus>Your choices are saved/,
      'the confirmation is focused on load, so it is announced',
    );
    assert.equal((await proofs(app)).length, 3, 'every choice is recorded');
  });

  test(`a refused choice is explained in the visitor's language, page and API alike, on ${engine}`, async (t) => {
    const { app } = await buildTestApp(t, engine);
    const french = { 'accept-language': 'fr' };
    const page = new TestClient(app, { accept: 'text/html', ...french });
    const refused = await page.submit('/privacy', '/consent', {
      choice: 'maybe',
      preferences: 'on',
      statistics: 'x'.repeat(11),
    });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /<h1>Cookies et vie privée<\/h1>/, 'the policy page is shown again');
    assert.match(
      refused.body,
      /role="alert"[^>]*><p>Veuillez corriger les champs signalés\. Choisissez parmi\u00a0: accept, reject, custom\.</,
    );
    assert.match(
      refused.body,
      /id="consent-statistics-error">Utilisez au plus 10 caractères\.</,
      'the message is beside its box',
    );
    assert.match(refused.body, /<input[^>]*id="consent-preferences"[^>]*checked/, 'as ticked');
    assert.doesNotMatch(refused.body, /<input[^>]*id="consent-statistics"[^>]*checked/);
    assert.equal((await proofs(app)).length, 0, 'nothing is recorded');
    const reload = await page.get('/consent');
    assert.equal(reload.statusCode, 303, 'reloading the refused choice leads back to the policy');
    assert.equal(reload.headers.location, '/privacy');

    const token = /name="_csrf" value="([^"]+)"/.exec(refused.body)?.[1] ?? '';
    const banner = await page.post(
      '/consent',
      { _csrf: token, choice: 'all' },
      { accept: 'application/json' },
    );
    assert.equal(banner.statusCode, 400);
    assert.equal(banner.json().code, 'form.invalid');
    assert.equal(banner.json().detail, 'Veuillez corriger les champs signalés.');
    assert.deepEqual(banner.json().errors, {
      choice: 'Choisissez parmi\u00a0: accept, reject, custom.',
    });
  });

  test(`a new policy version asks again and ignores the old choice on ${engine}`, async (t) => {
    const { app } = await buildTestApp(t, engine);
    const stale = 'consent=v%3D2020-01-01%26p%3D1%26s%3D1; recently_viewed=1';
    const home = await app.inject({ url: '/', headers: { accept: 'text/html', cookie: stale } });
    assert.match(home.body, /consent-banner/);
    assert.doesNotMatch(home.body, /Recently viewed/);
    const page = await app.inject({
      url: '/monsters/cosmic/1',
      headers: { accept: 'text/html', cookie: stale },
    });
    assert.ok(!setCookies(page).some((cookie) => OPTIONAL.includes(cookie.name)));
  });
}

test('the cookie policy lists every cookie the app sets, found by the registry and by a crawl', async (t) => {
  const { app } = await buildTestApp(t, 'sqlite');
  await createUser(
    app.database.db,
    { email: 'crawler@example.com', name: 'Crawler', password: STRONG_PASSWORD },
    'customer',
  );
  const client = new TestClient(app);
  const seen = await crawl(client);
  for (const cookie of setCookies(await choose(client, { choice: 'accept' })))
    seen.add(cookie.name);
  for (const name of await crawl(client)) seen.add(name);
  for (const cookie of setCookies(
    await client.submit('/login', '/login', {
      email: 'crawler@example.com',
      password: STRONG_PASSWORD,
    }),
  ))
    seen.add(cookie.name);
  for (const cookie of setCookies(await client.post('/lang', { lang: 'fr' })))
    seen.add(cookie.name);
  for (const cookie of setCookies(
    await client.submit('/login', '/cart/items', { monster_id: '1' }),
  ))
    seen.add(cookie.name);

  const policy = (await client.get('/privacy')).body;
  const registered = new Set(COOKIE_REGISTRY.flatMap((cookie) => cookie.names));
  for (const name of seen) {
    assert.ok(registered.has(name), `${name} is set but missing from the registry`);
  }
  for (const name of registered)
    assert.match(policy, new RegExp(`<code>${name}</code>`), `${name} is listed on /privacy`);
  assert.ok(
    seen.has('session') &&
      seen.has('_csrf') &&
      seen.has('consent') &&
      seen.has('lang') &&
      seen.has('recently_viewed') &&
      seen.has('visitor'),
  );
  assert.match(policy, /Politique cookies, version|Cookie policy version/);
});

test('a signed-in choice is proved with the user; the banner can be answered without reloading', async (t) => {
  const { app } = await buildTestApp(t, 'sqlite');
  await createUser(
    app.database.db,
    { email: 'proof@example.com', name: 'Proof', password: STRONG_PASSWORD },
    'customer',
  );
  const client = new TestClient(app);
  await client.submit('/login', '/login', {
    email: 'proof@example.com',
    password: STRONG_PASSWORD,
  });
  const page = await client.get('/');
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  const fetched = await client.post(
    '/consent',
    { _csrf: token, choice: 'accept' },
    { accept: 'application/json' },
  );
  assert.equal(fetched.statusCode, 200);
  assert.deepEqual(fetched.json().consent, {
    preferences: true,
    statistics: true,
    policy_version: POLICY_VERSION,
  });
  const [proof] = await proofs(app);
  assert.equal(proof?.user_id, 1);

  const forged = await app.inject({
    method: 'POST',
    url: '/consent',
    payload: { choice: 'accept' },
  });
  assert.equal(forged.statusCode, 403, 'a cross-site page cannot consent on the visitor’s behalf');
  const french = await app.inject({
    url: '/',
    headers: { accept: 'text/html', 'accept-language': 'fr' },
  });
  assert.match(french.body, />Tout accepter</);
  assert.match(french.body, />Tout refuser</);
  assert.match(french.body, />Personnaliser</);
});

test('the cookie table scrolls in a labelled region a keyboard can reach, in both languages', async (t) => {
  const { app } = await buildTestApp(t, 'sqlite');
  for (const [lang, label] of [
    ['en', 'Every cookie we can set'],
    ['fr', 'Tous les cookies que nous pouvons déposer'],
  ] as const) {
    const page = await app.inject({
      url: '/privacy',
      headers: { accept: 'text/html', 'accept-language': lang },
    });
    const wrapper =
      /<(div|section)\b[^>]*>(?=<table class="cookie-table\b)/.exec(page.body)?.[0] ?? '';
    assert.match(wrapper, /tabindex="0"/, `${lang}: reachable by keyboard`);
    // A named <section> is a region; a <div> must say so.
    assert.match(wrapper, /^<section|role="region"/, `${lang}: announced as a region`);
    const labelledBy = /aria-labelledby="([^"]+)"/.exec(wrapper)?.[1];
    assert.ok(labelledBy, `${lang}: the region has a name`);
    assert.match(page.body, new RegExp(`id="${labelledBy}"[^>]*>${label}<`), lang);
  }
});
