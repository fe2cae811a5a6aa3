import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildTestApp } from '../../test/helpers/test-app.js';
import { MAX_QUERY_LENGTH } from '../features/catalogue/index.js';

const headerOf = (html: string) =>
  /<header class="site-header"[\s\S]*?<\/header>/.exec(html)?.[0] ?? '';

test('the header search is a named landmark of its own, limited to what a search accepts', async (t) => {
  const { app } = await buildTestApp(t, 'sqlite');
  for (const [lang, name] of [
    ['en', 'Search the shop'],
    ['fr', 'Rechercher dans la boutique'],
  ] as const) {
    const page = await app.inject({
      url: '/',
      headers: { accept: 'text/html', 'accept-language': lang },
    });
    const header = headerOf(page.body);
    const form = /<form[^>]*role="search"[^>]*>/.exec(header)?.[0] ?? '';
    assert.match(form, new RegExp(`aria-label="${name}"`), lang);
    const input = /<input[^>]*id="site-search"[^>]*>/.exec(header)?.[0] ?? '';
    assert.match(input, new RegExp(`maxlength="${MAX_QUERY_LENGTH}"`, 'i'), lang);

    // One character more than the limit is what the search refuses: the box never lets it be typed.
    const refused = await app.inject({
      url: `/search?q=${'x'.repeat(MAX_QUERY_LENGTH + 1)}`,
      headers: { accept: 'text/html' },
    });
    assert.equal(refused.statusCode, 400);
  }
});
