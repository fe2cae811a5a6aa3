import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { testEngines } from './helpers/databases.js';
import { TestClient } from './helpers/http-client.js';
import { signedInClient } from './helpers/sign-in.js';
import { buildTestApp } from './helpers/test-app.js';

/*
 * A refusal the platform raises on a URL that only accepts POST (an expired
 * form, a body too large or of the wrong type) is carried back to the page
 * the form was on (docs/decisions/014), as the route's own refusals are:
 * reloading or switching language there never meets a POST-only address.
 */

const JACK_PAGE = '/monsters/curcubitaceous/666';
const EXPIRED = {
  en: 'This page had expired (you may have been signed out), so nothing was done. Try again.',
  fr: 'Cette page avait expiré (vous avez peut-être été déconnecté), donc rien n’a été fait. Réessayez.',
} as const;
const LANGS = ['en', 'fr'] as const;
type Lang = (typeof LANGS)[number];

const htmlIn = (lang: Lang) => ({ accept: 'text/html', 'accept-language': lang });

/** A form post whose CSRF token is not the page's. */
function expiredPost(
  client: TestClient,
  url: string,
  fields: Record<string, string>,
  lang: Lang,
): Promise<LightMyRequestResponse> {
  return client.post(url, { _csrf: 'a-token-from-an-ended-session', ...fields }, htmlIn(lang));
}

/** Follows the 303 to `page` and returns what the visitor sees there. */
async function carriedTo(
  client: TestClient,
  response: LightMyRequestResponse,
  page: string,
  lang: Lang,
): Promise<LightMyRequestResponse> {
  assert.equal(response.statusCode, 303, response.body.slice(0, 400));
  assert.equal(response.headers.location, page);
  return client.get(page, htmlIn(lang));
}

/** The language switch leads back to this page, never to a POST-only URL. */
function languageSwitchNext(html: string): string | undefined {
  return /<form class="language-switch"[^>]*><input type="hidden" name="next" value="([^"]*)"/.exec(
    html,
  )?.[1];
}

function assertExpiredPage(page: LightMyRequestResponse, path: string, lang: Lang): void {
  assert.equal(page.statusCode, 403, `${path} (${lang}): ${page.body.slice(0, 300)}`);
  assert.ok(
    page.body.replaceAll('&#39;', '’').includes(EXPIRED[lang]),
    `${path} (${lang}) says plainly what happened`,
  );
  assert.doesNotMatch(page.body, /CSRF/, `${path} (${lang}): no jargon`);
  assert.equal(languageSwitchNext(page.body), path);
}

