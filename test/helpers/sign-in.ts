import type { FastifyInstance } from 'fastify';
import type { BrowserContext } from 'playwright-core';
import type { DB } from '../../src/db/connection.js';
import type { Role } from '../../src/db/tables.js';
import { EMPTY_STATE, Session, type SessionUser } from '../../src/plugins/sessions/session.js';
import { sessionCookieName } from '../../src/plugins/sessions/sessions.plugin.js';
import { TestClient } from './http-client.js';

/**
 * Signing users in without the sign-in form, as epic-stack's browser
 * fixtures do: the user and the session are written straight to the
 * database (a sealed cookie for the cookie store) by the app's own session
 * store, and the cookie is handed to the client. No argon2 hash, no password
 * strength check and no `POST /login` per test. The form itself is tested
 * where it is the subject (accounts tests, test/sign-in-fixture.test.ts).
 */

/**
 * The argon2id hash of STRONG_PASSWORD, made once with the app's own
 * parameters (`hashPassword` in src/features/accounts/passwords.ts) and kept
 * as a constant: every test user gets a password that works, and no test
 * pays for hashing it. test/sign-in-fixture.test.ts proves it still signs in.
 */
export const STRONG_PASSWORD_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$EGrSKGJBY0EhFK2ZzYYuaw$I4e8rTxA0/+4FFhfN8O7FqWk2nvrFL3kN47rB0RzkxU';

export interface NewTestUser {
  /** Stored as given: write it lower-case, as registration stores it. */
  readonly email: string;
  readonly name?: string;
  readonly role?: Role;
}

/** A user row whose password is STRONG_PASSWORD. */
export async function createTestUser(db: DB, user: NewTestUser): Promise<SessionUser> {
  return db
    .insertInto('users')
    .values({
      email: user.email,
      name: user.name ?? user.email.split('@')[0] ?? user.email,
      password_hash: STRONG_PASSWORD_HASH,
      role: user.role ?? 'customer',
    })
    .returning(['id', 'email', 'name', 'role'])
    .executeTakeFirstOrThrow();
}

export interface SessionCookie {
  readonly name: string;
  readonly value: string;
}

export interface SessionOptions {
  /** Stored with a database session, as the sign-in request's would be. */
  readonly userAgent?: string;
  /** `__Host-session`, the name used over HTTPS or in production. */
  readonly secure?: boolean;
}

/**
 * A new signed-in session of `user`, saved by the app's session store (a
 * `sessions` row under the token's hash, or a sealed cookie bound to the
 * user's current session generation): the cookie a sign-in would have set.
 */
export async function sessionCookieFor(
  app: FastifyInstance,
  user: SessionUser,
  options: SessionOptions = {},
): Promise<SessionCookie> {
  // As a sign-in request would: the app's start-up work (the session purge) is done first.
  await app.ready();
  const { store } = app.sessions;
  const session = new Session(EMPTY_STATE, null, () => true);
  const now = Date.now();
  session.signIn(user, now, await store.generationOf(user.id));
  const outcome = await store.commit(session, null, { now, userAgent: options.userAgent ?? null });
  if (outcome.action !== 'set') throw new Error('the session store kept no new session');
  return { name: sessionCookieName(options.secure ?? false), value: outcome.value };
}

/** Gives `client` a signed-in session of `user`, replacing any session it had. */
export async function signIn(
  app: FastifyInstance,
  client: TestClient,
  user: SessionUser,
  options: SessionOptions = {},
): Promise<void> {
  const cookie = await sessionCookieFor(app, user, options);
  client.cookies.set(cookie.name, cookie.value);
}

/** Gives `client` a signed-in session of the user with this e-mail, however it was created. */
export async function signInAs(
  app: FastifyInstance,
  client: TestClient,
  email: string,
  options: SessionOptions = {},
): Promise<SessionUser> {
  const user = await app.database.db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'role'])
    .where('email', '=', email)
    .executeTakeFirstOrThrow(() => new Error(`no user ${email} to sign in`));
  await signIn(app, client, user, options);
  return user;
}

/** A new user and a TestClient signed in as them. */
export async function signedInClient(
  app: FastifyInstance,
  user: NewTestUser,
  headers: Record<string, string> = { accept: 'text/html' },
): Promise<{ readonly client: TestClient; readonly user: SessionUser }> {
  const created = await createTestUser(app.database.db, user);
  const client = new TestClient(app, headers);
  await signIn(app, client, created, { userAgent: headers['user-agent'] });
  return { client, user: created };
}

/** Signs a browser context in as `user` on the live server at `baseUrl`. */
export async function signInBrowser(
  context: BrowserContext,
  app: FastifyInstance,
  baseUrl: string,
  user: SessionUser,
): Promise<void> {
  const cookie = await sessionCookieFor(app, user, { userAgent: 'Chromium (test fixture)' });
  await context.addCookies([{ ...cookie, url: baseUrl, httpOnly: true, sameSite: 'Lax' }]);
}
