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

for (const engine of testEngines()) {
  test(`featured monsters are the catalogue's cards, categories named in French, on ${engine}`, async (t) => {
    const { app } = await buildTestApp(t, engine);
    const home = await app.inject({
      url: '/',
      headers: { accept: 'text/html', 'accept-language': 'fr' },
    });
    const cards = [...home.body.matchAll(/<article class="monster-card"[^>]*>.*?<\/article>/gs)];
    assert.ok(cards.length > 0);
    const cthulhu = cards.map((m) => m[0]).find((card) => card.includes('monster-1-name')) ?? '';
    // Under the section's h2, the cards' names are h3.
    assert.match(
      cthulhu,
      /<h3 class="monster-card-name" id="monster-1-name"><a href="\/monsters\/cosmic\/1">Cthulhu<\/a><\/h3>/,
    );
    assert.match(cthulhu, /Horreurs cosmiques/);
    assert.match(cthulhu, /47,00\u00a0€/);
    assert.match(cthulhu, /En stock/);
    assert.match(cthulhu, />Ajouter au panier<\/button>/);
    // Two search landmarks, two names: the header's and this one.
    const form = /<form class="hero-search"[^>]*>/.exec(home.body)?.[0] ?? '';
    assert.match(form, /aria-label="Trouver un monstre"/);
    assert.match(home.body, /<label for="home-search">Trouver un monstre<\/label>/);
  });
}
