import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testEngines } from '../../../test/helpers/databases.js';
import { buildTestApp } from '../../../test/helpers/test-app.js';

const BROWSER = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

for (const engine of testEngines()) {
  test(`GET /api/monsters lists, filters, sorts and searches, always in JSON, on ${engine}`, async (t) => {
    const { app } = await buildTestApp(t, engine);
    const list = await app.inject({ url: '/api/monsters', headers: BROWSER });
    assert.equal(list.statusCode, 200);
    assert.match(String(list.headers['content-type']), /^application\/json/);
    const body = list.json();
    assert.deepEqual(Object.keys(body).sort(), ['items', 'page', 'per_page', 'total']);
    assert.equal(body.items.length, 20);
    assert.equal(body.total, 31);

    const priciest = await app.inject('/api/monsters?sort=price&order=desc&per_page=2');
    assert.deepEqual(
      priciest.json().items.map((monster: { name: string }) => monster.name),
      ['Nyarlathotep', 'Azathoth'],
    );

    const searched = (await app.inject('/api/monsters?q=BÊTE&category=folklore')).json();
    assert.equal(searched.q, 'BÊTE');
    assert.equal(searched.total, 1);
    assert.equal(searched.items[0].name, 'La Bête du Gévaudan');
    assert.equal((await app.inject('/api/monsters?q=bete&category=cosmic')).json().total, 0);
    const byHeight = (await app.inject('/api/monsters?q=la&sort=height&per_page=100')).json();
    const heights = byHeight.items.map((monster: { height: number }) => monster.height);
    assert.deepEqual(
      heights,
      heights.toSorted((a: number, b: number) => a - b),
      'an explicit sort wins over relevance',
    );

    const invalid = await app.inject({
      url: '/api/monsters?per_page=101&sort=x',
      headers: BROWSER,
    });
    assert.equal(invalid.statusCode, 400);
    assert.match(String(invalid.headers['content-type']), /^application\/problem\+json/);
    const problem = invalid.json();
    assert.equal(problem.status, 400);
    assert.deepEqual(Object.keys(problem.errors).sort(), ['per_page', 'sort']);
    assert.ok(problem.request_id);
  });

  test(`GET /api/monsters/:id answers the monster or a 404 problem on ${engine}`, async (t) => {
    const { app } = await buildTestApp(t, engine);
    const jack = await app.inject({ url: '/api/monsters/666', headers: BROWSER });
    assert.equal(jack.statusCode, 200);
    assert.match(String(jack.headers['content-type']), /^application\/json/);
    assert.deepEqual(jack.json(), {
      id: 666,
      name: "Jack O'Lantern",
      height: 30,
      category: 'curcubitaceous',
      description:
        'A grinning carved pumpkin with a candle for a heart. Lights up porches every Halloween night and never, ever stops smiling.',
      price_cents: 666,
      stock: 31,
      image: '/static/img/monsters/jack-o-lantern.svg',
    });

    const missing = await app.inject({ url: '/api/monsters/9999', headers: BROWSER });
    assert.equal(missing.statusCode, 404);
    assert.match(String(missing.headers['content-type']), /^application\/problem\+json/);
    assert.deepEqual(
      { status: missing.json().status, title: missing.json().title },
      { status: 404, title: 'Not Found' },
    );

    for (const id of ['abc', '0', '1.5', '99999999999']) {
      const response = await app.inject({ url: `/api/monsters/${id}`, headers: BROWSER });
      assert.equal(response.statusCode, 400, id);
      assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
      assert.ok(response.json().errors.id, id);
    }
  });
}
