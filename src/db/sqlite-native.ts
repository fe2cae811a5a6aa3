import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';

/** A major version of Node.js from which better-sqlite3 13 is the driver. */
const CURRENT_DRIVER_FROM_NODE = 22;

function nodeMajor(): number {
  return Number(process.versions.node.split('.')[0]);
}

/**
 * better-sqlite3 as built for the Node.js that runs the shop
 * (docs/decisions/016-node-runtimes.md): release 13 from Node 22 on, because
 * earlier releases abort the process on Node 24.19+ when the garbage collector
 * frees a statement; release 12, installed as `better-sqlite3-node20`, on
 * Node 20, where 13 crashes. Loaded with `require` so only the one that fits
 * the runtime is ever opened.
 */
export const SQLite: typeof BetterSqlite3 = createRequire(import.meta.url)(
  nodeMajor() >= CURRENT_DRIVER_FROM_NODE ? 'better-sqlite3' : 'better-sqlite3-node20',
);

export type SqliteDatabase = BetterSqlite3.Database;
export type SqliteStatement = BetterSqlite3.Statement;
