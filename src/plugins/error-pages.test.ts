import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildTestApp } from '../../test/helpers/test-app.js';

const PAGE = { accept: 'text/html' };
const FRENCH_PAGE = { accept: 'text/html', 'accept-language': 'fr' };
/** The page the visitor came from, on this site (app.inject's host is `localhost:80`). */
const CAME_FROM = { referer: 'http://localhost:80/monsters?page=2' };

/** A query value longer than the page accepts: a 400. */
const MALFORMED = '/privacy?saved=whatever';

const mainOf = (html: string) => /<main[^>]*>([\s\S]*)<\/main>/.exec(html)?.[1] ?? '';

/** What a visitor reads in the page's main area, tags removed. */
const textOf = (html: string) =>
  mainOf(html)
    .replaceAll(/<[^>]+>/g, ' ')
    .replaceAll(/\s+/g, ' ')
    .trim();

test('a malformed address gets a plain-language 400 page with a way back, in English and French', async (t) => {
  const { app } = await buildTestApp(t, 'sqlite');
  const cases = [
    {
      headers: { ...PAGE, ...CAME_FROM },
      title: 'This link does not work',
      plain: /part of this address is not one the shop understands/i,
      back: 'Back to the previous page',
      home: 'Back to the home page',
    },
    {
      headers: { ...FRENCH_PAGE, ...CAME_FROM },
      title: 'Ce lien ne fonctionne pas',
      plain: /une partie de cette adresse n’est pas comprise par la boutique/i,
      back: 'Revenir à la page précédente',
      home: 'Retour à l’accueil',
    },
  ];
  for (const { headers, title, plain, back, home } of cases) {
    const page = await app.inject({ url: MALFORMED, headers });
    assert.equal(page.statusCode, 400);
    const main = mainOf(page.body);
    assert.match(main, new RegExp(`<h1 id="error-title">${title}</h1>`));
    assert.match(textOf(page.body), plain);
    assert.match(main, new RegExp(`<a href="/monsters\\?page=2">${back}</a>`), 'the previous page');
    assert.match(main, new RegExp(`<a href="/">${home}</a>`));
    // No field name nor schema wording meant for programs.
    assert.doesNotMatch(main, /saved|at most|characters|caractères/i);
  }

  const api = await app.inject({ url: MALFORMED, headers: { accept: '*/*' } });
  assert.equal(api.statusCode, 400);
  assert.equal(api.headers['content-type'], 'application/problem+json; charset=utf-8');
  assert.deepEqual(Object.keys(api.json().errors), ['saved'], 'API clients keep the field');
});

test('a way back is offered only to a page of this site, never to the failed address itself', async (t) => {
  const { app } = await buildTestApp(t, 'sqlite');
  const elsewhere = await app.inject({
    url: MALFORMED,
    headers: { ...PAGE, referer: 'https://evil.example/monsters' },
  });
  assert.doesNotMatch(mainOf(elsewhere.body), /previous page/);
  const itself = await app.inject({
    url: MALFORMED,
    headers: { ...PAGE, referer: `http://localhost:80${MALFORMED}` },
  });
  assert.doesNotMatch(mainOf(itself.body), /previous page/);
  assert.match(mainOf(itself.body), /<a href="\/">Back to the home page<\/a>/);
});

test('404, 405, 413 and 429 pages speak French, plainly, with a way back', async (t) => {
  const { app } = await buildTestApp(t, 'sqlite', {
    throttle: {
      signInFailuresPerAccount: 10,
      signInAttemptsPerIp: 1,
      registrationsPerIp: 50,
      windowSeconds: 900,
    },
  });
  const form = {
    ...FRENCH_PAGE,
    ...CAME_FROM,
    'content-type': 'application/x-www-form-urlencoded',
  };
  const notFound = await app.inject({
    url: '/nulle-part',
    headers: { ...FRENCH_PAGE, ...CAME_FROM },
  });
  const wrongMethod = await app.inject({
    method: 'DELETE',
    url: '/monsters',
    headers: { ...FRENCH_PAGE, ...CAME_FROM },
  });
  // A form whose page also answers GET: the error page is shown in place (a POST-only
  // URL carries it back to its page instead, docs/decisions/014).
  const tooLarge = await app.inject({
    method: 'POST',
    url: '/register',
    headers: form,
    payload: `email=a@b.c&padding=${'x'.repeat(1_100_000)}`,
  });
  await app.inject({ method: 'POST', url: '/login', headers: form, payload: 'email=a@b.c' });
  const throttled = await app.inject({
    method: 'POST',
    url: '/login',
    headers: form,
    payload: 'email=a@b.c',
  });
  const cases = [
    {
      page: notFound,
      status: 404,
      title: 'Page introuvable',
      plain: /rien ne vit à cette adresse/,
    },
    {
      page: wrongMethod,
      status: 405,
      title: 'Méthode non autorisée',
      plain: /Cette adresse ne peut pas être utilisée ainsi/,
    },
    {
      page: tooLarge,
      status: 413,
      title: 'Envoi trop volumineux',
      plain: /Ce que vous avez envoyé est trop volumineux/,
    },
    {
      page: throttled,
      status: 429,
      title: 'Trop de tentatives',
      plain: /Trop de tentatives en peu de temps/,
    },
  ];
  for (const { page, status, title, plain } of cases) {
    assert.equal(page.statusCode, status);
    assert.match(String(page.headers['content-type']), /^text\/html/, `${status}`);
    const main = mainOf(page.body);
    assert.match(main, new RegExp(`<h1 id="error-title">${title}</h1>`), `${status}`);
    assert.match(textOf(page.body), plain, `${status}`);
    assert.match(
      main,
      /<a href="\/monsters\?page=2">Revenir à la page précédente<\/a>/,
      `${status}`,
    );
    assert.match(main, /<a href="\/">Retour à l’accueil<\/a>/, `${status}`);
    assert.doesNotMatch(main, /Retry-After|Allow|Content-Length|corps/, `${status}: no jargon`);
  }
  assert.ok(throttled.headers['retry-after'], 'the 429 still says when to retry');
});
