import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { testEngines } from '../../../test/helpers/databases.js';
import { buildTestApp } from '../../../test/helpers/test-app.js';
import type { Monster } from '../../db/monsters.queries.js';
import { generatedMonster } from '../../db/seed/generated-monsters.js';
import { seedGeneratedMonsters } from '../../db/seed/seed.js';
import { MAX_QUERY_LENGTH } from '../catalogue/index.js';

const HTML = { accept: 'text/html' };
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const FRENCH = { 'accept-language': 'fr' };

interface SearchBody {
  items: Monster[];
  page: number;
  per_page: number;
  total: number;
  q: string;
}

async function search(app: FastifyInstance, query: string, extra = ''): Promise<SearchBody> {
  const url = `/search?q=${encodeURIComponent(query)}${extra}`;
  const response = await app.inject({ url, headers: { accept: '*/*' } });
  assert.equal(response.statusCode, 200, `${url}: ${response.body}`);
  return response.json();
}

const names = (body: SearchBody) => body.items.map((monster) => monster.name);

/** Every monster of `/api/monsters?{query}`, page after page. */
async function everyPage(app: FastifyInstance, query: string): Promise<Monster[]> {
  const monsters: Monster[] = [];
  for (let page = 1; ; page++) {
    const response = await app.inject({ url: `/api/monsters?${query}&per_page=20&page=${page}` });
    assert.equal(response.statusCode, 200, response.body);
    const body: SearchBody = response.json();
    monsters.push(...body.items);
    if (body.items.length === 0 || monsters.length >= body.total) return monsters;
  }
}

/** The ranking's tier of a one-word search: 0 a whole word of the name, 1 a word's beginning, else 2. */
function nameTier(name: string, term: string): number {
  const words = name.toLowerCase().split(/[^\p{L}\p{N}]+/u);
  if (words.includes(term)) return 0;
  return words.some((word) => word.startsWith(term)) ? 1 : 2;
}

