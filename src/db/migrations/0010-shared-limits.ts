import type { Kysely } from 'kysely';
import type { Dialect } from '../connection.js';
import { timestampType } from './column-types.js';

/**
 * State that every worker and instance must share (docs/decisions/015):
 * per-IP hit counters for @fastify/rate-limit, counted by one upsert like
 * the per-account sign-in counter, and a "last run" row per periodic task,
 * which only one process wins per interval.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('rate_limit_hits')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('hits', 'integer', (col) => col.notNull())
    .addColumn('window_ends_at', timestampType(dialect), (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('rate_limit_hits_window_ends_at_idx')
    .on('rate_limit_hits')
    .column('window_ends_at')
    .execute();
  await db.schema
    .createTable('cluster_tasks')
    .addColumn('name', 'text', (col) => col.primaryKey())
    .addColumn('last_run_at', timestampType(dialect), (col) => col.notNull())
    .execute();
}

/** Counters live one window and task times one interval: losing them is no loss of data. */
export const dataTables: readonly string[] = [];

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('cluster_tasks').execute();
  await db.schema.dropTable('rate_limit_hits').execute();
}
