import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../../config/config.js';
import { isDatabaseUnavailable } from '../../db/connection.js';
import { scheduleClusterTask } from '../cluster-tasks.js';
import { isSecureContext } from '../cookie-policy.js';
import { databaseFailureFields, metDatabaseUnavailable } from '../database-outage.js';
import { isErrorAnswer } from '../error-answers.js';
import { cookieSessionStore } from './cookie-store.js';
import { databaseSessionStore } from './database-store.js';
import { EMPTY_STATE, Session, type SessionData, type SessionUser } from './session.js';
import type { ActiveSession, LoadedSession, SessionStore } from './session-store.js';

const PURGE_INTERVAL_MS = 10 * 60_000;

interface RequestSession {
  readonly session: Session;
  readonly loaded: LoadedSession | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The visitor's session, loaded on first use only (no cookie, no database round trip). */
    session(): Promise<Session>;
    /** The session if the visitor already has one; never creates one. */
    existingSession(): Promise<Session | null>;
    sessionState: Promise<RequestSession> | null;
    /** The session once loaded: what a page can show without waiting on the store. */
    loadedSession: Session | null;
    /** The answer depends on the visitor's session (or on having none): caches must not keep it. */
    sessionConsulted: boolean;
    sessionCommitted: boolean;
    /** The session cookie the commit set or cleared: every answer to this request carries it. */
    sessionCookie: SessionCookie | null;
  }
  interface FastifyInstance {
    sessions: SessionManager;
  }
}

/** docs/requirements.md §6: `session`, or `__Host-session` (which requires Secure) over HTTPS or in production. */
export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-session' : 'session';
}

/**
 * Signs a user out of every session of both stores (rows deleted, cookie
 * sessions outdated by a generation bump). It needs no running app: a role
 * changed from the CLI takes effect whichever store the server uses.
 */
export { revokeAllSessions } from './sessions.queries.js';

/** Runs when a visitor signs in, after the new identity is set (the cart merges here). */
export type SignInListener = (event: {
  readonly session: Session;
  readonly user: SessionUser;
  /** Data of the user's most recent other live session, when the store can tell (database store). */
  readonly previousData: SessionData | null;
}) => Promise<void>;

export class SessionManager {
  readonly #signInListeners: SignInListener[] = [];

  constructor(
    readonly store: SessionStore,
    private readonly production: boolean,
    private readonly lifetimeSeconds: number,
  ) {}

  cookieName(request: FastifyRequest): string {
    return sessionCookieName(isSecureContext(request, this.production));
  }

  hasCookie(request: FastifyRequest): boolean {
    // `cookies` is still null when Fastify answers before any hook (a malformed URL).
    return Boolean(request.cookies?.[this.cookieName(request)]);
  }

  async load(request: FastifyRequest): Promise<RequestSession> {
    const cookieValue = request.cookies?.[this.cookieName(request)];
    const loaded = cookieValue ? await this.store.load(cookieValue, Date.now()) : null;
    const session = new Session(loaded?.state ?? EMPTY_STATE, loaded?.user ?? null, (state) =>
      this.store.fits(state),
    );
    request.loadedSession = session;
    return { session, loaded };
  }

  /** Persists what changed; returns the cookie to set or clear, if any. */
  async commit(
    request: FastifyRequest,
    { session, loaded }: RequestSession,
  ): Promise<SessionCookie | null> {
    const outcome = await this.store.commit(session, loaded, {
      now: Date.now(),
      userAgent: request.headers['user-agent'] ?? null,
    });
    const name = this.cookieName(request);
    if (outcome.action === 'set') {
      return { name, value: outcome.value, options: request.cookieOptions(this.lifetimeSeconds) };
    }
    // A cookie that named no valid session (expired, tampered, signed out) is dropped.
    if (!loaded && this.hasCookie(request)) {
      return { name, value: '', options: { ...request.cookieOptions(0), expires: new Date(0) } };
    }
    return null;
  }

  onSignIn(listener: SignInListener): void {
    this.#signInListeners.push(listener);
  }

  /** Signs `user` in under a new identity (no fixation) and lets features carry data over. */
  async signIn(request: FastifyRequest, user: SessionUser): Promise<Session> {
    const session = await request.session();
    const previousData = await this.store.latestDataOf(user.id);
    // The generation as of now: a sign-out elsewhere before this answer is saved ends it too.
    session.signIn(user, Date.now(), await this.store.generationOf(user.id));
    for (const listener of this.#signInListeners) await listener({ session, user, previousData });
    return session;
  }

  async listSessions(request: FastifyRequest): Promise<ActiveSession[]> {
    const { session, loaded } = await this.#state(request);
    return session.user ? this.store.listSessions(session.user.id, loaded, Date.now()) : [];
  }

  /** "Sign out everywhere else": the current session survives under a new identity. */
  async endOtherSessions(request: FastifyRequest): Promise<void> {
    const { session, loaded } = await this.#state(request);
    if (!session.user) return;
    session.reissue(await this.store.endOtherSessions(session.user.id, loaded));
  }

  async endSession(request: FastifyRequest, handle: string): Promise<void> {
    const { session } = await this.#state(request);
    if (!session.user) return;
    const generation = await this.store.endSession(session.user.id, handle);
    if (generation !== null) session.reissue(generation);
  }

  /**
   * Saves the session before the answer is sent rather than while it is
   * (`onSend`): for an answer whose session must be saved for it to make
   * sense, a failure is thrown here, where the caller can still answer otherwise.
   */
  async saveNow(request: FastifyRequest): Promise<void> {
    if (request.sessionCommitted || !request.sessionState) return;
    request.sessionCookie = await this.commit(request, await request.sessionState);
    request.sessionCommitted = true;
  }

  #state(request: FastifyRequest): Promise<RequestSession> {
    request.sessionState ??= this.load(request);
    return request.sessionState;
  }
}

