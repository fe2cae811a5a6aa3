import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { testEngines } from '../../../test/helpers/databases.js';
import { buildTestApp } from '../../../test/helpers/test-app.js';

/**
 * Every character PostgreSQL's unaccent dictionary rewrites: some become
 * tsquery syntax (`ʼ` → `'`, `ː` → `:`, `＆` → `&`, `⑴` → `(1)`). The
 * dictionary is the one the test cluster runs with (postgresql-15).
 */
const UNACCENT_RULES = '/usr/share/postgresql/15/tsearch_data/unaccent.rules';

function unaccentSources(): string[] {
  if (!existsSync(UNACCENT_RULES)) {
    if (process.env.CI === 'true') throw new Error(`${UNACCENT_RULES} is missing`);
    return [];
  }
  return readFileSync(UNACCENT_RULES, 'utf8')
    .split('\n')
    .map((line) => line.split('\t')[0] ?? '')
    .filter((source) => source.trim() !== '');
}

/** The query syntax of both engines, and letters that fold to it. */
const TRICKY = [
  ...`'"\\:&|!()<>*^-+~{}[]%_,;.?/@#$=\``,
  'ʼ',
  'ŉ',
  'ʹ',
  'ʻ',
  'ˈ',
  'ː',
  "a'b",
  "o'",
  "'a'",
  'a:*',
  'a & b',
  'x\\',
  'NEAR',
  'AND',
  'OR',
  'NOT',
  '\u200d',
  '\u0301',
  'ﬁ',
  'ẞ',
  'İ',
];

const CHARACTERS = [...new Set([...unaccentSources(), ...TRICKY])];

async function statusOf(app: FastifyInstance, url: string): Promise<number> {
  const response = await app.inject({ url, headers: { accept: '*/*' } });
  return response.statusCode;
}

for (const engine of testEngines()) {
  test(`no character makes a search fail, alone or among words, on ${engine}`, async (t) => {
    const { app } = await buildTestApp(t, engine);
    assert.ok(CHARACTERS.length > 20, 'the characters to try');
    const failures: string[] = [];
    for (const character of CHARACTERS) {
      const q = encodeURIComponent(character);
      const around = encodeURIComponent(`bete ${character} x${character}y`);
      for (const url of [
        `/api/monsters?q=${q}`,
        `/search?q=${q}`,
        // Sorted and filtered lists take the other query path (matchesSearch).
        `/api/monsters?q=${around}&sort=name&category=folklore`,
      ]) {
        const status = await statusOf(app, url);
        if (status !== 200) failures.push(`${url} → ${status}`);
      }
    }
    assert.deepEqual(failures, []);
  });

  test(`a word holding a modifier letter is found by what was typed, on ${engine}`, async (t) => {
    const { app, database } = await buildTestApp(t, engine);
    await database.handle.db
      .insertInto('monsters')
      .values({
        name: 'Kaʼiulani the Glowworm',
        height: 3,
        category: 'folklore',
        description: '',
        price_cents: 100,
        stock: 1,
        image: null,
      })
      .execute();
    for (const query of ['kaʼiulani', 'KAʼIU', 'Kaʼiulani glowworm']) {
      const response = await app.inject({
        url: `/api/monsters?q=${encodeURIComponent(query)}`,
      });
      assert.equal(response.statusCode, 200, `${query}: ${response.body}`);
      const names = response.json<{ items: { name: string }[] }>().items.map((m) => m.name);
      assert.deepEqual(names, ['Kaʼiulani the Glowworm'], query);
    }
    const page = await app.inject({
      url: `/search?q=${encodeURIComponent('ʼ')}`,
      headers: { accept: 'text/html' },
    });
    assert.equal(page.statusCode, 200);
  });
}