for (const engine of testEngines()) {
  test(`an expired form on a cart URL goes back to its page, which says so with a 403, on ${engine}`, async (t) => {
    const { app } = await buildTestApp(t, engine);
    for (const lang of LANGS) {
      const client = new TestClient(app);
      await client.get(JACK_PAGE, htmlIn(lang));

      const add = await expiredPost(
        client,
        '/cart/items',
        { monster_id: '666', quantity: '2', back: JACK_PAGE },
        lang,
      );
      const monsterPage = await carriedTo(client, add, JACK_PAGE, lang);
      assertExpiredPage(monsterPage, JACK_PAGE, lang);

      const offSite = await expiredPost(
        client,
        '/cart/items',
        { monster_id: '666', back: 'https://evil.example/' },
        lang,
      );
      assertExpiredPage(await carriedTo(client, offSite, '/cart', lang), '/cart', lang);

      const line = await expiredPost(client, '/cart/items/666', { quantity: '3' }, lang);
      assertExpiredPage(await carriedTo(client, line, '/cart', lang), '/cart', lang);

      const checkout = await expiredPost(client, '/checkout', {}, lang);
      assertExpiredPage(await carriedTo(client, checkout, '/cart', lang), '/cart', lang);

      const reload = await client.get('/cart', htmlIn(lang));
      assert.equal(reload.statusCode, 200, 'a reload is a clean page');
    }
  });

  test(`an expired consent form goes back to the page it names, or to the policy, on ${engine}`, async (t) => {
    const { app } = await buildTestApp(t, engine);
    for (const lang of LANGS) {
      const client = new TestClient(app);
      await client.get('/', htmlIn(lang));
      const fromBanner = await expiredPost(
        client,
        '/consent',
        { choice: 'accept', next: '/monsters' },
        lang,
      );
      assertExpiredPage(await carriedTo(client, fromBanner, '/monsters', lang), '/monsters', lang);
      const unnamed = await expiredPost(client, '/consent', { choice: 'reject' }, lang);
      assertExpiredPage(await carriedTo(client, unnamed, '/privacy', lang), '/privacy', lang);
    }
  });

  test(`an expired account form goes back to the account page or the front page, on ${engine}`, async (t) => {
    const { app } = await buildTestApp(t, engine);
    for (const lang of LANGS) {
      const { client } = await signedInClient(app, { email: `carried-${lang}@refusals.test` });
      for (const url of ['/account/sessions/end', '/account/sessions/end-others']) {
        const refused = await expiredPost(client, url, { session: 'x' }, lang);
        assertExpiredPage(await carriedTo(client, refused, '/account', lang), '/account', lang);
      }
      const consent = await expiredPost(
        client,
        '/consent',
        { choice: 'accept', next: '/account' },
        lang,
      );
      const account = await carriedTo(client, consent, '/account', lang);
      assertExpiredPage(account, '/account', lang);
      assert.equal(
        account.body.split('id="error-summary"').length - 1,
        1,
        'the banner form’s refusal is said once on the account page',
      );
      const logout = await expiredPost(client, '/logout', {}, lang);
      assertExpiredPage(await carriedTo(client, logout, '/', lang), '/', lang);
      const still = await client.get('/account', htmlIn(lang));
      assert.equal(still.statusCode, 200, 'the refused sign-out signed nobody out');
    }
  });

  test(`a body too large or of the wrong type goes back to the cart with its status, on ${engine}`, async (t) => {
    const { app } = await buildTestApp(t, engine);
    for (const lang of LANGS) {
      const client = new TestClient(app);
      await client.get('/cart', htmlIn(lang));
      const tooLarge = await client.request({
        method: 'POST',
        url: '/cart/items',
        headers: { ...htmlIn(lang), 'content-type': 'application/x-www-form-urlencoded' },
        payload: `monster_id=666&filler=${'x'.repeat(1_100_000)}`,
      });
      const page413 = await carriedTo(client, tooLarge, '/cart', lang);
      assert.equal(page413.statusCode, 413, lang);
      assert.equal(languageSwitchNext(page413.body), '/cart');

      const wrongType = await client.request({
        method: 'POST',
        url: '/cart/items/666',
        headers: { ...htmlIn(lang), 'content-type': 'text/plain' },
        payload: 'quantity=2',
      });
      const page415 = await carriedTo(client, wrongType, '/cart', lang);
      assert.equal(page415.statusCode, 415, lang);
    }
  });

  test(`API clients and non-HTML clients still get the 403 problem at once, on ${engine}`, async (t) => {
    const { app } = await buildTestApp(t, engine);
    const { client } = await signedInClient(app, { email: 'api@refusals.test' });
    const api = await client.request({
      method: 'POST',
      url: '/api/cart/items',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      payload: JSON.stringify({ monster_id: 666, quantity: 1 }),
    });
    assert.equal(api.statusCode, 403);
    assert.match(String(api.headers['content-type']), /application\/problem\+json/);
    const script = await client.post(
      '/cart/items',
      { monster_id: '666' },
      { accept: 'application/json' },
    );
    assert.equal(script.statusCode, 403);
    assert.match(String(script.headers['content-type']), /application\/problem\+json/);
  });
}
