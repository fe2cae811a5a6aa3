// In-process micro-benchmarks of the performance tricks
// (docs/decisions/012-performance-tricks.md): each operation with the trick and
// without it, in alternating rounds (A B, B A…) in this one process, so a
// busy moment of the machine hits both sides. `bench/tricks.ts` runs this file
// pinned to one core and prints its rows; alone:
//
//   taskset -c 0 node --import tsx bench/tricks-micro.ts <demo.db>
//
// Prints one JSON object per line: { name, with, without } in ns of CPU
// time per operation, one value per round.
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import helmet from 'helmet';
import { type CompiledQuery, Kysely } from 'kysely';
import { Type } from 'typebox';
import type { DB } from '../src/db/connection.js';
import { MONSTER_COLUMNS } from '../src/db/monsters.queries.js';
import { AppSqliteDialect } from '../src/db/sqlite-dialect.js';
import { SQLite, type SqliteDatabase } from '../src/db/sqlite-native.js';
import type { Database } from '../src/db/tables.js';
import { findMonsterById } from '../src/features/catalogue/catalogue.queries.js';
import { helmetOptions, securityHeaderValues } from '../src/plugins/security-headers.js';

const ROUNDS = Number(process.env.BENCH_MICRO_ROUNDS) || 9;
/** CPU time each side gets per round. */
const ROUND_MS = Number(process.env.BENCH_MICRO_MS) || 300;

export interface MicroResult {
  readonly name: string;
  /** ns per operation, one value per round. */
  readonly with: readonly number[];
  readonly without: readonly number[];
}

type Operation = () => unknown;

/** CPU time of this process so far, in ns (other processes' use of the core is not counted). */
function cpuNs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) * 1_000;
}

/**
 * ns of this process's CPU time per call of `operation` (awaited when it
 * returns a promise), over about ROUND_MS of CPU time: on a shared core,
 * wall time would also count the other processes' turns.
 */
async function timeOf(operation: Operation): Promise<number> {
  let calls = 0;
  const started = cpuNs();
  const until = started + ROUND_MS * 1e6;
  let now = started;
  while (now < until) {
    for (let batch = 0; batch < 100; batch += 1) {
      const result = operation();
      if (result instanceof Promise) await result;
    }
    calls += 100;
    now = cpuNs();
  }
  return (now - started) / calls;
}

/** Warms both sides up, then times them in alternating order, round after round. */
async function compare(name: string, withTrick: Operation, withoutTrick: Operation) {
  await timeOf(withTrick);
  await timeOf(withoutTrick);
  const result = { name, with: [] as number[], without: [] as number[] };
  for (let round = 0; round < ROUNDS; round += 1) {
    if (round % 2 === 0) {
      result.with.push(await timeOf(withTrick));
      result.without.push(await timeOf(withoutTrick));
    } else {
      result.without.push(await timeOf(withoutTrick));
      result.with.push(await timeOf(withTrick));
    }
  }
  console.log(JSON.stringify(result));
}

/** The statement cache: running the monster-by-id statement, prepared once or every time. */
async function statementCache(sqlite: SqliteDatabase, sql: string) {
  const cached = sqlite.prepare(sql);
  let id = 0;
  await compare(
    'SQLite statement: cached vs prepared per query (better-sqlite3, monster by id)',
    () => cached.all([(id++ % 31) + 1]),
    () => sqlite.prepare(sql).all([(id++ % 31) + 1]),
  );
}

/** The compiled query: findMonsterById as shipped vs the same query built by Kysely per call. */
async function compiledQuery(db: DB) {
  let id = 0;
  await compare(
    'monster by id through Kysely: compiled once vs built and compiled per call',
    () => findMonsterById(db, (id++ % 31) + 1),
    () =>
      db
        .selectFrom('monsters')
        .select(MONSTER_COLUMNS)
        .where('id', '=', (id++ % 31) + 1)
        .executeTakeFirst(),
  );
}

/** Only the building: what the cache saves on each call, without running the query. */
async function compileOnly(db: DB) {
  const cache = new WeakMap<DB, CompiledQuery>();
  cache.set(db, db.selectFrom('monsters').select(MONSTER_COLUMNS).where('id', '=', 0).compile());
  let id = 0;
  await compare(
    'monster by id, building only: WeakMap lookup vs Kysely build + compile',
    () => ({ ...cache.get(db), parameters: [(id++ % 31) + 1] }),
    () =>
      db
        .selectFrom('monsters')
        .select(MONSTER_COLUMNS)
        .where('id', '=', (id++ % 31) + 1)
        .compile(),
  );
}

/** Security headers onto a real ServerResponse: precomputed values vs helmet's middleware. */
async function securityHeaders() {
  const options = helmetOptions(false);
  const headers = Object.entries(securityHeaderValues(options));
  const middleware = helmet(options);
  const request = new IncomingMessage(new Socket());
  const response = new ServerResponse(request);
  const next = () => {};
  await compare(
    'security headers on a response: precomputed vs helmet middleware per request',
    () => {
      for (const [name, value] of headers) response.setHeader(name, value);
    },
    () => middleware(request, response, next),
  );
}

/** A form schema of the usual size: texts with limits, an e-mail, a coerced integer. */
const FORM = Type.Object({
  email: Type.String({ format: 'email', maxLength: 254 }),
  name: Type.String({ minLength: 1, maxLength: 100 }),
  password: Type.String({ minLength: 12, maxLength: 1024 }),
  quantity: Type.Integer({ minimum: 1, maximum: 99 }),
  next: Type.Optional(Type.String({ maxLength: 2048 })),
});
const SUBMITTED = { email: 'a@example.com', name: 'Ann', password: 'x'.repeat(16), quantity: '3' };

function formValidator(): Ajv.default {
  return addFormats.default(
    new Ajv.default({
      allErrors: true,
      removeAdditional: false,
      useDefaults: true,
      allowUnionTypes: true,
      strict: false,
      coerceTypes: 'array',
    }),
  );
}

/**
 * Form validators: the WeakMap of read-form.ts against Ajv's own cache (it
 * also keys compiled schemas by object), then against compiling per call.
 */
async function formValidators() {
  const ajv = formValidator();
  const compiled = new WeakMap<object, (data: unknown) => boolean>();
  compiled.set(FORM, ajv.compile(FORM));
  const viaWeakMap = () => compiled.get(FORM)?.({ ...SUBMITTED });
  await compare(
    'form validation: WeakMap lookup vs ajv.compile (Ajv’s cache hit)',
    viaWeakMap,
    () => ajv.compile(FORM)({ ...SUBMITTED }),
  );
  await compare(
    'form validation: compiled once vs compiled per call (a schema object made per call)',
    viaWeakMap,
    () => ajv.compile(structuredClone(FORM))({ ...SUBMITTED }),
  );
}

async function main(): Promise<void> {
  const path = process.argv[2];
  if (!path) throw new Error('usage: bench/tricks-micro.ts <demo database file>');
  const sqlite = new SQLite(path, { fileMustExist: true });
  const db: DB = new Kysely<Database>({
    dialect: new AppSqliteDialect(sqlite, { lockWaitMs: 2_000 }),
  });
  const { sql } = db.selectFrom('monsters').select(MONSTER_COLUMNS).where('id', '=', 0).compile();
  try {
    await statementCache(sqlite, sql);
    await compiledQuery(db);
    await compileOnly(db);
    await securityHeaders();
    await formValidators();
  } finally {
    await db.destroy();
  }
}

await main();
