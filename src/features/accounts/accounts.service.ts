import type { ThrottleConfig } from '../../config/config.js';
import type { DB } from '../../db/connection.js';
import type { Role } from '../../db/tables.js';
import type { Lang } from '../../i18n/i18n.js';
import { messagesFor } from '../../i18n/i18n.js';
import type { SessionUser } from '../../plugins/sessions/session.js';
import { revokeAllSessions } from '../../plugins/sessions/sessions.queries.js';
import { HttpError } from '../../shared/http-error.js';
import * as queries from './accounts.queries.js';
import {
  hashPassword,
  passwordLengthProblem,
  passwordWeakness,
  verifyPassword,
} from './passwords.js';

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_EMAIL_LENGTH = 254;
const MAX_NAME_LENGTH = 100;

/** E-mail addresses are unique case-insensitively: stored trimmed, NFC, lower-case. */
export function normaliseEmail(raw: string): string {
  return raw.normalize('NFC').trim().toLowerCase();
}

export interface Registration {
  readonly email: string;
  readonly name: string;
  readonly password: string;
}

const toSessionUser = ({ id, email, name, role }: queries.UserRecord): SessionUser => ({
  id,
  email,
  name,
  role,
});

/** The field errors found without the costly strength check: e-mail, name, password length. */
function formErrors(input: Registration, lang: Lang): Record<string, string> {
  const t = messagesFor(lang).accounts;
  const errors: Record<string, string> = {};
  const email = normaliseEmail(input.email);
  if (!EMAIL_PATTERN.test(email) || email.length > MAX_EMAIL_LENGTH) errors.email = t.emailInvalid;
  const name = input.name.trim();
  if (name.length === 0 || name.length > MAX_NAME_LENGTH) errors.name = t.nameRequired;
  const lengthProblem = passwordLengthProblem(input.password, {
    tooShort: t.passwordTooShort,
    tooLong: t.passwordTooLong,
  });
  if (lengthProblem) errors.password = lengthProblem;
  return errors;
}

/** Field errors of a registration, in the visitor's language; empty when it can proceed. */
export async function registrationErrors(
  input: Registration,
  lang: Lang,
): Promise<Record<string, string>> {
  const errors = formErrors(input, lang);
  if (errors.password) return errors;
  const t = messagesFor(lang).accounts;
  const context = { email: normaliseEmail(input.email), name: input.name.trim() };
  const weakness = await passwordWeakness(input.password, context, lang, {
    tooShort: t.passwordTooShort,
    tooLong: t.passwordTooLong,
    tooGuessable: t.passwordTooGuessable,
  });
  if (weakness) errors.password = weakness;
  return errors;
}

/**
 * Creates an account after validating it. Every self-registered account is a
 * customer: the role is never read from the request (no mass assignment).
 */
export async function createUser(
  db: DB,
  input: Registration,
  role: Role,
  lang: Lang,
): Promise<SessionUser> {
  const email = normaliseEmail(input.email);
  const taken = () =>
    new HttpError(409, messagesFor(lang).accounts.emailTaken, {
      errors: { email: messagesFor(lang).accounts.emailTaken },
    });
  // A taken address is answered before the strength check, the one costly step.
  const wellFormed = Object.keys(formErrors(input, lang)).length === 0;
  if (wellFormed && (await queries.findUserByEmail(db, email))) throw taken();
  const errors = await registrationErrors(input, lang);
  if (Object.keys(errors).length > 0)
    throw new HttpError(422, messagesFor(lang).accounts.fixErrors, { errors });
  const passwordHash = await hashPassword(input.password);
  try {
    return toSessionUser(
      await queries.insertUser(db, { email, name: input.name.trim(), passwordHash, role }),
    );
  } catch (error) {
    // Two registrations raced for the same address: the unique index decided.
    if (await queries.findUserByEmail(db, email)) throw taken();
    throw error;
  }
}

/**
 * Checks a sign-in. Unknown e-mail and wrong password fail identically (same
 * status, message and timing). Every attempt is counted before the password
 * is checked, in one atomic step (docs/decisions/004): past the limit, every
 * attempt — even with the right password — gets 429 until the window passes,
 * however many arrive at once. Success clears the count.
 */
export async function authenticate(
  db: DB,
  throttle: ThrottleConfig,
  credentials: { email: string; password: string },
  lang: Lang,
  now = Date.now(),
): Promise<SessionUser> {
  const t = messagesFor(lang).accounts;
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
    const retryAfter = Math.max(1, Math.ceil((reopensAt - now) / 1000));
    throw new HttpError(429, t.tooManyAttempts(Math.ceil(retryAfter / 60)), {
      headers: { 'Retry-After': String(retryAfter) },
    });
  }
  const user = await queries.findUserByEmail(db, email);
  // A failure stays counted: the attempt was recorded above.
  if (!(await verifyPassword(user?.password_hash, credentials.password)) || !user) {
    throw new HttpError(401, t.badCredentials);
  }
  await queries.clearSignInAttempts(db, email);
  return toSessionUser(user);
}

/** Changes a role and signs the user out everywhere: the next sign-in gets a new identity. */
export async function setRole(db: DB, email: string, role: Role): Promise<boolean> {
  const user = await queries.findUserByEmail(db, normaliseEmail(email));
  if (!user) return false;
  await queries.updateUserRole(db, user.email, role);
  await revokeAllSessions(db, user.id);
  return true;
}

export async function accountProfile(
  db: DB,
  userId: number,
): Promise<SessionUser & { createdAt: string }> {
  const user = await queries.findUserById(db, userId);
  if (!user) throw new HttpError(401);
  return { ...toSessionUser(user), createdAt: user.created_at };
}

export { listUsers } from './accounts.queries.js';
