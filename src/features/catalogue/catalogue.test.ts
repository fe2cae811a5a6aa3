import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { testEngines } from '../../../test/helpers/databases.js';
import { buildTestApp } from '../../../test/helpers/test-app.js';
import { findMonstersByIds, type Monster } from '../../db/monsters.queries.js';
import { demoMonsterRows } from '../../db/seed/seed.js';

const HTML = { accept: 'text/html' };
const CURL = { accept: '*/*' };
const FRENCH = { 'accept-language': 'fr' };
const MONSTER_KEYS = [
  'category',
  'description',
  'height',
  'id',
  'image',
  'name',
  'price_cents',
  'stock',
];
const DEMO: Monster[] = demoMonsterRows();
/** The demo monsters as English JSON shows them: one description. */
const DEMO_JSON = DEMO.map(({ description_fr: _french, ...json }) => json);

interface ListBody {
  items: Monster[];
  page: number;
  per_page: number;
  total: number;
}

async function getList(app: FastifyInstance, url: string): Promise<ListBody> {
  const response = await app.inject({ url, headers: CURL });
  assert.equal(response.statusCode, 200, `${url}: ${response.body}`);
  return response.json();
}

/** Byte order, as both engines compare text in the test cluster's C collation. */
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const SORTS = {
  id: (a: Monster, b: Monster) => a.id - b.id,
  name: (a: Monster, b: Monster) => compareText(a.name, b.name) || a.id - b.id,
  height: (a: Monster, b: Monster) => a.height - b.height || a.id - b.id,
  price: (a: Monster, b: Monster) => a.price_cents - b.price_cents || a.id - b.id,
};

