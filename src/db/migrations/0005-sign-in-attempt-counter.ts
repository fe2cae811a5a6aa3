import type { Kysely } from 'kysely';
import type { Dialect } from '../connection.js';
import { createdAt, timestampType, withIdColumn } from './column-types.js';

/**
 * Sign-in throttling as one counter row per e-mail (docs/decisions/004): an
 * attempt is counted by an upsert that returns the new count, so the check
 * and the record are one atomic statement on both engines, across instances.
 * The per-failure log it replaces could be read by two attempts at once.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('sign_in_attempts')
    .addColumn('email', 'text', (col) => col.primaryKey())
    .addColumn('attempts', 'integer', (col) => col.notNull())
    .addColumn('window_started_at', timestampType(dialect), (col) => col.notNull())
    .execute();
  await db.schema.dropTable('sign_in_failures').execute();
}

/** Throttling state lives 15 minutes: losing it is no loss of data. */
export const dataTables: readonly string[] = [];

/** Throttling state is short-lived: the previous shape comes back empty. */
export async function down(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await withIdColumn(db.schema.createTable('sign_in_failures'), dialect)
    .addColumn('email', 'text', (col) => col.notNull())
    .addColumn('created_at', timestampType(dialect), createdAt(dialect))
    .execute();
  await db.schema
    .createIndex('sign_in_failures_email_created_at_idx')
    .on('sign_in_failures')
    .columns(['email', 'created_at'])
    .execute();
  await db.schema.dropTable('sign_in_attempts').execute();
}
