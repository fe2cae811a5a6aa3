import type { Kysely } from 'kysely';
import type { Dialect } from '../connection.js';
import { createdAt, timestampType, withIdColumn } from './column-types.js';

/**
 * Failed sign-ins per account (docs/requirements.md §6 throttling), kept in the database so
 * every app instance sees the same count.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await withIdColumn(db.schema.createTable('sign_in_failures'), dialect)
    .addColumn('email', 'text', (col) => col.notNull())
    .addColumn('created_at', timestampType(dialect), createdAt(dialect))
    .execute();
  await db.schema
    .createIndex('sign_in_failures_email_created_at_idx')
    .on('sign_in_failures')
    .columns(['email', 'created_at'])
    .execute();
}

/** Throttling state lives 15 minutes: losing it is no loss of data. */
export const dataTables: readonly string[] = [];

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('sign_in_failures').execute();
}