for (const engine of testEngines()) {
  test(`/monsters sorts by every key, both ways, on ${engine}`, async (t) => {
    const { app } = await buildTestApp(t, engine);
    for (const [sort, compare] of Object.entries(SORTS)) {
      for (const order of ['asc', 'desc'] as const) {
        const body = await getList(app, `/monsters?sort=${sort}&order=${order}&per_page=100`);
        const expected = DEMO.toSorted(compare);
        if (order === 'desc') expected.reverse();
        assert.deepEqual(
          body.items.map((monster) => monster.id),
          expected.map((monster) => monster.id),
          `sort=${sort}&order=${order}`,
        );
        assert.equal(body.total, DEMO.length);
      }
    }

    const byDefault = await getList(app, '/monsters');
    assert.deepEqual(
      { page: byDefault.page, per_page: byDefault.per_page, total: byDefault.total },
      { page: 1, per_page: 20, total: DEMO.length },
    );
    assert.deepEqual(
      byDefault.items.map((monster) => monster.id),
      DEMO.map((monster) => monster.id)
        .toSorted((a, b) => a - b)
        .slice(0, 20),
    );
    // Every item is exactly the monster object of docs/requirements.md §4.
    for (const item of byDefault.items) assert.deepEqual(Object.keys(item).sort(), MONSTER_KEYS);
    assert.deepEqual(
      byDefault.items.find((monster) => monster.id === 1),
      DEMO_JSON.find((monster) => monster.id === 1),
    );
  });

  test(`/monsters filters by category on ${engine}`, async (t) => {
    const { app, database } = await buildTestApp(t, engine);
    const cosmic = await getList(app, '/monsters?category=cosmic&sort=height&order=desc');
    const expected = DEMO.filter((monster) => monster.category === 'cosmic').toSorted(
      (a, b) => b.height - a.height,
    );
    assert.deepEqual(
      cosmic.items.map((monster) => monster.name),
      expected.map((monster) => monster.name),
    );
    assert.equal(cosmic.total, expected.length);
    assert.ok(cosmic.items.some((monster) => monster.name === 'Cthulhu'));

    const unknown = await getList(app, '/monsters?category=no-such-category');
    assert.deepEqual(unknown, { items: [], page: 1, per_page: 20, total: 0 });
    assert.equal((await getList(app, '/monsters?category=')).total, DEMO.length);

    const page = await app.inject({ url: '/monsters?category=folklore&sort=name', headers: HTML });
    assert.match(page.body, /<option value="folklore" selected>Folklore<\/option>/);
    assert.match(page.body, /<option value="name" selected>Name<\/option>/);
    const cards = /<ul class="monster-grid">.*?<\/ul>/s.exec(page.body)?.[0] ?? '';
    assert.match(cards, /La Bête du Gévaudan/);
    assert.doesNotMatch(cards, /Cthulhu/);
    // A category no monster is in (yet) is an empty list; one the shop does not have is ignored.
    await database.handle.db
      .insertInto('categories')
      .values({ slug: 'gargoyle', name_en: 'Gargoyles', name_fr: 'Gargouilles' })
      .execute();
    const empty = await app.inject({ url: '/monsters?category=gargoyle', headers: HTML });
    assert.equal(empty.statusCode, 200);
    assert.match(empty.body, /No monster matches these criteria\./);
    assert.doesNotMatch(empty.body, /<table|class="monster-card"/);
    const unknownPage = await app.inject({
      url: '/monsters?category=no-such-category',
      headers: HTML,
    });
    assert.equal(unknownPage.statusCode, 400);
    assert.match(unknownPage.body, /There is no category “no-such-category”/);
  });

  test(`/monsters paginates, up to the last page and past it, on ${engine}`, async (t) => {
    const { app } = await buildTestApp(t, engine);
    const perPage = 7;
    const lastPage = Math.ceil(DEMO.length / perPage);
    const seen: number[] = [];
    for (let page = 1; page <= lastPage; page++) {
      const body = await getList(app, `/monsters?per_page=${perPage}&page=${page}`);
      assert.equal(body.page, page);
      assert.equal(body.total, DEMO.length);
      assert.equal(body.items.length, page < lastPage ? perPage : DEMO.length % perPage || perPage);
      seen.push(...body.items.map((monster) => monster.id));
    }
    assert.deepEqual(
      seen,
      DEMO.map((monster) => monster.id).toSorted((a, b) => a - b),
      'pages neither overlap nor skip',
    );

    const past = await getList(app, `/monsters?per_page=${perPage}&page=${lastPage + 1}`);
    assert.deepEqual(past.items, []);
    assert.equal(past.total, DEMO.length);
    const pastHtml = await app.inject({
      url: `/monsters?page=${lastPage + 1}&per_page=7`,
      headers: HTML,
    });
    assert.equal(pastHtml.statusCode, 200);
    assert.match(pastHtml.body, /This page is past the end of the list\./);
    assert.match(pastHtml.body, /<a href="\/monsters\?per_page=7">Go to the first page<\/a>/);

    const second = await app.inject({
      url: '/monsters?per_page=7&page=2&sort=name',
      headers: HTML,
    });
    const nav = /<nav aria-label="Pages">.*?<\/nav>/s.exec(second.body)?.[0] ?? '';
    assert.match(
      nav,
      /href="\/monsters\?sort=name&amp;page=2&amp;per_page=7"[^>]*aria-current="page"/,
    );
    assert.match(nav, /href="\/monsters\?sort=name&amp;per_page=7" rel="prev"/);
    assert.match(nav, /href="\/monsters\?sort=name&amp;page=3&amp;per_page=7" rel="next"/);
    assert.equal(nav.match(/aria-current/g)?.length, 1);

    const last = await app.inject({ url: `/monsters?per_page=7&page=${lastPage}`, headers: HTML });
    assert.doesNotMatch(last.body, /rel="next"/);
    const first = await app.inject({ url: '/monsters?per_page=7', headers: HTML });
    assert.doesNotMatch(first.body, /rel="prev"/);
    assert.match(first.body, /<p class="list-count">Showing monsters 1 to 7 of 31\.<\/p>/);
  });

  test(`/monsters refuses malformed or out-of-range parameters with 400 on ${engine}`, async (t) => {
    const { app } = await buildTestApp(t, engine);
    const cases: [string, string][] = [
      ['page=0', 'page'],
      ['page=-1', 'page'],
      ['page=abc', 'page'],
      ['page=1.5', 'page'],
      ['page=99999999999999999999', 'page'],
      ['per_page=0', 'per_page'],
      ['per_page=101', 'per_page'],
      ['per_page=ten', 'per_page'],
      ['sort=colour', 'sort'],
      ['order=up', 'order'],
      ['category=Not%20a%20slug', 'category'],
      ['page=1&page=2', 'page'],
    ];
    for (const [query, field] of cases) {
      const response = await app.inject({ url: `/monsters?${query}`, headers: CURL });
      assert.equal(response.statusCode, 400, query);
      assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
      const problem = response.json();
      assert.equal(problem.status, 400);
      assert.ok(problem.errors?.[field], `${query}: errors.${field} in ${response.body}`);
    }
    const both = (await app.inject({ url: '/monsters?page=0&per_page=101', headers: CURL })).json();
    assert.deepEqual(Object.keys(both.errors).sort(), ['page', 'per_page']);

    const page = await app.inject({ url: '/monsters?per_page=0', headers: HTML });
    assert.equal(page.statusCode, 400);
    assert.match(String(page.headers['content-type']), /^text\/html/);
    // The page says it in plain words; the field names are for API clients.
    assert.doesNotMatch(page.body, /<code>per_page<\/code>/);
    assert.match(page.body, /“0” monsters per page is not possible/);
  });

  test(`/monsters/:id redirects to the canonical URL on ${engine}`, async (t) => {
    const { app } = await buildTestApp(t, engine);
    for (const headers of [CURL, HTML]) {
      const response = await app.inject({ url: '/monsters/666', headers });
      assert.equal(response.statusCode, 301);
      assert.equal(response.headers.location, '/monsters/curcubitaceous/666');
      assert.equal(response.headers.vary, 'Accept');
    }
    assert.equal(
      (await app.inject({ url: '/monsters/1', headers: CURL })).headers.location,
      '/monsters/cosmic/1',
    );
    for (const id of ['9999', 'abc', '1.5', '-1', '0', '99999999999999999999', '%20']) {
      const response = await app.inject({ url: `/monsters/${id}`, headers: CURL });
      assert.equal(response.statusCode, 404, `/monsters/${id}`);
      assert.equal(response.json().status, 404);
    }
    const missing = await app.inject({ url: '/monsters/abc', headers: HTML });
    assert.equal(missing.statusCode, 404);
    assert.match(missing.body, /Page not found/);
  });

  test(`/monsters/:category/:id shows a monster, or redirects to its canonical URL, on ${engine}`, async (t) => {
    const { app, database } = await buildTestApp(t, engine);
    // The course's curl command.
    const curl = await app.inject({ url: '/monsters/curcubitaceous/666', headers: CURL });
    assert.equal(curl.statusCode, 200);
    assert.match(String(curl.headers['content-type']), /^application\/json/);
    assert.deepEqual(
      curl.json(),
      DEMO_JSON.find((monster) => monster.id === 666),
    );
    assert.equal(curl.json().name, "Jack O'Lantern");

    const wrong = await app.inject({ url: '/monsters/cosmic/666', headers: HTML });
    assert.equal(wrong.statusCode, 301);
    assert.equal(wrong.headers.location, '/monsters/curcubitaceous/666');
    assert.equal(wrong.headers.vary, 'Accept');
    for (const url of ['/monsters/cosmic/9999', '/monsters/cosmic/abc', '/monsters/cosmic/1x']) {
      assert.equal((await app.inject({ url, headers: CURL })).statusCode, 404, url);
    }
    // One URL per monster: the id written another way redirects too.
    for (const url of ['/monsters/curcubitaceous/0666', '/monsters/cosmic/0666']) {
      const other = await app.inject({ url, headers: HTML });
      assert.equal(other.statusCode, 301, url);
      assert.equal(other.headers.location, '/monsters/curcubitaceous/666', url);
    }

    const page = await app.inject({ url: '/monsters/curcubitaceous/666', headers: HTML });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1>Jack O&#39;Lantern<\/h1>|<h1>Jack O'Lantern<\/h1>/);
    assert.match(
      page.body,
      /<img src="\/static\/img\/monsters\/jack-o-lantern\.svg" alt="Picture of Jack O/,
    );
    assert.match(page.body, /€6\.66/);
    assert.match(page.body, /31 in stock/);
    const form =
      /<form method="post" action="\/cart\/items" class="add-to-cart" id="add-to-cart-666">.*?<\/form>/s.exec(
        page.body,
      )?.[0] ?? '';
    assert.match(form, /<input type="hidden" name="_csrf" value="[^"]+"\/>/);
    assert.match(form, /<input type="hidden" name="monster_id" value="666"\/>/);
    assert.match(
      form,
      /<input id="add-to-cart-666-quantity" type="number" name="quantity"[^>]* min="1" max="31"/,
    );
    assert.match(form, /<label for="add-to-cart-666-quantity">Quantity<\/label>/);
    assert.match(form, /<button type="submit">Add to cart<\/button>/);

    // The form offers no more than the cart takes in one line (99), whatever the stock.
    await database.handle.db
      .updateTable('monsters')
      .set({ stock: 500 })
      .where('id', '=', 1)
      .execute();
    const plenty = await app.inject({ url: '/monsters/cosmic/1', headers: HTML });
    assert.match(plenty.body, /500 in stock/);
    assert.match(
      plenty.body,
      /<input id="add-to-cart-1-quantity" type="number" name="quantity"[^>]* min="1" max="99"/,
    );

    const soldOut = await app.inject({ url: '/monsters/cryptid/17', headers: HTML });
    assert.match(soldOut.body, /Sold out/);
    assert.match(soldOut.body, /<button type="submit" disabled>/);

    const french = await app.inject({
      url: '/monsters/curcubitaceous/666',
      headers: { ...HTML, 'accept-language': 'fr' },
    });
    assert.match(french.body, /6,66\s€/);
    assert.match(french.body, /Ajouter au panier/);
  });

  test(`an unknown monster is a 404 that says so in the visitor's language on ${engine}`, async (t) => {
    const { app } = await buildTestApp(t, engine);
    for (const url of [
      '/monsters/9999',
      '/monsters/abc',
      '/monsters/cosmic/9999',
      '/api/monsters/9999',
    ]) {
      const response = await app.inject({ url, headers: { ...CURL, ...FRENCH } });
      assert.equal(response.statusCode, 404, url);
      assert.match(String(response.headers['content-type']), /^application\/problem\+json/, url);
      const { code, detail } = response.json();
      assert.deepEqual(
        { code, detail },
        {
          code: 'catalogue.unknown_monster',
          detail: 'Ce monstre n’existe pas (ou plus).',
        },
        url,
      );
    }
    const english = await app.inject({ url: '/api/monsters/9999', headers: CURL });
    assert.equal(english.json().detail, 'This monster does not exist (any more).');
    const page = await app.inject({
      url: '/monsters/cosmic/9999',
      headers: { ...HTML, ...FRENCH },
    });
    assert.equal(page.statusCode, 404);
    assert.match(page.body, /<html lang="fr">/);
    assert.match(page.body, /<p class="error-detail">Ce monstre n’existe pas \(ou plus\)\.<\/p>/);
  });

  test(`a refused list query is explained in French, page and problem alike, on ${engine}`, async (t) => {
    const { app } = await buildTestApp(t, engine);
    const refused = await app.inject({
      url: '/monsters?sort=bogus&per_page=500',
      headers: { ...CURL, ...FRENCH },
    });
    assert.equal(refused.statusCode, 400);
    const { detail, errors } = refused.json();
    assert.deepEqual(
      { detail, errors },
      {
        detail: 'Certains champs sont invalides.',
        errors: {
          sort: 'Choisissez parmi\u00a0: id, name, height, price.',
          per_page: 'Saisissez 100 ou moins.',
        },
      },
    );
    const page = await app.inject({ url: '/monsters?sort=bogus', headers: { ...HTML, ...FRENCH } });
    assert.equal(page.statusCode, 400);
    assert.match(page.body, /<html lang="fr">/);
    // The page speaks plainly, and shows the list as usual; the field names are for API clients.
    assert.match(page.body, /La liste ne peut pas être triée par «\u00a0bogus\u00a0»/);
    assert.match(page.body, /class="monster-card"/);
    assert.doesNotMatch(page.body, /<code>sort<\/code>/);
  });

  test(`findMonstersByIds answers in the order asked, each monster once, on ${engine}`, async (t) => {
    const { database } = await buildTestApp(t, engine);
    const { db } = database.handle;
    const found = await findMonstersByIds(db, [666, 9999, 1, 666, 2]);
    assert.deepEqual(
      found.map((monster) => monster.id),
      [666, 1, 2],
      'unknown ids left out, duplicates once',
    );
    assert.deepEqual(
      found[1],
      DEMO.find((monster) => monster.id === 1),
    );
    assert.deepEqual(await findMonstersByIds(db, []), []);
    assert.deepEqual(await findMonstersByIds(db, [2, 1], ['name']), [
      { id: 2, name: 'Nyarlathotep' },
      { id: 1, name: 'Cthulhu' },
    ]);
  });

  test(`catalogue routes negotiate HTML or JSON and say Vary: Accept on ${engine}`, async (t) => {
    const { app } = await buildTestApp(t, engine);
    const accepts: [Record<string, string>, 'html' | 'json'][] = [
      [{ accept: 'text/html,application/xhtml+xml,*/*;q=0.8' }, 'html'],
      [HTML, 'html'],
      [CURL, 'json'],
      [{ accept: 'application/json' }, 'json'],
      [{}, 'json'],
    ];
    for (const url of ['/monsters', '/monsters/cosmic/1', '/search?q=cthulhu']) {
      for (const [headers, kind] of accepts) {
        const response = await app.inject({ url, headers });
        assert.equal(response.statusCode, 200);
        // JSON descriptions also follow the client's language.
        const vary = kind === 'json' ? 'Accept, Accept-Language' : 'Accept';
        assert.equal(response.headers.vary, vary, url);
        const type = String(response.headers['content-type']);
        if (kind === 'html') {
          assert.match(type, /^text\/html/, `${url} ${JSON.stringify(headers)}`);
          assert.match(response.body, /^<!DOCTYPE html><html lang="en">/);
        } else {
          assert.match(type, /^application\/json/, `${url} ${JSON.stringify(headers)}`);
          assert.doesNotThrow(() => response.json());
        }
      }
    }
    for (const url of ['/monsters/9999', '/monsters/cosmic/9999', '/monsters?page=0']) {
      assert.equal((await app.inject({ url, headers: CURL })).headers.vary, 'Accept', url);
    }
    const head = await app.inject({ method: 'HEAD', url: '/monsters', headers: HTML });
    assert.equal(head.statusCode, 200);
    assert.equal(head.body, '');
  });

  test(`the /monsters table links every sortable column on ${engine}`, async (t) => {
    const { app } = await buildTestApp(t, engine);
    const page = await app.inject({
      url: '/monsters?sort=height&category=cosmic&view=table',
      headers: HTML,
    });
    const head = /<thead>.*?<\/thead>/s.exec(page.body)?.[0] ?? '';
    assert.match(
      head,
      /<th scope="col" class="number" aria-sort="ascending"><a href="\/monsters\?category=cosmic&amp;sort=height&amp;order=desc&amp;view=table"/,
    );
    assert.match(
      head,
      /<a href="\/monsters\?category=cosmic&amp;sort=name&amp;view=table"[^>]*>Name<\/a>/,
    );
    assert.match(
      head,
      /<a href="\/monsters\?category=cosmic&amp;sort=price&amp;view=table"[^>]*>Price<\/a>/,
    );
    assert.match(
      head,
      /<a href="\/monsters\?category=cosmic&amp;sort=id&amp;view=table"[^>]*>Id<\/a>/,
    );
    assert.equal(head.match(/aria-sort/g)?.length, 1);
    const rows = /<tbody>.*?<\/tbody>/s.exec(page.body)?.[0] ?? '';
    const names = [...rows.matchAll(/<a href="\/monsters\/cosmic\/\d+">([^<]+)<\/a>/g)].map(
      (m) => m[1],
    );
    assert.deepEqual(names, ['Cthulhu', 'Nyarlathotep', 'Dagon', 'Azathoth']);
  });

  test(`list totals and categories follow inserts, updates and deletes on ${engine}`, async (t) => {
    const { app, database } = await buildTestApp(t, engine);
    const { db } = database.handle;
    const total = async (query = '') => (await getList(app, `/monsters${query}`)).total;
    const categoryOptions = async () => {
      const page = await app.inject({ url: '/monsters', headers: HTML });
      return [...page.body.matchAll(/<option value="([a-z0-9-]+)"/g)].map((match) => match[1]);
    };
    const spirits = await total('?category=spirit');

    const { id } = await db
      .insertInto('monsters')
      .values({
        name: 'Gargouille',
        height: 90,
        category: 'gargoyle',
        description: 'Crache l’eau de pluie depuis Notre-Dame.',
        price_cents: 4200,
        stock: 2,
        image: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    assert.equal(await total(), DEMO.length + 1);
    assert.equal(await total('?category=gargoyle'), 1);
    assert.ok((await categoryOptions()).includes('gargoyle'));
    const listed = await getList(app, '/monsters?category=gargoyle');
    assert.equal(listed.items[0]?.id, id);

    await db
      .updateTable('monsters')
      .set({ stock: 0, price_cents: 1 })
      .where('id', '=', id)
      .execute();
    assert.equal(await total('?category=gargoyle'), 1, 'other updates change no count');
    await db.updateTable('monsters').set({ category: 'spirit' }).where('id', '=', id).execute();
    assert.equal(await total('?category=gargoyle'), 0);
    assert.equal(await total('?category=spirit'), spirits + 1);
    assert.ok(!(await categoryOptions()).includes('gargoyle'));

    await db.deleteFrom('monsters').where('id', '=', id).execute();
    assert.equal(await total('?category=spirit'), spirits);
    assert.equal(await total(), DEMO.length);
  });
}
