import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { testEngines } from '../../../test/helpers/databases.js';
import { STRONG_PASSWORD, TestClient } from '../../../test/helpers/http-client.js';
import { createTestUser, signIn } from '../../../test/helpers/sign-in.js';
import { buildTestApp } from '../../../test/helpers/test-app.js';
import { setRole } from '../../features/accounts/index.js';
import type { SessionUser } from './session.js';

/** Marks the one request a test holds between its handler and its session commit. */
const HOLD_HEADER = 'x-test-hold';

interface HeldRequest {
  /** Resolves once the marked request's handler has run (its session is loaded, not saved). */
  readonly reached: Promise<void>;
  release(): void;
}

/**
 * Holds the marked request after its handler, before the sessions plugin
 * saves its session (`preSerialization` runs before `onSend`): what happens
 * meanwhile is what a concurrent request would do. Must run before the app
 * answers its first request.
 */
function holdMarkedRequest(app: FastifyInstance): HeldRequest {
  let reached: () => void = () => {};
  let release: () => void = () => {};
  const reachedPromise = new Promise<void>((resolve) => {
    reached = resolve;
  });
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  app.addHook('preSerialization', async (request, _reply, payload) => {
    if (request.headers[HOLD_HEADER] === undefined) return payload;
    reached();
    await released;
    return payload;
  });
  return { reached: reachedPromise, release };
}

async function whoAmI(app: FastifyInstance, cookie: string) {
  const response = await app.inject({ url: '/api/session', headers: { cookie } });
  return response.json().user as { email: string } | null;
}

/** The session cookie a response set, as a `Cookie` header. */
function cookieSetBy(response: LightMyRequestResponse): string {
  const cookie = (response.cookies as { name: string; value: string }[]).find(
    (c) => c.name === 'session',
  );
  assert.ok(cookie?.value, `a session cookie was set (status ${response.statusCode})`);
  return `session=${cookie.value}`;
}

const sessionCookie = (client: TestClient) => `session=${client.cookies.get('session') ?? ''}`;

/** An attacker replaying a copied cookie on the cart API, as a script would. */
function addToCartWith(app: FastifyInstance, cookie: string, held: boolean) {
  return app.inject({
    method: 'POST',
    url: '/api/cart/items',
    headers: { cookie, 'sec-fetch-site': 'same-origin', ...(held && { [HOLD_HEADER]: '1' }) },
    payload: { monster_id: 1, quantity: 1 },
  });
}

async function cookieStoreApp(
  t: Parameters<typeof buildTestApp>[0],
  engine: 'sqlite' | 'postgres',
) {
  const { app } = await buildTestApp(t, engine, { sessionStore: 'cookie' });
  const held = holdMarkedRequest(app);
  const lucy = await createTestUser(app.database.db, { email: 'lucy@westenra.uk', name: 'Lucy' });
  return { app, held, lucy };
}

async function signedInClient(
  app: FastifyInstance,
  lucy: SessionUser,
  userAgent = 'Victim Browser',
) {
  const client = new TestClient(app, { accept: 'text/html', 'user-agent': userAgent });
  await signIn(app, client, lucy, { userAgent });
  assert.equal((await whoAmI(app, sessionCookie(client)))?.email, 'lucy@westenra.uk');
  return client;
}

for (const engine of testEngines()) {
  test(`cookie store: a request in flight during sign-out cannot re-issue a signed-in cookie on ${engine}`, async (t) => {
    const { app, held, lucy } = await cookieStoreApp(t, engine);
    const victim = await signedInClient(app, lucy);
    const stolen = sessionCookie(victim);

    const inFlight = addToCartWith(app, stolen, true);
    await held.reached;
    const logout = await victim.submit('/account', '/logout', {});
    assert.equal(logout.statusCode, 303);
    held.release();
    const answer = await inFlight;

    assert.equal(answer.statusCode, 200);
    assert.equal(await whoAmI(app, cookieSetBy(answer)), null, 'the re-issued cookie is anonymous');
    assert.equal(await whoAmI(app, stolen), null, 'the copied cookie is anonymous');
  });

  test(`cookie store: "sign out everywhere else" also ends a copy's request in flight, and keeps this device on ${engine}`, async (t) => {
    const { app, held, lucy } = await cookieStoreApp(t, engine);
    const phone = await signedInClient(app, lucy, 'Phone Browser');
    const laptop = await signedInClient(app, lucy, 'Laptop Browser');
    const stolen = sessionCookie(phone);

    const inFlight = addToCartWith(app, stolen, true);
    await held.reached;
    const ended = await laptop.submit('/account', '/account/sessions/end-others', {});
    assert.equal(ended.statusCode, 303);
    held.release();
    const answer = await inFlight;

    assert.equal(answer.statusCode, 200);
    assert.equal(await whoAmI(app, cookieSetBy(answer)), null, 'the re-issued cookie is anonymous');
    assert.equal(await whoAmI(app, stolen), null);
    assert.equal(
      (await whoAmI(app, sessionCookie(laptop)))?.email,
      'lucy@westenra.uk',
      'the device that asked stays signed in',
    );
  });

  test(`cookie store: ending one session by its handle ends every copy and keeps this device on ${engine}`, async (t) => {
    const { app, lucy } = await cookieStoreApp(t, engine);
    const phone = await signedInClient(app, lucy, 'Phone Browser');
    const laptop = await signedInClient(app, lucy, 'Laptop Browser');
    const ended = await laptop.submit('/account', '/account/sessions/end', { session: 'current' });
    assert.equal(ended.statusCode, 303);
    assert.equal(await whoAmI(app, sessionCookie(phone)), null);
    assert.equal((await whoAmI(app, sessionCookie(laptop)))?.email, 'lucy@westenra.uk');
  });

  test(`cookie store: a role change also ends the user's request in flight on ${engine}`, async (t) => {
    const { app, held, lucy } = await cookieStoreApp(t, engine);
    const user = await signedInClient(app, lucy);
    const cookie = sessionCookie(user);

    const inFlight = addToCartWith(app, cookie, true);
    await held.reached;
    assert.equal((await setRole(app.database.db, 'lucy@westenra.uk', 'admin')).role, 'admin');
    held.release();
    const answer = await inFlight;

    assert.equal(answer.statusCode, 200);
    assert.equal(await whoAmI(app, cookieSetBy(answer)), null, 'the re-issued cookie is anonymous');
  });

  test(`cookie store: a sign-in completed before a sign-out elsewhere is signed out too on ${engine}`, async (t) => {
    const { app, held, lucy } = await cookieStoreApp(t, engine);
    const other = await signedInClient(app, lucy, 'Other Browser');

    const inFlight = app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { 'sec-fetch-site': 'same-origin', [HOLD_HEADER]: '1' },
      payload: { email: 'lucy@westenra.uk', password: STRONG_PASSWORD },
    });
    await held.reached;
    assert.equal((await other.submit('/account', '/logout', {})).statusCode, 303);
    held.release();
    const answer = await inFlight;

    assert.equal(answer.statusCode, 200);
    assert.equal(
      await whoAmI(app, cookieSetBy(answer)),
      null,
      'signing out of one cookie session signs out every session signed in before it',
    );
    const again = await app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { 'sec-fetch-site': 'same-origin' },
      payload: { email: 'lucy@westenra.uk', password: STRONG_PASSWORD },
    });
    assert.equal((await whoAmI(app, cookieSetBy(again)))?.email, 'lucy@westenra.uk');
  });
}
