import { randomBytes } from 'node:crypto';
import type { DB } from '../../db/connection.js';
import { SealedBox } from './sealed-box.js';
import type { SessionData, SessionState } from './session.js';
import {
  ABSOLUTE_LIFETIME_MS,
  type ActiveSession,
  type CookieOutcome,
  type SessionStore,
  TOUCH_INTERVAL_MS,
} from './session-store.js';
import {
  bumpSessionGeneration,
  currentSessionGeneration,
  findUserWithGeneration,
} from './sessions.queries.js';

/** Browsers drop a cookie whose `name=value` passes 4096 bytes (docs/pitfalls.md #11). */
export const MAX_COOKIE_BYTES = 4096;

/** The SealedBox purpose of session cookies (the debug inspector opens them too). */
export const SESSION_COOKIE_PURPOSE = 'session-cookie-v1';

/** What the encrypted cookie holds. Short keys: every byte travels on every request. */
interface Payload {
  /** A random id, new at every sign-in: the cookie's identity. */
  readonly i: string;
  readonly u: number | null;
  /** The user's session generation when sealed: a bump invalidates older cookies. */
  readonly g: number;
  readonly a: number | null;
  /** Last seen, epoch ms: the sliding idle timeout. */
  readonly t: number;
  readonly d: SessionData;
}

function isPayload(value: unknown): value is Payload {
  const payload = value as Payload;
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof payload.i === 'string' &&
    (payload.u === null || Number.isInteger(payload.u)) &&
    Number.isInteger(payload.g) &&
    (payload.a === null || typeof payload.a === 'number') &&
    typeof payload.t === 'number' &&
    typeof payload.d === 'object' &&
    payload.d !== null
  );
}

const newIdentity = () => randomBytes(9).toString('base64url');

/**
 * Client-side sessions: the data itself, encrypted and authenticated, in the
 * cookie. Sign-out cannot delete a cookie the browser may have copied, so a
 * per-user generation number, bumped at sign-out, makes older cookies anonymous.
 */
export function cookieSessionStore(
  db: DB,
  secrets: readonly string[],
  idleMs: number,
  cookieName: string,
): SessionStore {
  const box = new SealedBox(secrets, SESSION_COOKIE_PURPOSE);
  const seal = (payload: Payload) => box.seal(JSON.stringify(payload));

  return {
    kind: 'cookie',

    async load(cookieValue, now) {
      const opened = box.open(cookieValue);
      if (opened === undefined) return null;
      let payload: unknown;
      try {
        payload = JSON.parse(opened);
      } catch {
        return null;
      }
      if (!isPayload(payload) || now - payload.t > idleMs) return null;
      const state: SessionState = {
        userId: payload.u,
        authenticatedAt: payload.a,
        generation: payload.g,
        data: payload.d,
      };
      if (payload.u === null) return { state, user: null, cookieValue, lastSeenAt: payload.t };
      if (payload.a === null || now - payload.a > ABSOLUTE_LIFETIME_MS) return null;
      const user = await findUserWithGeneration(db, payload.u);
      if (!user || user.session_generation !== payload.g) return null;
      const { session_generation: _generation, ...sessionUser } = user;
      return { state, user: sessionUser, cookieValue, lastSeenAt: payload.t };
    },

    fits(state) {
      const probe = seal({
        i: newIdentity(),
        u: state.userId,
        g: 2 ** 31,
        a: state.authenticatedAt,
        t: Date.now(),
        d: state.data,
      });
      return Buffer.byteLength(`${cookieName}=${probe}`) <= MAX_COOKIE_BYTES;
    },

    async commit(session, loaded, { now }): Promise<CookieOutcome> {
      const previousUserId = loaded?.state.userId ?? null;
      if (previousUserId !== null && previousUserId !== session.state.userId) {
        // Signed out: a copy of the old cookie must be anonymous from now on.
        await bumpSessionGeneration(db, previousUserId);
      }
      const stale = loaded !== null && now - loaded.lastSeenAt > TOUCH_INTERVAL_MS;
      if (!session.changed && !session.renewed && !stale) return { action: 'keep' };
      // The generation the session was loaded or signed in with, never today's: a request
      // that loaded before a sign-out and ends after it must not seal the new generation.
      const { userId, authenticatedAt, generation, data } = session.state;
      const previous = loaded ? box.open(loaded.cookieValue) : undefined;
      const identity =
        session.renewed || !previous ? newIdentity() : (JSON.parse(previous) as Payload).i;
      return {
        action: 'set',
        value: seal({ i: identity, u: userId, g: generation, a: authenticatedAt, t: now, d: data }),
      };
    },

    generationOf: (userId) => currentSessionGeneration(db, userId),

    // Bumping the generation signs out every copy; the caller re-issues the current cookie.
    endOtherSessions: (userId) => bumpSessionGeneration(db, userId),

    // One copy cannot be told from another: every session ends, the current one is re-issued.
    endSession: (userId) => bumpSessionGeneration(db, userId),

    async endAllSessions(userId) {
      await bumpSessionGeneration(db, userId);
    },

    async listSessions(_userId, loaded): Promise<ActiveSession[]> {
      // Cookie sessions live in browsers: only the current one can be listed.
      return loaded
        ? [
            {
              handle: 'current',
              userAgent: null,
              createdAt: new Date(loaded.state.authenticatedAt ?? loaded.lastSeenAt).toISOString(),
              lastSeenAt: new Date(loaded.lastSeenAt).toISOString(),
              current: true,
            },
          ]
        : [];
    },

    // A cookie session lives only in the browser that holds it.
    latestDataOf: async () => null,

    purgeExpired: async () => 0,
  };
}
