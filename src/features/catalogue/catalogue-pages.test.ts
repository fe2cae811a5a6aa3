import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { testEngines } from '../../../test/helpers/databases.js';
import { TestClient } from '../../../test/helpers/http-client.js';
import { buildTestApp } from '../../../test/helpers/test-app.js';
import { demoMonsterRows } from '../../db/seed/seed.js';
import { formatPrice, type Lang } from '../../i18n/i18n.js';

const DEMO = demoMonsterRows();

function demo(id: number) {
  const monster = DEMO.find((row) => row.id === id);
  assert.ok(monster, `demo monster ${id}`);
  return monster;
}

async function page(app: FastifyInstance, url: string, lang: Lang = 'en') {
  return app.inject({ url, headers: { accept: 'text/html', 'accept-language': lang } });
}

/** Each card of a page, by the id of the monster it shows. */
function cardsOf(html: string): Map<number, string> {
  const cards = new Map<number, string>();
  for (const match of html.matchAll(/<article class="monster-card"[^>]*>.*?<\/article>/gs)) {
    const id = /aria-labelledby="monster-(\d+)-name"/.exec(match[0])?.[1];
    cards.set(Number(id), match[0]);
  }
  return cards;
}

const mainOf = (html: string) => /<main[^>]*>.*<\/main>/s.exec(html)?.[0] ?? '';
const noticeOf = (html: string) =>
  /<div class="query-notice"[^>]*>.*?<\/div>/s.exec(html)?.[0] ?? '';
const tableOf = (html: string) => /<table class="monster-table">.*?<\/table>/s.exec(html)?.[0];
const optionsOf = (html: string, name: string) =>
  new RegExp(`<select id="[^"]+" name="${name}">(.*?)</select>`, 's').exec(html)?.[1] ?? '';

