import { type Algorithm, hash, verify } from '@node-rs/argon2';
import type { Lang } from '../../i18n/i18n.js';

/**
 * argon2id at the OWASP / ASVS 5.0 floor (m = 19 MiB, t = 2, p = 1),
 * hashed on libuv's thread pool, off the event loop (STACK.md gotcha 10).
 */
export const ARGON2_OPTIONS = {
  // `Algorithm` is an ambient const enum, which isolated modules cannot read: 2 is its Argon2id.
  algorithm: 2 as Algorithm.Argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;
const MIN_SCORE = 3;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

let dummyHash: Promise<string> | undefined;

/**
 * Verifies a password. Without a stored hash (unknown e-mail) a dummy hash is
 * verified anyway, so both failures take the same time (no enumeration).
 */
export async function verifyPassword(
  storedHash: string | undefined,
  password: string,
): Promise<boolean> {
  dummyHash ??= hashPassword('not-a-real-password');
  const target = storedHash ?? (await dummyHash);
  try {
    const matches = await verify(target, password);
    return storedHash !== undefined && matches;
  } catch {
    return false;
  }
}

type StrengthChecker = (
  password: string,
  userInputs: string[],
) => { score: number; warning: string | null; suggestion: string | null };

const checkers = new Map<Lang, Promise<StrengthChecker>>();

/** zxcvbn's dictionaries are large: loaded on the first password check, not at start-up. */
function strengthChecker(lang: Lang): Promise<StrengthChecker> {
  let checker = checkers.get(lang);
  if (!checker) {
    checker = (async () => {
      const [{ ZxcvbnFactory }, common, en, fr] = await Promise.all([
        import('@zxcvbn-ts/core'),
        import('@zxcvbn-ts/language-common'),
        import('@zxcvbn-ts/language-en'),
        import('@zxcvbn-ts/language-fr'),
      ]);
      const zxcvbn = new ZxcvbnFactory({
        dictionary: { ...common.dictionary, ...en.dictionary, ...fr.dictionary },
        graphs: common.adjacencyGraphs,
        translations: lang === 'fr' ? fr.translations : en.translations,
      });
      return (password, userInputs) => {
        const result = zxcvbn.check(password, userInputs);
        return {
          score: result.score,
          warning: result.feedback.warning,
          suggestion: result.feedback.suggestions[0] ?? null,
        };
      };
    })();
    checkers.set(lang, checker);
  }
  return checker;
}

/**
 * Loads the dictionaries ahead of the first registration: the load blocks
 * the event loop for about half a second, better spent right after start-up
 * than in the middle of someone's request.
 */
export async function warmUpPasswordStrength(): Promise<void> {
  await Promise.all([strengthChecker('en'), strengthChecker('fr')]);
}

export interface WeakPasswordMessages {
  readonly tooShort: (min: number) => string;
  readonly tooLong: (max: number) => string;
  readonly tooGuessable: string;
}

/** Undefined for an acceptable password, else the reason it is refused. */
export async function passwordWeakness(
  password: string,
  context: { readonly email: string; readonly name: string },
  lang: Lang,
  messages: WeakPasswordMessages,
): Promise<string | undefined> {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return messages.tooShort(PASSWORD_MIN_LENGTH);
  if (length > PASSWORD_MAX_LENGTH) return messages.tooLong(PASSWORD_MAX_LENGTH);
  const check = await strengthChecker(lang);
  const { score, warning, suggestion } = check(password, [
    context.email,
    context.email.split('@')[0] ?? '',
    context.name,
  ]);
  if (score >= MIN_SCORE) return undefined;
  return [messages.tooGuessable, warning, suggestion].filter(Boolean).join(' ');
}
