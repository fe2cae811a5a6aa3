import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TestClient } from '../../../test/helpers/http-client.js';
import { buildTestApp } from '../../../test/helpers/test-app.js';

/** The error summary's links, as [href, text] pairs in the order the page lists them. */
function summaryLinks(html: string): string[][] {
  const summary = /<div class="form-error"[\s\S]*?<\/div>/.exec(html)?.[0] ?? '';
  return [...summary.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map(([, href, text]) => [
    href ?? '',
    text ?? '',
  ]);
}

test('a refused registration’s summary leads to each refused field, named by its label, in both languages', async (t) => {
  const { app } = await buildTestApp(t, 'sqlite');
  for (const [lang, labels] of [
    ['en', ['E-mail address', 'Name', 'Password']],
    ['fr', ['Adresse e-mail', 'Nom', 'Mot de passe']],
  ] as const) {
    const visitor = new TestClient(app, { accept: 'text/html', 'accept-language': lang });
    const malformed = await visitor.submit('/register', '/register', {
      email: 'not-an-address',
      name: '   ',
      password: 'Xy7!',
    });
    assert.equal(malformed.statusCode, 400);
    const links = summaryLinks(malformed.body);
    assert.deepEqual(
      links.map(([href]) => href),
      ['#field-email', '#field-name', '#field-password'],
      `${lang}: one link per field, in the form's order`,
    );
    const colon = lang === 'fr' ? '\u00a0: ' : ': ';
    links.forEach(([, text], index) => {
      assert.ok(text?.startsWith(`${labels[index]}${colon}`), `${lang}: "${text}" names its field`);
    });

    // The weak password: the only refused field, and the summary leads to it.
    const weak = await visitor.submit('/register', '/register', {
      email: `mina-${lang}@example.com`,
      name: 'Mina',
      password: 'password1234',
    });
    assert.equal(weak.statusCode, 422);
    const [only, ...others] = summaryLinks(weak.body);
    assert.equal(only?.[0], '#field-password', `${lang}: the weak password is linked`);
    assert.ok(only?.[1]?.startsWith(`${labels[2]}${colon}`), `${lang}: ${only?.[1]}`);
    assert.deepEqual(others, []);
  }
});
