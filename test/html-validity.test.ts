import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HtmlValidate } from 'html-validate';
import { TestClient } from './helpers/http-client.js';
import { createTestUser, signIn } from './helpers/sign-in.js';
import { buildTestApp } from './helpers/test-app.js';

const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: {
    // Preact writes `<input/>`-style void elements; valid HTML5.
    'void-style': 'off',
    // Typographic quotes and apostrophes are content, not mistakes.
    'no-raw-characters': 'off',
    // "×" close button has an aria-label and a title.
    'text-content': 'off',
  },
});

const PAGES = [
  '/',
  '/monsters',
  '/monsters/cosmic/1',
  '/monsters/curcubitaceous/666',
  '/search?q=bete',
  '/search',
  '/halloween',
  '/hello/',
  '/hello/Mina',
  '/cart',
  '/login',
  '/register',
  '/privacy',
  '/account',
  '/admin/monsters',
  '/admin/monsters/new',
  '/admin/monsters/1/edit',
  '/admin/monsters/1/delete',
  '/no-such-page',
];

/** docs/requirements.md §4: every page is valid HTML5 (checked by html-validate, in both languages). */
test('every page is valid, accessible HTML in English and French', async (t) => {
  const { app } = await buildTestApp(t, 'sqlite');
  const admin = await createTestUser(app.database.db, {
    email: 'valid@example.com',
    name: 'Valid',
    role: 'admin',
  });
  const failures: string[] = [];
  for (const lang of ['en', 'fr']) {
    const client = new TestClient(app, { accept: 'text/html', 'accept-language': lang });
    await client.submit('/login', '/cart/items', { monster_id: '1', quantity: '1' });
    const anonymousCart = await client.get('/cart');
    await signIn(app, client, admin);
    // The signed-in pages show a cart line and a flash message too.
    await client.submit('/monsters/cosmic/1', '/cart/items', { monster_id: '1', quantity: '1' });
    for (const [url, body] of [
      ['/cart (anonymous)', anonymousCart.body] as const,
      ...(await Promise.all(
        PAGES.map(async (page) => [page, (await client.get(page)).body] as const),
      )),
    ]) {
      const report = await validator.validateString(body);
      const problems = report.results.flatMap((result) =>
        result.messages.map((m) => `${m.ruleId}: ${m.message} (line ${m.line})`),
      );
      if (problems.length > 0) failures.push(`${lang} ${url}: ${problems.join('; ')}`);
    }
  }
  assert.deepEqual(failures, []);
});
