import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { testEngines } from '../../../test/helpers/databases.js';
import { buildTestApp } from '../../../test/helpers/test-app.js';
import { demoMonsterRows } from '../../db/seed/seed.js';

const DEMO = demoMonsterRows();
const JSON_KEYS = [
  'category',
  'description',
  'height',
  'id',
  'image',
  'name',
  'price_cents',
  'stock',
];
const FRENCH = { 'accept-language': 'fr-FR,fr;q=0.9,en;q=0.5' };
const ENGLISH = { 'accept-language': 'en-GB' };

interface MonsterBody {
  readonly id: number;
  readonly description: string;
}

const demo = (id: number) => {
  const monster = DEMO.find((row) => row.id === id);
  assert.ok(monster, `demo monster ${id}`);
  return monster;
};

const idsOf = (items: readonly MonsterBody[]) =>
  items.map((item) => item.id).toSorted((a, b) => a - b);

async function searchIds(app: FastifyInstance, query: string): Promise<number[]> {
  const response = await app.inject(`/api/monsters?q=${encodeURIComponent(query)}&per_page=100`);
  assert.equal(response.statusCode, 200, response.body);
  return idsOf(response.json().items);
}

for (const engine of testEngines()) {
  test(`JSON descriptions follow Accept-Language, and Content-Language says which, on ${engine}`, async (t) => {
    const { app, database } = await buildTestApp(t, engine);

    const french = await app.inject({ url: '/api/monsters/666', headers: FRENCH });
    assert.equal(french.statusCode, 200);
    assert.deepEqual(Object.keys(french.json()).sort(), JSON_KEYS);
    assert.equal(french.json().description, demo(666).description_fr);
    assert.equal(french.headers['content-language'], 'fr');
    assert.match(String(french.headers.vary), /Accept-Language/);

    const { description_fr: _french, ...inEnglish } = demo(666);
    for (const headers of [ENGLISH, {}]) {
      const english = await app.inject({ url: '/api/monsters/666', headers });
      assert.deepEqual(english.json(), inEnglish);
      assert.equal(english.headers['content-language'], 'en');
    }

    // Every negotiated catalogue route answers JSON the same way.
    for (const url of [
      '/monsters?category=curcubitaceous',
      '/monsters/curcubitaceous/666',
      '/search?q=citrouille',
    ]) {
      const response = await app.inject({
        url,
        headers: { ...FRENCH, accept: 'application/json' },
      });
      assert.equal(response.statusCode, 200, `${url}: ${response.body}`);
      assert.equal(response.headers['content-language'], 'fr', url);
      const body = response.json();
      const items: MonsterBody[] = body.items ?? [body];
      assert.ok(
        items.some((item) => item.id === 666),
        url,
      );
      for (const item of items) {
        assert.deepEqual(Object.keys(item).sort(), JSON_KEYS, url);
        assert.equal(item.description, demo(item.id).description_fr, `${url}: ${item.id}`);
      }
    }

    // A description not translated yet comes in English, and the headers say so.
    await database.handle.db
      .updateTable('monsters')
      .set({ description_fr: '' })
      .where('id', '=', 1)
      .execute();
    const untranslated = await app.inject({ url: '/api/monsters/1', headers: FRENCH });
    assert.equal(untranslated.json().description, demo(1).description);
    assert.equal(untranslated.headers['content-language'], 'en');
    const cosmic = await app.inject({
      url: '/api/monsters?category=cosmic&per_page=100',
      headers: FRENCH,
    });
    assert.equal(cosmic.headers['content-language'], 'fr, en');
    for (const item of cosmic.json().items as MonsterBody[]) {
      const expected = item.id === 1 ? demo(1).description : demo(item.id).description_fr;
      assert.equal(item.description, expected, String(item.id));
    }
  });

  test(`search finds French words and category names, accents aside, on ${engine}`, async (t) => {
    const { app } = await buildTestApp(t, engine);
    const inCategory = (category: string) =>
      idsOf(DEMO.filter((monster) => monster.category === category));

    // Only Jack's French description says both.
    assert.deepEqual(await searchIds(app, 'citrouille sourire'), [666]);
    assert.ok((await searchIds(app, 'Citrouille')).includes(666));
    assert.deepEqual(await searchIds(app, 'CHÈVRES'), [15]);
    assert.deepEqual(await searchIds(app, 'chevres'), [15]);
    assert.deepEqual(await searchIds(app, 'escarboucle'), [29]);
    // Category names, in either language.
    assert.deepEqual(await searchIds(app, 'Cucurbitacées'), inCategory('curcubitaceous'));
    assert.deepEqual(await searchIds(app, 'morts-vivants'), inCategory('undead'));
    assert.deepEqual(await searchIds(app, 'cosmic horrors'), inCategory('cosmic'));
    // English as before.
    assert.ok((await searchIds(app, 'pumpkin')).includes(666));
  });
}
