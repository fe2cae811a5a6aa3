import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildTestApp } from '../../test/helpers/test-app.js';

const FRENCH_API = { accept: 'application/json', 'accept-language': 'fr-FR,fr;q=0.9' };
const FRENCH_PAGE = { accept: 'text/html', 'accept-language': 'fr-FR,fr;q=0.9' };

/**
 * Refusals that no feature says (the framework's, the router's): every one
 * still carries a stable code and is said in the client's language.
 */
test('the framework and the router refuse in the visitor’s language, with a code', async (t) => {
  const { app } = await buildTestApp(t, 'sqlite');
  const cases = [
    {
      request: {
        method: 'POST' as const,
        url: '/api/cart/items',
        headers: { ...FRENCH_API, 'content-type': 'application/xml' },
        payload: '<a/>',
      },
      status: 415,
      code: 'http.unsupported_media_type',
      detail: 'Cette adresse n’accepte pas de corps de ce type.',
    },
    {
      request: {
        method: 'POST' as const,
        url: '/api/cart/items',
        headers: { ...FRENCH_API, 'content-type': 'application/json' },
        payload: '{"monster_id":',
      },
      status: 400,
      code: 'http.bad_json',
      detail: 'Le corps n’est pas un objet JSON que cette API sait lire.',
    },
    {
      request: { method: 'DELETE' as const, url: '/monsters', headers: FRENCH_API },
      status: 405,
      code: 'http.method_not_allowed',
      detail: 'Cette adresse n’accepte pas cette méthode\u00a0: voyez l’en-tête Allow.',
    },
    {
      request: { method: 'GET' as const, url: '/nothing-here', headers: FRENCH_API },
      status: 404,
      code: 'http.not_found',
      detail: 'page introuvable',
    },
  ];
  for (const { request, status, code, detail } of cases) {
    const response = await app.inject(request);
    const label = `${request.method} ${request.url}`;
    assert.equal(response.statusCode, status, label);
    assert.equal(response.json().code, code, label);
    assert.equal(response.json().detail, detail, label);
  }
});

test('a status without a page text of its own still gets a French title and explanation', async (t) => {
  const { app } = await buildTestApp(t, 'sqlite');
  const page = await app.inject({ url: `/hello/${'x'.repeat(300)}`, headers: FRENCH_PAGE });
  assert.equal(page.statusCode, 414);
  assert.match(page.body, /<title>Adresse trop longue · Monster Shop<\/title>/);
  assert.match(page.body, /Cette adresse est trop longue pour la boutique\./);
  assert.match(page.body, /Identifiant de requête\u00a0: <code>/);
});
