import type { Kysely } from 'kysely';
import type { Dialect } from '../connection.js';
import { createdAt, timestampType } from './column-types.js';

/**
 * Idempotent checkout (docs/decisions/007): one row per (user, idempotency
 * key), written in the order's own transaction. The key is claimed first, so
 * a duplicate arriving meanwhile waits on the primary key and then finds the
 * order; `order_id` is set before the transaction commits.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('checkout_requests')
    .addColumn('user_id', 'integer', (col) =>
      col.notNull().references('users.id').onDelete('cascade'),
    )
    .addColumn('idempotency_key', 'text', (col) => col.notNull())
    .addColumn('cart_hash', 'text', (col) => col.notNull())
    .addColumn('order_id', 'integer', (col) => col.references('orders.id').onDelete('cascade'))
    .addColumn('created_at', timestampType(dialect), createdAt(dialect))
    .addPrimaryKeyConstraint('checkout_requests_pk', ['user_id', 'idempotency_key'])
    .execute();
}

export const dataTables = ['checkout_requests'];

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('checkout_requests').execute();
}
