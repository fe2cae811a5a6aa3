import { createRequire } from 'node:module';
import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type pg from 'pg';
import { fromDatabase } from './database-errors.js';
import type { PoolStats } from './pool-stats.js';

const PG_INT8 = 20;
const PG_NUMERIC = 1700;
const PG_TIMESTAMPTZ = 1184;

/** How long a serving process waits on PostgreSQL before answering 503. */
export interface PostgresWaits {
  /** Server side: a statement running (or waiting on a lock) longer is cancelled. */
  readonly statementTimeoutMs: number;
  /** Client side: a server that does not answer at all (frozen, unreachable). */
  readonly queryTimeoutMs: number;
}

const CONNECT_TIMEOUT_MS = 2_500;
const KEEPALIVE_DELAY_MS = 10_000;

/**
 * The pool of a PostgreSQL database. Counts come back as numbers and
 * timestamps as ISO strings, as on SQLite, so the rest of the code never
 * branches on the engine for its types.
 *
 * With `waits`, no query waits forever (docs/decisions/011-database-waits.md):
 * the server cancels a statement stuck on a lock, the client gives up on a
 * server that stopped answering, and TCP keepalive notices a vanished host.
 * Without (migrations, the CLI), work takes as long as it needs.
 */
export function createPostgresPool(
  connectionString: string,
  options: { readonly max: number; readonly waits: PostgresWaits | null },
): PostgresPool & { readonly stats: () => PoolStats } {
  // Loaded only for PostgreSQL: a SQLite app starts faster without it.
  const { Pool, types } = createRequire(import.meta.url)('pg') as typeof pg;
  const { waits } = options;
  const pool = new Pool({
    connectionString,
    max: options.max,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    keepAlive: true,
    keepAliveInitialDelayMillis: KEEPALIVE_DELAY_MS,
    ...(waits && {
      statement_timeout: waits.statementTimeoutMs,
      query_timeout: waits.queryTimeoutMs,
    }),
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
        if (oid === PG_INT8 || oid === PG_NUMERIC) return Number;
        if (oid === PG_TIMESTAMPTZ) return (value: string) => new Date(value).toISOString();
        return types.getTypeParser(oid, format);
      }) as typeof types.getTypeParser,
    },
  });
  // A client losing its server (PostgreSQL restarting) must not crash the process: idle
  // clients report to the pool, checked-out ones to their own listener; the query in
  // flight fails and becomes a 503.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));

  const clients = new WeakMap<pg.PoolClient, TimeoutAwareClient>();
  return {
    connect: async () => {
      const client = await pool.connect();
      let wrapped = clients.get(client);
      if (!wrapped) {
        wrapped = new TimeoutAwareClient(client);
        clients.set(client, wrapped);
      }
      return wrapped;
    },
    end: () => pool.end(),
    stats: () => ({ open: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
  };
}

/**
 * After a client-side query timeout the query is still running on its
 * connection (a frozen server will answer it, or not, some day): that
 * connection is closed rather than handed to the next request.
 */
class TimeoutAwareClient implements PostgresPoolClient {
  readonly #client: pg.PoolClient;
  #timedOut = false;

  constructor(client: pg.PoolClient) {
    this.#client = client;
  }

  query<R>(sql: string, parameters: readonly unknown[]): Promise<PostgresQueryResult<R>>;
  query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
  query<R>(
    sql: string | PostgresCursor<R>,
    parameters: readonly unknown[] = [],
  ): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
    // The dialect is built without a cursor: Kysely never streams through one.
    if (typeof sql !== 'string') throw new Error('cursors are not used');
    return this.#query(sql, parameters);
  }

  async #query<R>(sql: string, parameters: readonly unknown[]): Promise<PostgresQueryResult<R>> {
    try {
      const result = await this.#client.query(sql, [...parameters]);
      return result as unknown as PostgresQueryResult<R>;
    } catch (error) {
      if (isQueryReadTimeout(error)) this.#timedOut = true;
      throw fromDatabase(error);
    }
  }

  release(destroy?: boolean): void {
    this.#client.release(destroy || this.#timedOut);
  }
}

function isQueryReadTimeout(error: unknown): boolean {
  return error instanceof Error && error.message === 'Query read timeout';
}
