import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { csrfTokenIn, STRONG_PASSWORD, TestClient } from '../helpers/http-client.js';
import { createTestUser } from '../helpers/sign-in.js';
import { buildTestApp } from '../helpers/test-app.js';

/**
 * An anonymous visitor whose form post needs an account is sent to sign in,
 * and comes back afterwards to a page, never to an address that only
 * accepts POST (reloading it, or landing on it after signing in, is a 405).
 */

const ADMIN = 'van.helsing@example.com';

interface Case {
  readonly label: string;
  readonly action: string;
  readonly referer?: string;
  /** The `next` of the sign-in page the visitor is sent to. */
  readonly next: string;
}

const CASES: readonly Case[] = [
  {
    label: 'from the page the form was on',
    action: '/account/sessions/end-others',
    referer: 'http://localhost/cart?view=table',
    next: '/cart?view=table',
  },
  {
    label: 'from a same-site page on another port and scheme',
    action: '/admin/monsters/2/delete',
    referer: 'https://localhost:8443/monsters/cosmic/2',
    next: '/monsters/cosmic/2',
  },
  {
    label: 'no referer: the nearest page above the action',
    action: '/account/sessions/end',
    next: '/account',
  },
  {
    label: 'no referer: the action itself when it is a page too',
    action: '/admin/monsters/2/delete',
    next: '/admin/monsters/2/delete',
  },
  {
    label: 'a referer of another site is ignored',
    action: '/account/sessions/end',
    referer: 'https://evil.example/account/sessions',
    next: '/account',
  },
  {
    label: 'a referer that only accepts POST is ignored',
    action: '/account/sessions/end-others',
    referer: 'http://localhost/logout',
    next: '/account',
  },
  {
    label: 'a referer that is not a page of the site is ignored',
    action: '/account/sessions/end',
    referer: 'http://localhost//evil.example/x',
    next: '/account',
  },
  {
    label: 'a malformed referer is ignored',
    action: '/account/sessions/end',
    referer: 'not a url',
    next: '/account',
  },
];

/** An anonymous visitor posting `action` with a valid CSRF token, as a form would. */
async function anonymousPost(app: FastifyInstance, action: string, referer?: string) {
  const client = new TestClient(app);
  const token = csrfTokenIn((await client.get('/login')).body);
  const response = await client.post(
    action,
    { _csrf: token, session: 'x' },
    referer === undefined ? {} : { referer },
  );
  return { client, response };
}

/** GETs `url` and the redirects that follow it (a few at most); where the browser ends up. */
async function followRedirects(client: TestClient, url: string) {
  let current = url;
  for (let hop = 0; hop < 5; hop += 1) {
    const response = await client.get(current);
    const location = response.headers.location;
    if (response.statusCode < 300 || response.statusCode >= 400 || location === undefined) {
      return { url: current, status: response.statusCode };
    }
    current = String(location);
  }
  throw new Error(`too many redirects from ${url}`);
}

test('an anonymous form post is sent to sign in, coming back to a page', async (t) => {
  const { app } = await buildTestApp(t, 'sqlite');
  for (const { label, action, referer, next } of CASES) {
    const { response } = await anonymousPost(app, action, referer);
    assert.equal(response.statusCode, 303, label);
    assert.equal(response.headers.location, `/login?next=${encodeURIComponent(next)}`, label);
  }
});

test('after signing in, the visitor lands on a page that answers, not a 405', async (t) => {
  const { app } = await buildTestApp(t, 'sqlite');
  await createTestUser(app.database.db, { email: ADMIN, name: 'Abraham', role: 'admin' });
  for (const [action, referer] of [
    ['/admin/monsters/2/delete', 'http://localhost/admin/monsters'],
    ['/admin/monsters/2', undefined],
    ['/account/sessions/end-others', undefined],
  ] as const) {
    const { client, response } = await anonymousPost(app, action, referer);
    const signInPage = String(response.headers.location);
    const signedIn = await client.submit(signInPage, '/login', {
      email: ADMIN,
      password: STRONG_PASSWORD,
      next: new URL(signInPage, 'http://localhost').searchParams.get('next') ?? '',
    });
    assert.equal(signedIn.statusCode, 303, action);
    const landing = await followRedirects(client, String(signedIn.headers.location));
    assert.equal(landing.status, 200, `${action}: landed on ${landing.url}`);
  }
});

test('an anonymous page view still comes back to that very page', async (t) => {
  const { app } = await buildTestApp(t, 'sqlite');
  const response = await app.inject({
    url: '/admin/monsters?page=2',
    headers: { accept: 'text/html' },
  });
  assert.equal(response.statusCode, 303);
  assert.equal(
    response.headers.location,
    `/login?next=${encodeURIComponent('/admin/monsters?page=2')}`,
  );
});
