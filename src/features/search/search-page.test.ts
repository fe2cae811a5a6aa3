import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { testEngines } from '../../../test/helpers/databases.js';
import { buildTestApp } from '../../../test/helpers/test-app.js';
import type { Lang } from '../../i18n/i18n.js';
import { MAX_QUERY_LENGTH } from '../catalogue/index.js';

async function page(app: FastifyInstance, url: string, lang: Lang = 'en') {
  return app.inject({ url, headers: { accept: 'text/html', 'accept-language': lang } });
}

const cardsOf = (html: string) =>
  [...html.matchAll(/<article class="monster-card"[^>]*>.*?<\/article>/gs)].map((m) => m[0]);
const noticeOf = (html: string) =>
  /<div class="query-notice"[^>]*>.*?<\/div>/s.exec(html)?.[0] ?? '';
const mainOf = (html: string) => /<main[^>]*>.*<\/main>/s.exec(html)?.[0] ?? '';

for (const engine of testEngines()) {
  test(`search results are cards, in the visitor's language, on ${engine}`, async (t) => {
    const { app } = await buildTestApp(t, engine);
    const english = await page(app, '/search?q=cthulhu');
    assert.equal(english.statusCode, 200);
    const [card = '', ...others] = cardsOf(english.body);
    assert.equal(others.length, 0);
    assert.match(card, /<img src="\/static\/img\/monsters\/cthulhu\.svg"/);
    assert.match(
      card,
      /<h2 class="monster-card-name" id="monster-1-name"><a href="\/monsters\/cosmic\/1">Cthulhu<\/a><\/h2>/,
    );
    assert.match(card, /Cosmic horrors/);
    assert.match(card, /<p class="monster-card-description">Sleeps at the bottom of the Pacific/);
    assert.match(card, /€47\.00/);
    assert.match(card, /In stock/);
    assert.match(
      card,
      /<form method="post" action="\/cart\/items" class="add-to-cart" id="add-to-cart-1">/,
    );

    const french = await page(app, '/search?q=cthulhu', 'fr');
    const [frenchCard = ''] = cardsOf(french.body);
    assert.match(frenchCard, /Horreurs cosmiques/);
    assert.match(
      frenchCard,
      /<p class="monster-card-description">Il sommeille au fond du Pacifique/,
    );
    assert.match(frenchCard, /47,00\u00a0€/);
    assert.match(frenchCard, /En stock/);
  });

  test(`the search page's form is named apart from the header's, on ${engine}`, async (t) => {
    const { app } = await buildTestApp(t, engine);
    for (const [lang, name] of [
      ['en', 'Find a monster'],
      ['fr', 'Trouver un monstre'],
    ] as const) {
      const response = await page(app, '/search', lang);
      const forms = [...response.body.matchAll(/<form[^>]*role="search"[^>]*>.*?<\/form>/gs)].map(
        (m) => m[0],
      );
      assert.equal(forms.length, 2, 'the header and the page each search');
      const own = forms.find((form) => form.includes('id="search-query"')) ?? '';
      const header = forms.find((form) => form !== own) ?? '';
      assert.match(own, new RegExp(`aria-label="${name}"`));
      assert.match(own, new RegExp(`<label for="search-query">${name}</label>`));
      assert.ok(!header.includes(name), `${lang}: the header's search has another name`);
    }
  });

  test(`a search link the page cannot follow is explained plainly, in both languages, on ${engine}`, async (t) => {
    const { app } = await buildTestApp(t, engine);
    const cases = [
      {
        query: 'q=a&page=0',
        en: /There is no page “0”: here is the first page\./,
        fr: /Il n’y a pas de page «\u00a00\u00a0»\u00a0: voici la première\./,
      },
      {
        query: 'q=a&per_page=1000',
        en: /“1000” monsters per page is not possible \(1 to 100\): here are 20\./,
        fr: /Impossible d’afficher «\u00a01000\u00a0» monstres par page/,
      },
    ];
    for (const { query, en, fr } of cases) {
      for (const [lang, explanation] of [
        ['en', en],
        ['fr', fr],
      ] as const) {
        const response = await page(app, `/search?${query}`, lang);
        assert.equal(response.statusCode, 400, `${lang} ${query}`);
        const notice = noticeOf(response.body);
        assert.match(notice, explanation);
        assert.match(notice, /<a href="\/search\?q=a">/, 'the same search, from its start');
        assert.doesNotMatch(mainOf(response.body), /<code>|must be|per_page=|`page`/);
        assert.equal(cardsOf(response.body).length, 20, 'the first page of the usual size');
      }
      const problem = await app.inject({ url: `/search?${query}`, headers: { accept: '*/*' } });
      assert.equal(problem.statusCode, 400);
      assert.match(String(problem.headers['content-type']), /^application\/problem\+json/);
    }

    // A search too long is refused beside the search box, with the text kept.
    const typed = 'x'.repeat(MAX_QUERY_LENGTH + 1);
    for (const [lang, message] of [
      ['en', 'Use at most 200 characters.'],
      ['fr', 'Utilisez au plus 200 caractères.'],
    ] as const) {
      const response = await page(app, `/search?q=${typed}`, lang);
      assert.equal(response.statusCode, 400);
      assert.match(response.body, new RegExp(`<html lang="${lang}">`));
      const input = /<input id="search-query"[^>]*>/.exec(response.body)?.[0] ?? '';
      assert.ok(input.includes(`value="${typed}"`), input);
      assert.match(input, /aria-invalid="true"/);
      assert.ok(
        response.body.includes(`<p id="search-query-error" class="field-error">${message}</p>`),
      );
      assert.match(response.body, /class="form-error"/);
      assert.doesNotMatch(mainOf(response.body), /<code>|must NOT have/);
      assert.equal(cardsOf(response.body).length, 0);
    }
    const problem = await app.inject({ url: `/search?q=${typed}`, headers: { accept: '*/*' } });
    assert.equal(problem.statusCode, 400);
    assert.ok(problem.json().errors.q);
  });
}
