import type { DB } from '../../db/connection.js';
import type { SessionRow, UserRow } from '../../db/tables.js';

const LIVE_SESSION_COLUMNS = ['id', 'user_id', 'data', 'created_at', 'last_seen_at'] as const;
const SESSION_USER_COLUMNS = ['email', 'name', 'role'] as const;
type SessionUserRow = Pick<UserRow, (typeof SESSION_USER_COLUMNS)[number]>;
const LIVE_SESSION_SELECTION = [
  ...LIVE_SESSION_COLUMNS.map((column) => `sessions.${column}` as const),
  ...SESSION_USER_COLUMNS.map((column) => `users.${column}` as const),
];

/** A session and, through a left join, its user's columns: null for a visitor. */
type StoredSessionRow = Readonly<
  Pick<SessionRow, (typeof LIVE_SESSION_COLUMNS)[number]> & {
    [Column in keyof SessionUserRow]: SessionUserRow[Column] | null;
  }
>;

/** A live session row with its user, in one round trip. */
export function findLiveSession(
  db: DB,
  id: string,
  nowIso: string,
): Promise<StoredSessionRow | undefined> {
  return db
    .selectFrom('sessions')
    .leftJoin('users', 'users.id', 'sessions.user_id')
    .select(LIVE_SESSION_SELECTION)
    .where('sessions.id', '=', id)
    .where('sessions.expires_at', '>', nowIso)
    .executeTakeFirst();
}

interface NewSessionRow {
  readonly id: string;
  readonly userId: number | null;
  readonly data: string;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly userAgent: string | null;
}

export async function insertSession(db: DB, row: NewSessionRow): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id: row.id,
      user_id: row.userId,
      data: row.data,
      created_at: row.createdAt,
      last_seen_at: row.createdAt,
      expires_at: row.expiresAt,
      user_agent: row.userAgent,
    })
    .execute();
}

export async function touchSession(
  db: DB,
  id: string,
  values: { data: string; lastSeenAt: string; expiresAt: string },
): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ data: values.data, last_seen_at: values.lastSeenAt, expires_at: values.expiresAt })
    .where('id', '=', id)
    .execute();
}

export async function deleteSession(db: DB, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteUserSessionsExcept(
  db: DB,
  userId: number,
  keepId: string | null,
): Promise<void> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepId !== null) query = query.where('id', '!=', keepId);
  await query.execute();
}

const ACTIVE_SESSION_COLUMNS = ['id', 'user_agent', 'created_at', 'last_seen_at'] as const;
type ActiveSessionRow = Readonly<Pick<SessionRow, (typeof ACTIVE_SESSION_COLUMNS)[number]>>;

export function listUserSessions(
  db: DB,
  userId: number,
  nowIso: string,
): Promise<ActiveSessionRow[]> {
  return db
    .selectFrom('sessions')
    .select(ACTIVE_SESSION_COLUMNS)
    .where('user_id', '=', userId)
    .where('expires_at', '>', nowIso)
    .orderBy('last_seen_at', 'desc')
    .execute();
}

export async function purgeExpiredSessions(db: DB, nowIso: string): Promise<number> {
  const result = await db
    .deleteFrom('sessions')
    .where('expires_at', '<=', nowIso)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

const USER_GENERATION_COLUMNS = ['id', 'email', 'name', 'role', 'session_generation'] as const;
type UserGenerationRow = Readonly<Pick<UserRow, (typeof USER_GENERATION_COLUMNS)[number]>>;

export function findUserWithGeneration(
  db: DB,
  userId: number,
): Promise<UserGenerationRow | undefined> {
  return db
    .selectFrom('users')
    .select(USER_GENERATION_COLUMNS)
    .where('id', '=', userId)
    .executeTakeFirst();
}

/** Invalidates every cookie-stored session of the user. Returns the new generation. */
export async function bumpSessionGeneration(db: DB, userId: number): Promise<number> {
  // One statement: a concurrent bump cannot slip between the write and the read.
  const row = await db
    .updateTable('users')
    .set((eb) => ({ session_generation: eb('session_generation', '+', 1) }))
    .where('id', '=', userId)
    .returning('session_generation')
    .executeTakeFirst();
  return row?.session_generation ?? 0;
}

/** The user's current session generation (0 for an unknown user). */
export async function currentSessionGeneration(db: DB, userId: number): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select('session_generation')
    .where('id', '=', userId)
    .executeTakeFirst();
  return row?.session_generation ?? 0;
}

/**
 * Signs a user out of every session of both stores: server-side rows are
 * deleted and cookie sessions invalidated by a generation bump. Used when the
 * user's role changes, so their next request starts a fresh identity.
 */
export async function revokeAllSessions(db: DB, userId: number): Promise<void> {
  await deleteUserSessionsExcept(db, userId, null);
  await bumpSessionGeneration(db, userId);
}
