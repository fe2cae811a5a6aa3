import rateLimit, {
  type FastifyRateLimitStore,
  type FastifyRateLimitStoreCtor,
} from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { DB } from '../db/connection.js';
import { scheduleClusterTask } from './cluster-tasks.js';

type IncrCallback = Parameters<FastifyRateLimitStore['incr']>[1];

/** Counters whose window has ended are deleted this often (once per cluster). */
const PURGE_INTERVAL_MS = 10 * 60_000;

export interface Hits {
  /** Hits in the current window, this one included. */
  readonly current: number;
  /** Milliseconds until the window ends. */
  readonly ttl: number;
}

/**
 * Counts one hit on `key` and returns the new count, in one upsert: hits
 * from any worker or instance each get a distinct count (the row is locked
 * on PostgreSQL; SQLite has one writer), so no two both read "under the
 * limit". A window that has ended starts afresh.
 */
export async function countHit(db: DB, key: string, now: number, windowMs: number): Promise<Hits> {
  const nowIso = new Date(now).toISOString();
  const windowEndsAt = new Date(now + windowMs).toISOString();
  const row = await db
    .insertInto('rate_limit_hits')
    .values({ key, hits: 1, window_ends_at: windowEndsAt })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => {
        const ended = eb('rate_limit_hits.window_ends_at', '<=', nowIso);
        return {
          hits: eb
            .case()
            .when(ended)
            .then(1)
            .else(eb('rate_limit_hits.hits', '+', 1))
            .end(),
          window_ends_at: eb
            .case()
            .when(ended)
            .then(windowEndsAt)
            .else(eb.ref('rate_limit_hits.window_ends_at'))
            .end(),
        };
      }),
    )
    .returning(['hits', 'window_ends_at'])
    .executeTakeFirstOrThrow();
  return {
    current: Number(row.hits),
    ttl: Math.max(0, Date.parse(String(row.window_ends_at)) - now),
  };
}

export async function purgeEndedWindows(db: DB, now: number): Promise<number> {
  const result = await db
    .deleteFrom('rate_limit_hits')
    .where('window_ends_at', '<=', new Date(now).toISOString())
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * A @fastify/rate-limit store over `db`. Every route shares one key space:
 * the limits' keys name their purpose (`sign-in:…`), and routes with one
 * `groupId` (the sign-in form and API) share one count, as they should.
 * A database failure reaches the error handler unchanged (a 503).
 */
export function databaseRateLimitStore(db: DB): FastifyRateLimitStoreCtor {
  return class DatabaseRateLimitStore implements FastifyRateLimitStore {
    incr(key: string, callback: IncrCallback, timeWindow: number): void {
      countHit(db, key, Date.now(), timeWindow).then(
        (hits) => callback(null, hits),
        (error: Error) => callback(error),
      );
    }

    child(): FastifyRateLimitStore {
      return this;
    }
  };
}

/**
 * @fastify/rate-limit with its counters in the database, so per-IP limits
 * hold across `--workers N` and instances (docs/decisions/015). Limits are
 * per route (`config.rateLimit`), none global.
 */
export const sharedRateLimit = fp(
  async (app: FastifyInstance) => {
    const { db } = app.database;
    await app.register(rateLimit, { global: false, store: databaseRateLimitStore(db) });
    scheduleClusterTask(app, db, {
      name: 'rate-limit-purge',
      intervalMs: PURGE_INTERVAL_MS,
      run: (now) => purgeEndedWindows(db, now),
    });
  },
  { name: 'shared-rate-limit', dependencies: ['database'] },
);
