import type { DB } from '../../db/connection.js';
import type { Role, UserRow } from '../../db/tables.js';

const USER_COLUMNS = ['id', 'email', 'name', 'role', 'password_hash', 'created_at'] as const;

/** A user as accounts read it: everything but the cookie-session generation. */
export type UserRecord = Pick<UserRow, (typeof USER_COLUMNS)[number]>;

export function findUserByEmail(db: DB, email: string): Promise<UserRecord | undefined> {
  return db.selectFrom('users').select(USER_COLUMNS).where('email', '=', email).executeTakeFirst();
}

export function findUserById(db: DB, id: number): Promise<UserRecord | undefined> {
  return db.selectFrom('users').select(USER_COLUMNS).where('id', '=', id).executeTakeFirst();
}

export async function insertUser(
  db: DB,
  user: { email: string; name: string; passwordHash: string; role: Role },
): Promise<UserRecord> {
  return db
    .insertInto('users')
    .values({
      email: user.email,
      name: user.name,
      password_hash: user.passwordHash,
      role: user.role,
    })
    .returning(USER_COLUMNS)
    .executeTakeFirstOrThrow();
}

export function listUsers(db: DB): Promise<Omit<UserRecord, 'password_hash'>[]> {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'role', 'created_at'])
    .orderBy('id')
    .execute();
}

/** Changes the role; returns false when no user has that e-mail. */
export async function updateUserRole(db: DB, email: string, role: Role): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ role })
    .where('email', '=', email)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export interface SignInAttempt {
  /** Attempts in the current window, this one included. */
  readonly attempts: number;
  readonly windowStartedAt: string;
}

/**
 * Counts one sign-in attempt for the e-mail and returns the new count, in one
 * upsert: concurrent attempts, from any instance, each get a distinct count
 * (the row is locked on PostgreSQL; SQLite has one writer), so no two can both
 * read "under the limit". A window older than `windowStartIso` starts afresh.
 */
export async function countSignInAttempt(
  db: DB,
  email: string,
  nowIso: string,
  windowStartIso: string,
): Promise<SignInAttempt> {
  const row = await db
    .insertInto('sign_in_attempts')
    .values({ email, attempts: 1, window_started_at: nowIso })
    .onConflict((oc) =>
      oc.column('email').doUpdateSet((eb) => {
        const expired = eb('sign_in_attempts.window_started_at', '<=', windowStartIso);
        return {
          attempts: eb
            .case()
            .when(expired)
            .then(1)
            .else(eb('sign_in_attempts.attempts', '+', 1))
            .end(),
          window_started_at: eb
            .case()
            .when(expired)
            .then(nowIso)
            .else(eb.ref('sign_in_attempts.window_started_at'))
            .end(),
        };
      }),
    )
    .returning(['attempts', 'window_started_at'])
    .executeTakeFirstOrThrow();
  return { attempts: Number(row.attempts), windowStartedAt: String(row.window_started_at) };
}

export async function clearSignInAttempts(db: DB, email: string): Promise<void> {
  await db.deleteFrom('sign_in_attempts').where('email', '=', email).execute();
}
