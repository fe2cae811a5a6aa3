import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testEngines } from '../../../test/helpers/databases.js';
import { buildTestApp } from '../../../test/helpers/test-app.js';

for (const engine of testEngines()) {
  test(`the home page speaks French, links the catalogue and searches within its limit, on ${engine}`, async (t) => {
    const { app } = await buildTestApp(t, engine);
    const home = await app.inject({
      url: '/',
      headers: { accept: 'text/html', 'accept-language': 'fr' },
    });
    assert.equal(home.statusCode, 200);
    assert.match(home.body, /<h1 id="home-title">Monstres d’Halloween<\/h1>/);
    assert.match(home.body, /<h2 id="featured-title">Monstres à la une<\/h2>/);
    assert.match(home.body, /<a href="\/monsters">Parcourir tout le catalogue<\/a>/);
    assert.match(home.body, /<a href="\/monsters\/cosmic\/1">/);
    const form = /<form class="hero-search"[^>]*>.*?<\/form>/s.exec(home.body)?.[0] ?? '';
    assert.match(form, /method="get" action="\/search"/);
    assert.match(form, /<input id="home-search" type="search" name="q" maxLength="200"/i);
    assert.match(form, /<button type="submit">Rechercher<\/button>/);
  });
}
