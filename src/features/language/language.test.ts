import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TestClient } from '../../../test/helpers/http-client.js';
import { buildTestApp } from '../../../test/helpers/test-app.js';

const FRENCH = { 'accept-language': 'fr' };

test('the language switch remembers the choice and comes back to the page it was on', async (t) => {
  const { app } = await buildTestApp(t, 'sqlite');
  const browser = new TestClient(app);
  const switched = await browser.post('/lang', { lang: 'fr', next: '/monsters?page=2' });
  assert.equal(switched.statusCode, 303);
  assert.equal(switched.headers.location, '/monsters?page=2');
  assert.equal(browser.cookies.get('lang'), 'fr');
  assert.match((await browser.get('/monsters?page=2')).body, /^<!DOCTYPE html><html lang="fr">/);

  const home = await browser.post('/lang', { lang: ' en ', next: '//evil.example' });
  assert.equal(home.headers.location, '/', 'never away from the site');
  assert.equal(browser.cookies.get('lang'), 'en');
});

test("a refused switch is explained in the visitor's language, page and API alike", async (t) => {
  const { app } = await buildTestApp(t, 'sqlite');
  const page = new TestClient(app, { accept: 'text/html', ...FRENCH });
  const refused = await page.post('/lang', { lang: 'de', next: '/monsters' });
  assert.equal(refused.statusCode, 400);
  assert.match(refused.body, /<html lang="fr">/);
  assert.match(refused.body, /<h1 id="error-title">Ce formulaire n’a pas pu être lu<\/h1>/);
  assert.match(refused.body, /Revenez en arrière, rechargez la page et réessayez\./);
  assert.equal(page.cookies.get('lang'), undefined, 'no language is remembered');

  const api = new TestClient(app, { accept: 'application/json', ...FRENCH });
  const problem = await api.post('/lang', { lang: 'klingon' });
  assert.equal(problem.statusCode, 400);
  assert.match(String(problem.headers['content-type']), /^application\/problem\+json/);
  assert.equal(problem.json().code, 'form.invalid');
  assert.equal(problem.json().detail, 'Veuillez corriger les champs signalés.');
  assert.deepEqual(problem.json().errors, { lang: 'Choisissez parmi\u00a0: en, fr.' });
});
