import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TestClient } from '../../test/helpers/http-client.js';
import { buildTestApp } from '../../test/helpers/test-app.js';
import { frenchTypography } from './typography.js';

const NBSP = '\u00a0';
const NARROW_NBSP = '\u202f';

test('French punctuation gets its no-break spaces; URLs, numbers and words stay as they are', () => {
  assert.equal(
    frenchTypography('Erreur : « Expect: 100-continue » ; vraiment ? Oui !'),
    `Erreur${NBSP}: «${NBSP}Expect: 100-continue${NBSP}»${NARROW_NBSP}; vraiment${NARROW_NBSP}? Oui${NARROW_NBSP}!`,
  );
  const untouched = [
    'https://example.com/search?q=a&b=c',
    'Page 2 sur 10, 1 234,50 €',
    'Hello Ada!',
    'Il est 10:30.',
  ];
  for (const text of untouched) assert.equal(frenchTypography(text), text);
  const typeset = frenchTypography('Avant : après');
  assert.equal(frenchTypography(typeset), typeset, 'applying it twice changes nothing');
});

const ENTITIES: Readonly<Record<string, string>> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&nbsp;': NBSP,
};

/** What a reader of the page reads or hears: text, title, and the labels of controls and images. */
function readableText(html: string): string {
  const withoutCode = html.replaceAll(/<(script|style)\b[\s\S]*?<\/\1>/g, ' ');
  const labels = [...withoutCode.matchAll(/\s(?:aria-label|title|placeholder|alt)="([^"]*)"/g)].map(
    (match) => match[1],
  );
  const text = withoutCode.replaceAll(/<[^>]*>/g, '\n');
  return [text, ...labels]
    .join('\n')
    .replaceAll(/&(?:amp|lt|gt|quot|#39|nbsp);/g, (entity) => ENTITIES[entity] ?? entity);
}

/** A plain space before `: ; ! ? »` or after `«`, with a little context. */
function badSpaces(html: string): string[] {
  return [...readableText(html).matchAll(/.{0,30}(?: [:;!?»]|« ).{0,10}/g)].map((m) => m[0]);
}

test('French pages put no-break spaces before : ; ! ? » and after «, in every text they show', async (t) => {
  const { app, database } = await buildTestApp(t, 'sqlite');
  await database.handle.db.updateTable('monsters').set({ stock: 0 }).where('id', '=', 1).execute();
  const client = new TestClient(app, { accept: 'text/html', 'accept-language': 'fr' });

  const pages: Record<string, string> = {};
  for (const url of ['/', '/monsters', '/monsters/cosmic/1', '/teapot', '/nulle-part']) {
    pages[url] = (await client.get(url)).body;
  }
  await client.submit('/monsters/curcubitaceous/666', '/cart/items', { monster_id: '666' });
  const soldOut = await client.submit('/monsters/cosmic/1', '/cart/items', { monster_id: '1' });
  const refusedAt = soldOut.headers.location ?? '/cart';
  pages[`refused add to cart, then ${refusedAt}`] = (await client.get(refusedAt)).body;
  pages['/cart'] = (await client.get('/cart')).body;
  const refusedChoice = await client.submit('/privacy', '/consent', { choice: 'peut-être' });
  assert.equal(refusedChoice.statusCode, 400);
  pages['refused consent form'] = refusedChoice.body;

  // The pages do hold French punctuation, so the check below is not vacuous.
  assert.match(pages['/teapot'] ?? '', /café\u00a0: je suis/);
  assert.match(pages['refused consent form'] ?? '', /Choisissez parmi\u00a0: /);
  for (const [page, html] of Object.entries(pages)) {
    assert.deepEqual(badSpaces(html), [], `${page} has plain spaces around French punctuation`);
  }
});
