import type { DB } from '../../db/connection.js';
import type { Role } from '../../db/tables.js';

export interface UserRecord {
  readonly id: number;
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  readonly password_hash: string;
  readonly created_at: string;
}

export function findUserByEmail(db: DB, email: string): Promise<UserRecord | undefined> {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'role', 'password_hash', 'created_at'])
    .where('email', '=', email)
    .executeTakeFirst();
}

export function findUserById(db: DB, id: number): Promise<UserRecord | undefined> {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'role', 'password_hash', 'created_at'])
    .where('id', '=', id)
    .executeTakeFirst();
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
    .returning(['id', 'email', 'name', 'role', 'password_hash', 'created_at'])
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

export async function recordSignInFailure(db: DB, email: string, atIso: string): Promise<void> {
  await db.insertInto('sign_in_failures').values({ email, created_at: atIso }).execute();
}

/** Failures for the e-mail since `sinceIso`, and the oldest of them (when the window reopens). */
export async function recentSignInFailures(
  db: DB,
  email: string,
  sinceIso: string,
): Promise<{ count: number; oldest: string | null }> {
  const row = await db
    .selectFrom('sign_in_failures')
    .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.min('created_at').as('oldest')])
    .where('email', '=', email)
    .where('created_at', '>', sinceIso)
    .executeTakeFirstOrThrow();
  return { count: Number(row.count), oldest: row.oldest === null ? null : String(row.oldest) };
}

export async function clearSignInFailures(db: DB, email: string): Promise<void> {
  await db.deleteFrom('sign_in_failures').where('email', '=', email).execute();
}
