import type { Session, SessionData, SessionState, SessionUser } from './session.js';

/** No session outlives 30 days after sign-in, however active (docs/requirements.md §6). */
export const ABSOLUTE_LIFETIME_MS = 30 * 86_400_000;
/** A session seen again within this interval is not re-written just to slide its expiry. */
export const TOUCH_INTERVAL_MS = 60_000;

export interface LoadedSession {
  readonly state: SessionState;
  readonly user: SessionUser | null;
  /** The value of the cookie it came from. */
  readonly cookieValue: string;
  /** Epoch ms when the store last wrote it. */
  readonly lastSeenAt: number;
}

export interface CommitContext {
  readonly now: number;
  readonly userAgent: string | null;
}

/** What to do with the session cookie after a commit. */
export type CookieOutcome =
  | { readonly action: 'keep' }
  | { readonly action: 'set'; readonly value: string };

export interface ActiveSession {
  /** An opaque handle for "sign out this session" forms: not the token, nor its stored hash. */
  readonly handle: string;
  readonly userAgent: string | null;
  readonly createdAt: string;
  readonly lastSeenAt: string;
  readonly current: boolean;
}

/** The two session kinds of the course behind one interface (docs/requirements.md §6). */
export interface SessionStore {
  readonly kind: 'database' | 'cookie';
  load(cookieValue: string, now: number): Promise<LoadedSession | null>;
  /** False when the state could not be stored (a cookie over 4096 bytes). */
  fits(state: SessionState): boolean;
  commit(
    session: Session,
    loaded: LoadedSession | null,
    context: CommitContext,
  ): Promise<CookieOutcome>;
  /** The generation a sign-in of the user made now is bound to (`SessionState.generation`). */
  generationOf(userId: number): Promise<number>;
  /**
   * Signs the user out of every other session. Returns the generation the
   * current session continues under (it is re-issued).
   */
  endOtherSessions(userId: number, loaded: LoadedSession | null): Promise<number>;
  /**
   * Signs the user out of one other session by its handle. Returns the
   * generation the current session must be re-issued under when ending the
   * other one ended it too (cookie store), otherwise null.
   */
  endSession(userId: number, handle: string): Promise<number | null>;
  /** Signs the user out everywhere (role change, password change). */
  endAllSessions(userId: number): Promise<void>;
  listSessions(userId: number, loaded: LoadedSession | null, now: number): Promise<ActiveSession[]>;
  /** The data of the user's most recently active live session, or null (always null for cookies). */
  latestDataOf(userId: number): Promise<SessionData | null>;
  purgeExpired(now: number): Promise<number>;
}

/** Idle timeout slides with activity; a signed-in session is also capped at 30 days after sign-in. */
export function expiryOf(state: SessionState, now: number, idleMs: number): number {
  const idle = now + idleMs;
  return state.authenticatedAt === null
    ? idle
    : Math.min(idle, state.authenticatedAt + ABSOLUTE_LIFETIME_MS);
}
