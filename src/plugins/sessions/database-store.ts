import { createHash, randomBytes } from 'node:crypto';
import type { DB } from '../../db/connection.js';
import type { SessionData } from './session.js';
import {
  type ActiveSession,
  type CookieOutcome,
  expiryOf,
  type SessionStore,
  TOUCH_INTERVAL_MS,
} from './session-store.js';
import * as queries from './sessions.queries.js';

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** The stored id of a token: its SHA-256, so a leaked table cannot be replayed. */
export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A public handle for a stored session: a hash of the stored id, useless as a credential. */
function handleOf(sessionId: string): string {
  return createHash('sha256').update(`handle:${sessionId}`).digest('hex').slice(0, 32);
}

function newToken(): string {
  return randomBytes(32).toString('base64url');
}

function parseData(json: string): SessionData {
  try {
    const data: unknown = JSON.parse(json);
    return data !== null && typeof data === 'object' && !Array.isArray(data)
      ? (data as SessionData)
      : {};
  } catch {
    return {};
  }
}

/**
 * Server-side sessions (the default): the cookie holds a random 256-bit
 * token, the `sessions` table the data under the token's hash. Shared by
 * every app instance on the same database.
 */
export function databaseSessionStore(db: DB, idleMs: number): SessionStore {
  const iso = (ms: number) => new Date(ms).toISOString();

  return {
    kind: 'database',

    async load(cookieValue, now) {
      if (!TOKEN_PATTERN.test(cookieValue)) return null;
      const row = await queries.findLiveSession(db, sessionIdOf(cookieValue), iso(now));
      if (!row) return null;
      const signedIn =
        row.user_id !== null && row.email !== null && row.name !== null && row.role !== null;
      return {
        cookieValue,
        lastSeenAt: Date.parse(row.last_seen_at),
        state: {
          userId: signedIn ? row.user_id : null,
          authenticatedAt: signedIn ? Date.parse(row.created_at) : null,
          generation: 0,
          data: parseData(row.data),
        },
        user: signedIn
          ? {
              id: row.user_id as number,
              email: row.email as string,
              name: row.name as string,
              role: row.role as 'customer',
            }
          : null,
      };
    },

    fits: () => true,

    async commit(session, loaded, { now, userAgent }): Promise<CookieOutcome> {
      const { state } = session;
      const data = JSON.stringify(state.data);
      const expiresAt = iso(expiryOf(state, now, idleMs));
      if (session.renewed || (!loaded && session.changed)) {
        // A new token on sign-in and sign-out: the previous one is destroyed (no fixation, no replay).
        if (loaded) await queries.deleteSession(db, sessionIdOf(loaded.cookieValue));
        const token = newToken();
        await queries.insertSession(db, {
          id: sessionIdOf(token),
          userId: state.userId,
          data,
          createdAt: iso(state.authenticatedAt ?? now),
          expiresAt,
          userAgent: userAgent?.slice(0, 300) ?? null,
        });
        return { action: 'set', value: token };
      }
      if (loaded && (session.changed || now - loaded.lastSeenAt > TOUCH_INTERVAL_MS)) {
        await queries.touchSession(db, sessionIdOf(loaded.cookieValue), {
          data,
          lastSeenAt: iso(now),
          expiresAt,
        });
        return { action: 'set', value: loaded.cookieValue };
      }
      return { action: 'keep' };
    },

    // Rows are revoked by deletion: generations stay 0.
    generationOf: async () => 0,

    async endOtherSessions(userId, loaded) {
      await queries.deleteUserSessionsExcept(
        db,
        userId,
        loaded ? sessionIdOf(loaded.cookieValue) : null,
      );
      return 0;
    },

    async endSession(userId, handle) {
      const sessions = await queries.listUserSessions(db, userId, iso(Date.now()));
      const target = sessions.find((row) => handleOf(row.id) === handle);
      if (target) await queries.deleteSession(db, target.id);
      return null;
    },

    async endAllSessions(userId) {
      await queries.deleteUserSessionsExcept(db, userId, null);
    },

    async listSessions(userId, loaded, now): Promise<ActiveSession[]> {
      const currentId = loaded ? sessionIdOf(loaded.cookieValue) : null;
      const rows = await queries.listUserSessions(db, userId, iso(now));
      return rows.map((row) => ({
        handle: handleOf(row.id),
        userAgent: row.user_agent,
        createdAt: row.created_at,
        lastSeenAt: row.last_seen_at,
        current: row.id === currentId,
      }));
    },

    async latestDataOf(userId) {
      const [latest] = await queries.listUserSessions(db, userId, iso(Date.now()));
      if (!latest) return null;
      const row = await queries.findLiveSession(db, latest.id, iso(Date.now()));
      return row ? parseData(row.data) : null;
    },

    purgeExpired: (now) => queries.purgeExpiredSessions(db, iso(now)),
  };
}