for (const engine of testEngines()) {
  test(`/monsters shows cards: picture, name, category, height, price, stock, add to cart, on ${engine}`, async (t) => {
    const { app } = await buildTestApp(t, engine);
    const english = await page(app, '/monsters?per_page=100');
    assert.equal(english.statusCode, 200);
    assert.equal(tableOf(english.body), undefined, 'cards are the default view');
    const cards = cardsOf(english.body);
    assert.equal(cards.size, DEMO.length);

    const cthulhu = cards.get(1) ?? '';
    assert.match(cthulhu, /<img src="\/static\/img\/monsters\/cthulhu\.svg" alt(="")? /);
    assert.match(
      cthulhu,
      /<h2 class="monster-card-name" id="monster-1-name"><a href="\/monsters\/cosmic\/1">Cthulhu<\/a><\/h2>/,
    );
    assert.match(cthulhu, /Cosmic horrors/);
    assert.doesNotMatch(cthulhu, />cosmic</, 'never the raw slug');
    assert.match(cthulhu, /47\u00a0cm/);
    assert.ok(cthulhu.includes(`>${formatPrice(demo(1).price_cents, 'en')}</p>`));
    assert.match(cthulhu, /class="stock-badge stock-plenty"><span[^>]*>✓<\/span>In stock</);
    assert.match(
      cthulhu,
      /<form method="post" action="\/cart\/items" class="add-to-cart" id="add-to-cart-1">/,
    );
    assert.match(cthulhu, /<input type="hidden" name="monster_id" value="1"\/>/);
    assert.match(cthulhu, /<button type="submit"[^>]*>Add to cart<\/button>/);

    assert.equal(demo(2).stock, 1);
    assert.match(
      cards.get(2) ?? '',
      /class="stock-badge stock-few"><span[^>]*>!<\/span>Only 1 left</,
    );
    // Sold out: said in words, and nothing to add.
    assert.equal(demo(17).stock, 0);
    const yeti = cards.get(17) ?? '';
    assert.match(yeti, /class="stock-badge stock-none"><span[^>]*>✕<\/span>Sold out</);
    assert.doesNotMatch(yeti, /<form/);

    const french = cardsOf((await page(app, '/monsters?per_page=100', 'fr')).body);
    assert.match(french.get(1) ?? '', /Horreurs cosmiques/);
    assert.ok((french.get(1) ?? '').includes(formatPrice(demo(1).price_cents, 'fr')));
    assert.match(french.get(1) ?? '', /En stock/);
    assert.match(french.get(1) ?? '', />Ajouter au panier<\/button>/);
    assert.match(french.get(2) ?? '', /Plus qu’un seul/);
    assert.match(french.get(17) ?? '', /Épuisé/);
    assert.match(french.get(666) ?? '', /Cucurbitacées/);
  });

  test(`a card's "Add to cart" brings the shopper back to the same list on ${engine}`, async (t) => {
    const { app } = await buildTestApp(t, engine);
    const client = new TestClient(app);
    const list = '/monsters?sort=name&page=2&per_page=10';
    const card = cardsOf((await client.get(list)).body);
    assert.ok(card.size === 10);
    const added = await client.submit(list, '/cart/items', {
      monster_id: '666',
      quantity: '2',
      next: list,
      back: list,
    });
    assert.equal(added.statusCode, 303);
    assert.equal(added.headers.location, list);
    const back = await client.get(list);
    assert.equal(back.statusCode, 200);
    assert.match(back.body, /Cart \(2\)/);
  });

  test(`the table view is one click away and keeps every other choice on ${engine}`, async (t) => {
    const { app } = await buildTestApp(t, engine);
    const cardsPage = await page(app, '/monsters?category=cosmic&sort=height&order=desc');
    const views = /<nav class="view-switch"[^>]*>.*?<\/nav>/s.exec(cardsPage.body)?.[0] ?? '';
    assert.match(views, /aria-label="Show the monsters as"/);
    assert.match(
      views,
      /<a href="\/monsters\?category=cosmic&amp;sort=height&amp;order=desc" aria-current="true">Cards<\/a>/,
    );
    assert.match(
      views,
      /<a href="\/monsters\?category=cosmic&amp;sort=height&amp;order=desc&amp;view=table">Table<\/a>/,
    );

    const table = await page(app, '/monsters?category=cosmic&sort=height&order=desc&view=table');
    assert.equal(table.statusCode, 200);
    assert.equal(cardsOf(table.body).size, 0);
    // A labelled region the keyboard can reach scrolls the table on a phone, not the page.
    assert.match(
      table.body,
      /<(section|div) class="table-wrap"( role="region")? tabindex="0" aria-labelledby="monster-table-caption"><table class="monster-table"><caption id="monster-table-caption">Monsters 1 to 4 of 4<\/caption>/,
    );
    const head = /<thead>.*?<\/thead>/s.exec(table.body)?.[0] ?? '';
    assert.match(
      head,
      /<th scope="col" class="number" aria-sort="descending"><a href="\/monsters\?category=cosmic&amp;sort=height&amp;view=table"/,
    );
    assert.match(
      head,
      /<a href="\/monsters\?category=cosmic&amp;sort=name&amp;view=table"[^>]*>Name<\/a>/,
    );
    const rows = /<tbody>.*?<\/tbody>/s.exec(table.body)?.[0] ?? '';
    assert.match(
      rows,
      /<a href="\/monsters\?category=cosmic&amp;sort=height&amp;order=desc&amp;view=table">Cosmic horrors<\/a>/,
    );
    assert.match(
      table.body,
      /<a href="\/monsters\?category=cosmic&amp;sort=height&amp;order=desc&amp;view=table" aria-current="true">Table<\/a>/,
    );
    assert.match(table.body, /<input type="hidden" name="view" value="table"\/>/);

    const french = await page(app, '/monsters?view=table&per_page=100', 'fr');
    const frenchRows = /<tbody>.*?<\/tbody>/s.exec(french.body)?.[0] ?? '';
    assert.match(frenchRows, />Horreurs cosmiques<\/a>/);
    assert.match(frenchRows, />Cucurbitacées<\/a>/);
    assert.doesNotMatch(frenchRows, />cosmic<\/a>/);
    assert.match(french.body, /Faites défiler le tableau/);
  });

  test(`the filter chooses the category, order and page size, and keeps the view, on ${engine}`, async (t) => {
    const { app } = await buildTestApp(t, engine);
    const plain = await page(app, '/monsters');
    const form = /<form class="catalogue-filter"[^>]*>.*?<\/form>/s.exec(plain.body)?.[0] ?? '';
    assert.match(form, /method="get" action="\/monsters"/);
    assert.match(optionsOf(form, 'category'), /^<option value(="")?>All categories<\/option>/);
    assert.match(optionsOf(form, 'category'), /<option value="cosmic">Cosmic horrors<\/option>/);
    assert.deepEqual(
      [...optionsOf(form, 'per_page').matchAll(/<option value="(\d+)"( selected)?>/g)].map(
        (match) => `${match[1]}${match[2] ? '*' : ''}`,
      ),
      ['10', '20*', '50', '100'],
    );
    // Without JavaScript, a button applies it; with it, list-filter.js does on every change.
    assert.match(
      form,
      /<button type="submit" class="filter-apply" data-apply="true">Apply<\/button>/,
    );
    assert.match(form, /<p class="filter-hint" id="list-filter-hint" hidden>/);
    const script = /<script src="(\/static\/js\/list-filter\.js\?v=\w+)" defer><\/script>/.exec(
      plain.body,
    )?.[1];
    assert.ok(script, 'the enhancement script is linked, not inline');
    const served = await app.inject({ url: script });
    assert.equal(served.statusCode, 200);
    assert.match(String(served.headers['content-type']), /javascript/);
    assert.match(served.body, /requestSubmit/);

    const chosen = await page(
      app,
      '/monsters?category=folklore&sort=price&order=desc&per_page=50&view=table',
      'fr',
    );
    const frenchForm =
      /<form class="catalogue-filter"[^>]*>.*?<\/form>/s.exec(chosen.body)?.[0] ?? '';
    assert.match(frenchForm, /<option value="folklore" selected>Folklore<\/option>/);
    assert.match(frenchForm, /<option value="price" selected>Prix<\/option>/);
    assert.match(frenchForm, /<option value="desc" selected>Décroissant<\/option>/);
    assert.match(frenchForm, /<option value="50" selected>50<\/option>/);
    assert.match(frenchForm, /<input type="hidden" name="view" value="table"\/>/);
    assert.match(frenchForm, />Appliquer<\/button>/);

    // A page size from a link that the choice does not list is offered too.
    const seven = await page(app, '/monsters?per_page=7');
    assert.match(seven.body, /<option value="7" selected>7<\/option>/);
    assert.equal(cardsOf(seven.body).size, 7);
    assert.equal(cardsOf((await page(app, '/monsters?per_page=50')).body).size, DEMO.length);
  });

  test(`page links keep the category, order, page size and view on ${engine}`, async (t) => {
    const { app } = await buildTestApp(t, engine);
    const second = await page(app, '/monsters?sort=name&order=desc&per_page=10&page=2&view=table');
    const nav = /<nav aria-label="Pages">.*?<\/nav>/s.exec(second.body)?.[0] ?? '';
    const links = [...nav.matchAll(/href="([^"]+)"/g)].map((match) => match[1]);
    assert.ok(links.length >= 3, nav);
    for (const link of links) {
      assert.match(
        link ?? '',
        /^\/monsters\?sort=name&amp;order=desc&amp;(page=\d+&amp;)?per_page=10&amp;view=table$/,
      );
    }
    const views = /<nav class="view-switch"[^>]*>.*?<\/nav>/s.exec(second.body)?.[0] ?? '';
    assert.match(views, /href="\/monsters\?sort=name&amp;order=desc&amp;page=2&amp;per_page=10"/);

    const folklore = await page(app, '/monsters?category=folklore&per_page=2&page=2');
    const folkloreNav = /<nav aria-label="Pages">.*?<\/nav>/s.exec(folklore.body)?.[0] ?? '';
    assert.match(
      folkloreNav,
      /href="\/monsters\?category=folklore&amp;page=3&amp;per_page=2" rel="next"/,
    );
  });

  test(`a link the list cannot follow is explained plainly, in English and French, on ${engine}`, async (t) => {
    const { app } = await buildTestApp(t, engine);
    const cases: { query: string; field: string; en: RegExp; fr: RegExp }[] = [
      {
        query: 'sort=bogus',
        field: 'sort',
        en: /The list cannot be sorted by “bogus”: it is in catalogue order\./,
        fr: /La liste ne peut pas être triée par «\u00a0bogus\u00a0»\u00a0: elle suit l’ordre du catalogue\./,
      },
      {
        query: 'order=up',
        field: 'order',
        en: /“up” is not an order: the list is in ascending order\./,
        fr: /«\u00a0up\u00a0» n’est pas un ordre\u00a0: la liste est en ordre croissant\./,
      },
      {
        query: 'page=0',
        field: 'page',
        en: /There is no page “0”: here is the first page\./,
        fr: /Il n’y a pas de page «\u00a00\u00a0»\u00a0: voici la première\./,
      },
      {
        query: 'page=abc',
        field: 'page',
        en: /There is no page “abc”/,
        fr: /Il n’y a pas de page «\u00a0abc\u00a0»/,
      },
      {
        query: 'per_page=1000',
        field: 'per_page',
        en: /“1000” monsters per page is not possible \(1 to 100\): here are 20\./,
        fr: /Impossible d’afficher «\u00a01000\u00a0» monstres par page \(de 1 à 100\)\u00a0: en voici 20\./,
      },
      {
        query: 'category=no-such-category',
        field: 'category',
        en: /There is no category “no-such-category”: monsters of every category are shown\./,
        fr: /Il n’y a pas de catégorie «\u00a0no-such-category\u00a0»/,
      },
      {
        query: 'category=Not%20a%20slug',
        field: 'category',
        en: /There is no category “Not a slug”/,
        fr: /Il n’y a pas de catégorie «\u00a0Not a slug\u00a0»/,
      },
      {
        query: 'view=grid',
        field: 'view',
        en: /“grid” is not a way to show the list: here are cards\./,
        fr: /«\u00a0grid\u00a0» n’est pas une façon d’afficher la liste\u00a0: voici les fiches\./,
      },
    ];
    for (const { query, field, en, fr } of cases) {
      for (const [lang, explanation] of [
        ['en', en],
        ['fr', fr],
      ] as const) {
        const response = await page(app, `/monsters?${query}`, lang);
        const label = `${lang} ${query}`;
        assert.equal(response.statusCode, 400, label);
        assert.match(String(response.headers['content-type']), /^text\/html/, label);
        assert.match(response.body, new RegExp(`<html lang="${lang}">`), label);
        const notice = noticeOf(response.body);
        assert.match(notice, /role="alert"/, label);
        assert.match(notice, explanation, label);
        assert.match(
          notice,
          /<a href="\/monsters">(Show every monster|Voir tous les monstres)<\/a>/,
        );
        // Plain language: no validator text, no parameter name, no code.
        const main = mainOf(response.body);
        assert.doesNotMatch(main, /<code>|must be|allowed values|querystring/, label);
        assert.doesNotMatch(notice, new RegExp(`${field}=|\`${field}\`|per_page`), label);
        // The list itself, with the usual choice in place of what was ignored.
        assert.equal(cardsOf(response.body).size, 20, label);
      }
      // API clients keep the problem, which names the field (an unknown category is an
      // empty list there, and `view` only concerns the page).
      const problem = await app.inject({ url: `/monsters?${query}`, headers: { accept: '*/*' } });
      if (!['category=no-such-category', 'view=grid'].includes(query)) {
        assert.equal(problem.statusCode, 400, query);
        assert.match(String(problem.headers['content-type']), /^application\/problem\+json/);
        assert.ok(problem.json().errors[field], query);
      }
    }

    const both = await page(app, '/monsters?sort=bogus&per_page=1000&category=folklore');
    assert.equal(both.statusCode, 400);
    assert.equal(noticeOf(both.body).match(/<li>/g)?.length, 2);
    assert.ok(cardsOf(both.body).size === 5, 'what could be used still applies');
    const hostile = await page(app, `/monsters?sort=${encodeURIComponent('<b>x</b>')}`);
    assert.match(noticeOf(hostile.body), /“&lt;b>x&lt;\/b>”/);
    const long = await page(app, `/monsters?sort=${'x'.repeat(500)}`);
    assert.match(noticeOf(long.body), new RegExp(`“${'x'.repeat(40)}…”`));
  });

  test(`the monster page names its category, and writes numbers, in the visitor's language on ${engine}`, async (t) => {
    const { app, database } = await buildTestApp(t, engine);
    await database.handle.db
      .updateTable('monsters')
      .set({ height: 120000, stock: 1500 })
      .where('id', '=', 1)
      .execute();
    const english = await page(app, '/monsters/cosmic/1');
    assert.equal(english.statusCode, 200);
    const crumbs = /<ol class="breadcrumb">.*?<\/ol>/s.exec(english.body)?.[0] ?? '';
    assert.match(crumbs, /<a href="\/monsters\?category=cosmic">Cosmic horrors<\/a>/);
    assert.match(english.body, /<dd>120,000\u00a0cm<\/dd>/);
    assert.match(english.body, /1,500 in stock/);
    assert.match(
      english.body,
      /<dd><a href="\/monsters\?category=cosmic">Cosmic horrors<\/a><\/dd>/,
    );
    assert.match(english.body, /<dd class="monster-price price">€47\.00<\/dd>/);
    assert.match(
      english.body,
      /<p class="monster-description">Sleeps at the bottom of the Pacific/,
    );

    const french = await page(app, '/monsters/cosmic/1', 'fr');
    assert.match(french.body, /<a href="\/monsters\?category=cosmic">Horreurs cosmiques<\/a>/);
    assert.match(french.body, /<dd>120\u202f000\u00a0cm<\/dd>/);
    assert.match(french.body, /1\u202f500 en stock/);
    assert.match(french.body, /<dd class="monster-price price">47,00\u00a0€<\/dd>/);
    assert.match(french.body, /<p class="monster-description">Il sommeille au fond du Pacifique/);
    assert.match(french.body, />Ajouter au panier<\/button>/);

    // Not translated yet: the English text, marked as English.
    await database.handle.db
      .updateTable('monsters')
      .set({ description_fr: '' })
      .where('id', '=', 2)
      .execute();
    const untranslated = await page(app, '/monsters/cosmic/2', 'fr');
    assert.match(
      untranslated.body,
      new RegExp(`<p class="monster-description" lang="en">${demo(2).description.slice(0, 20)}`),
    );
    const soldOut = await page(app, '/monsters/cryptid/17', 'fr');
    assert.match(soldOut.body, /class="stock-badge stock-none"><span[^>]*>✕<\/span>Épuisé</);
  });
}
