import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HtmlValidate } from 'html-validate';
import { TestClient } from '../../../test/helpers/http-client.js';
import { buildTestApp } from '../../../test/helpers/test-app.js';

const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: { 'void-style': 'off', 'no-raw-characters': 'off' },
});

const hrefsIn = (html: string) =>
  [...html.matchAll(/<main[\s\S]*<\/main>/g)].flatMap(([main]) =>
    [...main.matchAll(/href="([^"]+)"/g)].map((match) => (match[1] ?? '').replaceAll('&amp;', '&')),
  );

/** The course's routes the page must offer, each as a link. */
const COURSE_LINKS = [
  '/status',
  '/hello/',
  '/hello/Ada',
  '/whois?name=Ada',
  '/teapot',
  '/halloween',
  '/monsters/curcubitaceous/666',
  '/api/monsters/666',
  '/api/docs',
];

for (const lang of ['en', 'fr'] as const) {
  test(`the course page lists the course's routes with what each demonstrates (${lang})`, async (t) => {
    const { app } = await buildTestApp(t, 'sqlite');
    const client = new TestClient(app, { accept: 'text/html', 'accept-language': lang });
    const page = await client.get('/course');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(`<html lang="${lang}">`));
    const title = lang === 'en' ? 'The course, route by route' : 'Le cours, route par route';
    assert.match(page.body, new RegExp(`<h1>${title}</h1>`));
    const links = hrefsIn(page.body);
    for (const link of COURSE_LINKS) assert.ok(links.includes(link), `${link} in ${links}`);
    // POST /whois and the JSON of 666 are commands to type, naming this server.
    assert.match(page.body, /curl -d name=Ada http:\/\/localhost(:\d+)?\/whois/);
    assert.match(page.body, /Accept: application\/json/);
    assert.match(page.body, /<code>docs\/course\.md<\/code>/);
    // One line per route: each entry holds its description.
    const entries = page.body.match(/<li><p class="course-request">/g) ?? [];
    assert.equal(entries.length, 10);

    const report = await validator.validateString(page.body);
    const problems = report.results.flatMap((r) => r.messages.map((m) => m.message));
    assert.deepEqual(problems, []);

    // Every link it shows answers: no link of the course leads to a missing page.
    for (const link of COURSE_LINKS) {
      const answer = await client.get(link);
      assert.ok(
        [200, 301, 302, 308, 418].includes(answer.statusCode),
        `${link} answered ${answer.statusCode}`,
      );
    }
  });
}

test('every page links to the course page from its footer', async (t) => {
  const { app } = await buildTestApp(t, 'sqlite');
  for (const url of [
    '/',
    '/monsters',
    '/monsters/curcubitaceous/666',
    '/halloween',
    '/no-such-page',
  ]) {
    const page = await app.inject({ url, headers: { accept: 'text/html' } });
    const footer = /<footer[\s\S]*<\/footer>/.exec(page.body)?.[0] ?? '';
    assert.match(footer, /<a href="\/course">The course, route by route<\/a>/, url);
  }
});

test('each monster page links to its JSON, which a browser gets as JSON', async (t) => {
  const { app } = await buildTestApp(t, 'sqlite');
  for (const [lang, text] of [
    ['en', 'This monster as JSON'],
    ['fr', 'Ce monstre en JSON'],
  ] as const) {
    const page = await app.inject({
      url: '/monsters/curcubitaceous/666',
      headers: { accept: 'text/html', 'accept-language': lang },
    });
    assert.match(
      page.body,
      new RegExp(`<a href="/api/monsters/666" type="application/json">${text}</a>`),
    );
  }
  const json = await app.inject({
    url: '/api/monsters/666',
    headers: { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8' },
  });
  assert.equal(json.statusCode, 200);
  assert.match(String(json.headers['content-type']), /^application\/json/);
  assert.equal(json.json().id, 666);
  assert.equal(json.json().category, 'curcubitaceous');
});
