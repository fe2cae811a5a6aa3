import type { Static } from 'typebox';
import type { ThrottleConfig } from '../../config/config.js';
import type { DB } from '../../db/connection.js';
import type { Role } from '../../db/tables.js';
import { readForm } from '../../plugins/read-form.js';
import type { SessionUser } from '../../plugins/sessions/session.js';
import { revokeAllSessions } from '../../plugins/sessions/sessions.plugin.js';
import { accountsErrors } from './accounts.messages.js';
import * as queries from './accounts.queries.js';
import { MAX_EMAIL_LENGTH, Registration } from './accounts.schemas.js';
import { hashPassword, passwordWeakness, verifyPassword } from './passwords.js';

/** E-mail addresses are unique case-insensitively: stored trimmed, NFC, lower-case. */
function normaliseEmail(raw: string): string {
  return raw.normalize('NFC').trim().toLowerCase();
}

/** A registration as given, before any check (the form's fields, the CLI's arguments). */
export type RegistrationInput = { readonly [K in keyof Static<typeof Registration>]: string };

const toSessionUser = ({ id, email, name, role }: queries.UserRecord): SessionUser => ({
  id,
  email,
  name,
  role,
});

/** The registration's fields as the schema reads them (trimmed), or `form.invalid` per field. */
function checkedRegistration(input: RegistrationInput): Static<typeof Registration> {
  const read = readForm(Registration, input);
  if (!read.ok) throw read.error;
  return read.value;
}

/**
 * Creates an account after checking it: the fields, then whether the address
 * is taken, then, last, the password's strength (the one costly step).
 * Every self-registered account is a customer: the role is never read from
 * the request (no mass assignment).
 */
export async function createUser(
  db: DB,
  input: RegistrationInput,
  role: Role,
): Promise<SessionUser> {
  const { name, password, ...typed } = checkedRegistration(input);
  const email = normaliseEmail(typed.email);
  const taken = () => accountsErrors.emailTaken({ field: 'email' });
  if (await queries.findUserByEmail(db, email)) throw taken();
  const weakness = await passwordWeakness(password, { email, name });
  if (weakness) {
    throw accountsErrors.weakPassword({
      fields: { password: accountsErrors.tooGuessable(weakness) },
    });
  }
  const passwordHash = await hashPassword(password);
  try {
    return toSessionUser(await queries.insertUser(db, { email, name, passwordHash, role }));
  } catch (error) {
    // Two registrations raced for the same address: the unique index decided.
    if (await queries.findUserByEmail(db, email)) throw taken();
    throw error;
  }
}

/**
 * Checks a sign-in. Unknown e-mail and wrong password fail identically (same
 * error and timing). Every attempt is counted before the password is checked,
 * in one atomic step (docs/decisions/004): past the limit, every attempt —
 * even with the right password — is refused until the window passes, however
 * many arrive at once. Success clears the count.
 */
export async function authenticate(
  db: DB,
  throttle: ThrottleConfig,
  credentials: { readonly email: string; readonly password: string },
  now = Date.now(),
): Promise<SessionUser> {
  const email = normaliseEmail(credentials.email).slice(0, MAX_EMAIL_LENGTH);
  const windowMs = throttle.windowSeconds * 1000;
  const attempt = await queries.countSignInAttempt(
    db,
    email,
    new Date(now).toISOString(),
    new Date(now - windowMs).toISOString(),
  );
  if (attempt.attempts > throttle.signInFailuresPerAccount) {
    const reopensAt = Date.parse(attempt.windowStartedAt) + windowMs;
    const retryAfterSeconds = Math.max(1, Math.ceil((reopensAt - now) / 1000));
    throw accountsErrors.tooManyAttempts(
      { minutes: Math.ceil(retryAfterSeconds / 60) },
      { retryAfterSeconds },
    );
  }
  const user = await queries.findUserByEmail(db, email);
  // A failure stays counted: the attempt was recorded above.
  if (!(await verifyPassword(user?.password_hash, credentials.password)) || !user) {
    throw accountsErrors.badCredentials();
  }
  await queries.clearSignInAttempts(db, email);
  return toSessionUser(user);
}

/**
 * Changes a role and signs the user out everywhere, in both session stores
 * (the CLI does this without a running app): the next sign-in gets a new
 * identity with the new role.
 */
export async function setRole(db: DB, email: string, role: Role): Promise<SessionUser> {
  const user = await queries.findUserByEmail(db, normaliseEmail(email));
  if (!user) throw accountsErrors.unknownUser({ email });
  await queries.updateUserRole(db, user.email, role);
  await revokeAllSessions(db, user.id);
  return { ...toSessionUser(user), role };
}

/** The signed-in user's profile; the account may have been deleted since they signed in. */
export async function accountProfile(
  db: DB,
  userId: number,
): Promise<SessionUser & { readonly createdAt: string }> {
  const user = await queries.findUserById(db, userId);
  if (!user) throw accountsErrors.accountGone();
  return { ...toSessionUser(user), createdAt: user.created_at };
}

export { listUsers } from './accounts.queries.js';
