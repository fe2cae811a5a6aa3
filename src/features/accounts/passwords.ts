import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { type Algorithm, hash, verify } from '@node-rs/argon2';
import type { Guessability, StrengthRequest, StrengthResult } from './password-strength.worker.js';

/**
 * argon2id at the OWASP / ASVS 5.0 floor (m = 19 MiB, t = 2, p = 1),
 * hashed on libuv's thread pool, off the event loop (docs/pitfalls.md #10).
 */
const ARGON2_OPTIONS = {
  // `Algorithm` is an ambient const enum, which isolated modules cannot read: 2 is its Argon2id.
  algorithm: 2 as Algorithm.Argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

/** zxcvbn's score (0 to 4) a password needs: 3 holds out against an offline attack on a slow hash. */
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

let worker: Worker | undefined;
let nextRequestId = 0;
const pending = new Map<
  number,
  { resolve: (result: StrengthResult) => void; reject: (error: Error) => void }
>();

/**
 * The worker's entry: the compiled sibling module in production; under tsx
 * (tests, development) a bootstrap that registers tsx in the worker first,
 * which Node 20 does not do for worker threads.
 */
function workerEntry(): [string | URL, WorkerOptions?] {
  const extension = extname(fileURLToPath(import.meta.url));
  const entry = new URL(`./password-strength.worker${extension}`, import.meta.url);
  if (extension !== '.ts') return [entry];
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); });`;
  return [bootstrap, { eval: true }];
}

/** The strength-checking worker, started on the first check. */
function strengthWorker(): Worker {
  if (worker) return worker;
  const started = new Worker(...workerEntry());
  started.on('message', (result: StrengthResult) => {
    pending.get(result.id)?.resolve(result);
    pending.delete(result.id);
    if (pending.size === 0) started.unref();
  });
  started.on('error', (error) => {
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
    worker = undefined;
  });
  worker = started;
  return started;
}

function checkStrength(request: Omit<StrengthRequest, 'id'>): Promise<StrengthResult> {
  const id = nextRequestId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    const checker = strengthWorker();
    // Referenced only while a check is pending: an idle worker never keeps the process alive.
    checker.ref();
    checker.postMessage({ ...request, id });
  });
}

/**
 * Undefined for a password hard enough to guess, else zxcvbn's reason.
 * Guessability is judged on the first 64 characters (password-strength.worker.ts).
 */
export async function passwordWeakness(
  password: string,
  context: { readonly email: string; readonly name: string },
): Promise<Guessability | undefined> {
  const { score, warning, suggestion } = await checkStrength({
    password,
    userInputs: [context.email, context.email.split('@')[0] ?? '', context.name],
  });
  return score >= MIN_SCORE ? undefined : { warning, suggestion };
}
