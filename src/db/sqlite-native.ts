import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';

/** A major version of Node.js from which better-sqlite3 13 is the driver. */
const CURRENT_DRIVER_FROM_NODE = 22;

function nodeMajor(): number {
  return Number(process.versions.node.split('.')[0]);
}

/** The installed package of the driver that fits the running Node.js. */
const DRIVER = nodeMajor() >= CURRENT_DRIVER_FROM_NODE ? 'better-sqlite3' : 'better-sqlite3-node20';

/**
 * better-sqlite3 as built for the Node.js that runs the shop
 * (docs/decisions/016-node-runtimes.md): release 13 from Node 22 on, because
 * earlier releases abort the process on Node 24.19+ when the garbage collector
 * frees a statement; release 12, installed as `better-sqlite3-node20`, on
 * Node 20, where 13 crashes. Loaded with `require` so only the one that fits
 * the runtime is ever opened.
 */
export const SQLite: typeof BetterSqlite3 = createRequire(import.meta.url)(DRIVER);

/**
 * The driver's native part was compiled for another Node.js (installed with
 * one, run with another): its loader says so over five lines; this is one,
 * with the fix. Any other error is returned as it is.
 */
export function explainDriverBuild(error: unknown): unknown {
  const { code, message } = error as { code?: unknown; message?: unknown };
  const built = /NODE_MODULE_VERSION (\d+)/.exec(String(message));
  if (code !== 'ERR_DLOPEN_FAILED' || !built) return error;
  return new Error(
    `the SQLite driver was compiled for another Node.js (module version ${built[1]}; this is Node.js ${process.version}, version ${process.versions.modules}): run \`npm rebuild ${DRIVER}\` with this Node.js`,
    { cause: error },
  );
}

export type SqliteDatabase = BetterSqlite3.Database;
export type SqliteStatement = BetterSqlite3.Statement;