for (const engine of testEngines()) {
  test(`search sees through case and accents on ${engine}`, async (t) => {
    const { app } = await buildTestApp(t, engine);
    for (const query of ['gevaudan', 'bete', 'BÊTE', 'Gévaudan', 'béte', 'GEV', 'la bete du']) {
      const body = await search(app, query);
      assert.equal(body.items[0]?.name, 'La Bête du Gévaudan', query);
      assert.equal(body.q, query);
    }
    // `Chaîne des Puys` is in the description of the Loup-Garou.
    for (const query of ['chaine', 'CHAÎNE', 'chaîne puys']) {
      assert.deepEqual(names(await search(app, query)), ['Le Loup-Garou'], query);
    }
    assert.deepEqual(names(await search(app, 'fantome opera')), ["Le Fantôme de l'Opéra"]);
    assert.deepEqual(names(await search(app, 'loup-garou')), ['Le Loup-Garou']);
    // Category slugs are searched too.
    const curcubitaceous = await search(app, 'curcubitaceous', '&per_page=100');
    assert.ok(curcubitaceous.items.every((monster) => monster.category === 'curcubitaceous'));
    assert.ok(names(curcubitaceous).includes("Jack O'Lantern"));
    // Every word must match.
    assert.deepEqual(names(await search(app, 'bete cthulhu')), []);
    assert.equal((await search(app, 'xylophone')).items[0]?.name, 'Mr. Bones');
  });

  test(`search ranks name matches first, whole words before prefixes, on ${engine}`, async (t) => {
    const { app } = await buildTestApp(t, engine);
    const la = await search(app, 'la', '&per_page=100');
    // Whole word "la" in the name, then a name word starting with "la", each in catalogue order.
    assert.deepEqual(names(la).slice(0, 5), [
      'La Bête du Gévaudan',
      'La Dame Blanche',
      'La Vouivre',
      'La Tarasque',
      "Jack O'Lantern",
    ]);
    assert.ok(la.total > 5, 'descriptions with words starting with "la" come after');
    const rest = la.items.slice(5).map((monster) => monster.id);
    assert.deepEqual(
      rest,
      rest.toSorted((a, b) => a - b),
      'then in catalogue order',
    );
    assert.ok(names(la).includes('Loch Ness Monster'), '"lake" in its description');

    // The Pumpkin King is named so; the others only mention a pumpkin.
    assert.deepEqual(names(await search(app, 'pumpkin')), [
      'The Pumpkin King',
      'Headless Horseman',
      "Jack O'Lantern",
    ]);
    assert.deepEqual(names(await search(app, 'bone')), ['Mr. Bones']);
  });

  test(`search results page through like the list on ${engine}`, async (t) => {
    const { app } = await buildTestApp(t, engine);
    const all = await search(app, 'a', '&per_page=100');
    assert.ok(all.total > 10);
    const seen: string[] = [];
    for (let page = 1; (page - 1) * 4 < all.total; page++) {
      const body = await search(app, 'a', `&per_page=4&page=${page}`);
      assert.equal(body.total, all.total);
      assert.equal(body.page, page);
      assert.equal(body.per_page, 4);
      seen.push(...names(body));
    }
    assert.deepEqual(seen, names(all));
    assert.deepEqual((await search(app, 'a', '&page=999')).items, []);

    const page2 = await app.inject({ url: '/search?q=a&per_page=4&page=2', headers: HTML });
    assert.match(page2.body, /<nav aria-label="Pages">/);
    assert.match(
      page2.body,
      /href="\/search\?q=a&amp;page=2&amp;per_page=4"[^>]*aria-current="page"/,
    );
    assert.match(page2.body, /href="\/search\?q=a&amp;per_page=4" rel="prev"/);
    assert.match(page2.body, /href="\/search\?q=a&amp;page=3&amp;per_page=4" rel="next"/);
    assert.match(page2.body, /<ol class="search-result-list" start="5">/);

    for (const bad of ['page=0', 'per_page=0', 'per_page=101', 'page=abc']) {
      const response = await app.inject({ url: `/search?q=a&${bad}`, headers: { accept: '*/*' } });
      assert.equal(response.statusCode, 400, bad);
      assert.ok(response.json().errors[bad.split('=')[0] ?? '']);
    }
  });

  test(`the search page shows the form, the results, and escapes the query on ${engine}`, async (t) => {
    const { app } = await buildTestApp(t, engine);
    const empty = await app.inject({ url: '/search', headers: HTML });
    assert.equal(empty.statusCode, 200);
    assert.match(
      empty.body,
      /<form class="hero-search" role="search" method="get" action="\/search" aria-label="Find a monster">/,
    );
    assert.doesNotMatch(empty.body, /search-results/);
    assert.deepEqual(await search(app, ''), { items: [], page: 1, per_page: 20, total: 0, q: '' });
    assert.deepEqual((await search(app, '   ')).items, []);

    const found = await app.inject({ url: '/search?q=bete', headers: HTML });
    assert.match(found.body, /<h1>Results for “bete”<\/h1>/);
    assert.match(found.body, /1 monster found\./);
    assert.match(found.body, /<a href="\/monsters\/folklore\/3">La Bête du Gévaudan<\/a>/);
    assert.match(found.body, /<input id="search-query" type="search" name="q" value="bete"/);

    const none = await app.inject({ url: '/search?q=unicorn', headers: HTML });
    assert.match(none.body, /No monster answers to “unicorn”/);

    const attack = '<script>alert(1)</script>';
    const hostile = await app.inject({
      url: `/search?q=${encodeURIComponent(attack)}`,
      headers: HTML,
    });
    assert.equal(hostile.statusCode, 200);
    assert.ok(!hostile.body.includes(attack), 'the query is never echoed raw');
    assert.doesNotMatch(hostile.body, /<script>alert/i);
    // The only script elements are the site's own files.
    assert.doesNotMatch(hostile.body, /<script(?![^>]*\ssrc="\/static\/)/i);
    assert.match(hostile.body, /Results for “&lt;script>alert\(1\)&lt;\/script>”/);
    assert.match(hostile.body, /value="&lt;script>alert\(1\)&lt;\/script>"/);
    const quote = await app.inject({ url: '/search?q=%22%20onfocus%3D%22x', headers: HTML });
    assert.doesNotMatch(quote.body, /value="" onfocus="x"/);

    const french = await app.inject({
      url: '/search?q=bete',
      headers: { ...HTML, 'accept-language': 'fr' },
    });
    assert.match(french.body, /<h1>Résultats pour «\u00a0bete\u00a0»<\/h1>/);
    assert.match(french.body, /176,40\s€/);
  });

  test(`search never trips over full-text query syntax on ${engine}`, async (t) => {
    const { app } = await buildTestApp(t, engine);
    const hostile = [
      '"',
      "'",
      '\\',
      '*',
      'a*',
      '"bete',
      'NEAR(bete gevaudan)',
      'name:cthulhu',
      '{name}: cthulhu',
      '^cthulhu',
      'bete OR cthulhu',
      'bete AND NOT gevaudan',
      '-bete',
      '!bete & | ( ) :* <->',
      "'bete':*A",
      ';)',
      '%',
      '_',
      'x'.repeat(200),
    ];
    for (const query of hostile) {
      const body = await search(app, query);
      assert.equal(body.q, query.trim(), JSON.stringify(query));
    }
    // Syntax characters are only separators: these find what their words find.
    assert.deepEqual(names(await search(app, 'NEAR(cthulhu)')), []);
    assert.deepEqual(names(await search(app, '"cthulhu"*')), ['Cthulhu']);
    assert.deepEqual(names(await search(app, "'bete':*A")), ['La Bête du Gévaudan']);
    assert.deepEqual(names(await search(app, '^cthulhu;')), ['Cthulhu']);
    const tooLong = await app.inject({
      url: `/search?q=${'x'.repeat(201)}`,
      headers: { accept: '*/*' },
    });
    assert.equal(tooLong.statusCode, 400);
    // No request value may hold a NUL: refused before the query is built.
    const nul = await app.inject({ url: '/search?q=%00', headers: { accept: '*/*' } });
    assert.equal(nul.statusCode, 400);
  });

  test(`POST /search redirects (303) to the GET URL, the query intact, on ${engine}`, async (t) => {
    const { app } = await buildTestApp(t, engine);
    const query = 'Chaîne pas très visible ;)';
    const posted = await app.inject({
      method: 'POST',
      url: '/search',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...HTML },
      payload: `q=${encodeURIComponent(query)}`,
    });
    assert.equal(posted.statusCode, 303);
    assert.equal(posted.headers.location, `/search?q=${encodeURIComponent(query)}`);
    assert.equal(
      posted.headers.location,
      '/search?q=Cha%C3%AEne%20pas%20tr%C3%A8s%20visible%20%3B)',
    );
    const followed = await app.inject({
      url: String(posted.headers.location),
      headers: { accept: '*/*' },
    });
    assert.equal(followed.json().q, query);

    const ampersand = await app.inject({
      method: 'POST',
      url: '/search',
      payload: { q: 'a&b=c#d' },
    });
    assert.equal(ampersand.headers.location, '/search?q=a%26b%3Dc%23d');
    const chaine = await app.inject({ method: 'POST', url: '/search', payload: { q: 'chaine' } });
    const result = await app.inject({
      url: String(chaine.headers.location),
      headers: { accept: '*/*' },
    });
    assert.deepEqual(names(result.json()), ['Le Loup-Garou']);
    const blank = await app.inject({ method: 'POST', url: '/search', payload: { q: '  ' } });
    assert.equal(blank.statusCode, 303);
    assert.equal(blank.headers.location, '/search');
  });

  test(`a refused search form is explained in French beside its field, text kept, on ${engine}`, async (t) => {
    const { app } = await buildTestApp(t, engine);
    const typed = `${'x'.repeat(MAX_QUERY_LENGTH)} <&"`;
    const payload = `q=${encodeURIComponent(typed)}`;
    const page = await app.inject({
      method: 'POST',
      url: '/search',
      headers: { ...FORM, ...HTML, ...FRENCH },
      payload,
    });
    assert.equal(page.statusCode, 400);
    assert.match(String(page.headers['content-type']), /^text\/html/);
    assert.match(page.body, /<html lang="fr">/);
    assert.match(
      page.body,
      /class="form-error"[^>]*><p>Veuillez corriger les champs signalés\.<\/p>/,
    );
    const input = /<input id="search-query"[^>]*>/.exec(page.body)?.[0] ?? '';
    assert.ok(input.includes(` value="${'x'.repeat(MAX_QUERY_LENGTH)} &lt;&amp;&quot;"`), input);
    assert.match(input, /aria-invalid="true"/);
    assert.match(input, /aria-describedby="search-query-error search-hint"/);
    assert.match(
      page.body,
      /<p id="search-query-error" class="field-error">Utilisez au plus 200 caractères\.<\/p>/,
    );
    assert.doesNotMatch(page.body, /search-results/);

    const problem = await app.inject({
      method: 'POST',
      url: '/search',
      headers: { ...FORM, accept: 'application/json', ...FRENCH },
      payload,
    });
    assert.equal(problem.statusCode, 400);
    assert.match(String(problem.headers['content-type']), /^application\/problem\+json/);
    const { code, detail, errors } = problem.json();
    assert.deepEqual(
      { code, detail, errors },
      {
        code: 'form.invalid',
        detail: 'Veuillez corriger les champs signalés.',
        errors: { q: 'Utilisez au plus 200 caractères.' },
      },
    );

    // The form and the query string take the same texts.
    const longest = 'x'.repeat(MAX_QUERY_LENGTH);
    const accepted = await app.inject({
      method: 'POST',
      url: '/search',
      headers: FORM,
      payload: `q=${longest}`,
    });
    assert.equal(accepted.statusCode, 303);
    assert.equal(accepted.headers.location, `/search?q=${longest}`);
    const query = await app.inject({
      url: `/search?q=${encodeURIComponent(typed)}`,
      headers: { accept: '*/*', ...FRENCH },
    });
    assert.equal(query.statusCode, 400);
    assert.equal(query.json().errors.q, 'Utilisez au plus 200 caractères.');
  });

  test(`search ranks a catalogue larger than one in-order read the same way, common or rare terms, on ${engine}`, async (t) => {
    const { app, database } = await buildTestApp(t, engine);
    await seedGeneratedMonsters(database.handle, 1_000);
    await database.handle.db
      .insertInto('monsters')
      .values([
        { ...generatedMonster(0), name: 'Zorblax', category: 'cosmic' },
        { ...generatedMonster(1), description: 'Fears any zorblax.', category: 'cosmic' },
        { ...generatedMonster(2), name: 'Zorblaxine', category: 'undead' },
      ])
      .execute();

    for (const [terms, category] of [
      ['a', undefined],
      ['zorblax', undefined],
      ['zorblax', 'cosmic'],
      ['gh', undefined],
      ['orchard', 'undead'],
    ] as const) {
      const filter = `q=${terms}${category ? `&category=${category}` : ''}`;
      const byId = await everyPage(app, `${filter}&sort=id`);
      const expected = byId.toSorted(
        (a, b) => nameTier(a.name, terms) - nameTier(b.name, terms) || a.id - b.id,
      );
      const ranked = await everyPage(app, filter);
      assert.deepEqual(
        ranked.map((monster) => monster.id),
        expected.map((monster) => monster.id),
        `${filter}: ${ranked.length} matches`,
      );
    }
  });

  test(`the search index follows inserts, updates and deletes on ${engine}`, async (t) => {
    const { app, database } = await buildTestApp(t, engine);
    const { db } = database.handle;
    const { id } = await db
      .insertInto('monsters')
      .values({
        name: 'Élégante Goule',
        height: 150,
        category: 'undead',
        description: 'Hante les caves de Reims à la recherche de champagne.',
        price_cents: 1234,
        stock: 3,
        image: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    assert.deepEqual(names(await search(app, 'elegante')), ['Élégante Goule']);
    assert.deepEqual(names(await search(app, 'champagne')), ['Élégante Goule']);

    await db
      .updateTable('monsters')
      .set({ name: 'Sobre Goule', description: 'Ne boit que de l’eau.' })
      .where('id', '=', id)
      .execute();
    assert.deepEqual(names(await search(app, 'elegante')), []);
    assert.deepEqual(names(await search(app, 'champagne')), []);
    assert.deepEqual(names(await search(app, 'sobre eau')), ['Sobre Goule']);

    await db.updateTable('monsters').set({ stock: 0 }).where('id', '=', id).execute();
    assert.deepEqual(names(await search(app, 'goule')), ['Sobre Goule']);
    await db.updateTable('monsters').set({ category: 'spirit' }).where('id', '=', id).execute();
    assert.equal((await search(app, 'goule')).items[0]?.category, 'spirit');

    await db.deleteFrom('monsters').where('id', '=', id).execute();
    assert.deepEqual(names(await search(app, 'goule')), []);
    assert.equal((await search(app, 'bete')).total, 1, 'the other monsters are still found');
  });
}