/** A `Set-Cookie` for the session cookie: a new value, or an expired one that deletes it. */
export interface SessionCookie {
  readonly name: string;
  readonly value: string;
  readonly options: CookieSerializeOptions;
}

function setSessionCookie(reply: FastifyReply, cookie: SessionCookie | null): void {
  if (cookie) reply.setCookie(cookie.name, cookie.value, cookie.options);
}

/**
 * An answer rendered from a visitor's session (personal data, or at least
 * the header's sign-in state and cart count) is never stored by a browser or
 * a shared cache, unless its route chose its own caching.
 */
function keepOutOfCaches(reply: FastifyReply): void {
  if (!reply.hasHeader('cache-control')) reply.header('Cache-Control', 'no-store');
}

/**
 * A session that could not be saved fails a successful answer when the
 * visitor's change is lost: they must know. Otherwise the answer goes out as
 * it is: when only the time of last activity was due to be refreshed (the
 * next request will do it), and for the error handler's own answer
 * (docs/decisions/005: the error path has already run).
 */
function commitFailure(request: FastifyRequest, session: Session, error: Error): Error | null {
  const changeLost = session.changed || session.renewed;
  if (changeLost && !isErrorAnswer(request)) return error;
  if (isDatabaseUnavailable(error)) {
    request.log.warn(databaseFailureFields(error), 'session not saved');
  } else request.log.error({ err: error }, 'session not saved');
  return null;
}

/**
 * Sessions of both kinds (docs/requirements.md §6), loaded lazily: a request that never asks
 * for its session costs no cookie parsing of ours and no database round trip.
 */
export const sessions = fp(
  async (app: FastifyInstance, config: Config) => {
    const idleMs = config.sessionLifetimeSeconds * 1000;
    const store =
      config.sessionStore === 'cookie'
        ? cookieSessionStore(app.database.db, config.secretKeys, idleMs, sessionCookieName(true))
        : databaseSessionStore(app.database.db, idleMs);
    const manager = new SessionManager(store, config.production, config.sessionLifetimeSeconds);
    app.decorate('sessions', manager);

    app.decorateRequest('sessionState', null);
    app.decorateRequest('loadedSession', null);
    app.decorateRequest('sessionConsulted', false);
    app.decorateRequest('session', async function (this: FastifyRequest) {
      this.sessionConsulted = true;
      this.sessionState ??= manager.load(this);
      return (await this.sessionState).session;
    });
    app.decorateRequest('existingSession', async function (this: FastifyRequest) {
      // Finding no session shapes the answer too (signed out, an empty cart).
      this.sessionConsulted = true;
      if (!this.sessionState && !manager.hasCookie(this)) return null;
      return this.session();
    });

    app.decorateRequest('sessionCommitted', false);
    app.decorateRequest('sessionCookie', null);
    // Callback style keeps requests without a session free of promises. Every path
    // settles: `done` sends the response and can throw (a header Node refuses); such a
    // throw goes to the error handler as an async hook's would, never into a dangling
    // promise (an unhandled rejection ends the process).
    app.addHook('onSend', (request, reply, payload, done) => {
      if (request.sessionConsulted) keepOutOfCaches(reply);
      if (!request.sessionState) return done(null, payload);
      if (request.sessionCommitted) {
        // The error page replacing a failed answer: the saved session's cookie still applies.
        setSessionCookie(reply, request.sessionCookie);
        return done(null, payload);
      }
      // Once only: if saving fails, the error response must not try again.
      request.sessionCommitted = true;
      // The database already failed this request: its 503 goes out without waiting on it again.
      if (metDatabaseUnavailable(request)) return done(null, payload);
      const settle = (error: Error | null) => {
        try {
          if (error) done(error);
          else done(null, payload);
        } catch (sendError) {
          done(sendError as Error);
        }
      };
      request.sessionState
        .then(
          (state) =>
            manager
              .commit(request, state)
              .then((cookie) => {
                request.sessionCookie = cookie;
                setSessionCookie(reply, cookie);
                return null;
              })
              .catch((error: Error) => commitFailure(request, state.session, error)),
          // Nothing to save: whoever asked for the session has already met the failure.
          () => null,
        )
        .then(settle)
        .catch((error: unknown) => {
          request.log.error({ err: error }, 'response could not be sent');
          reply.raw.destroy();
        });
    });

    if (store.kind === 'database') {
      scheduleClusterTask(app, app.database.db, {
        name: 'session-purge',
        intervalMs: PURGE_INTERVAL_MS,
        run: (now) => store.purgeExpired(now),
      });
    }
  },
  { name: 'sessions', dependencies: ['database', 'cookie-policy'] },
);
