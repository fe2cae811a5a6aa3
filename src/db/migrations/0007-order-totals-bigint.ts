import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../connection.js';

/**
 * An order's total is a sum: 22 monsters at the highest price the forms
 * accept (1,000,000.00 €) already pass PostgreSQL's `integer` (2^31 − 1
 * cents). `bigint` holds every total a cart can reach; SQLite's integers
 * are 64-bit already. The driver reads `bigint` as a number (postgres-pool.ts),
 * so nothing above the queries changes. Unit prices stay `integer`: they are
 * bounded by the validation, not summed.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  if (dialect !== 'postgres') return;
  await sql`alter table orders alter column total_cents type bigint`.execute(db);
}

/** Changes a column's type only: no rows are lost. */
export const dataTables: readonly string[] = [];

/** Fails, changing nothing, while an order's total is too large for `integer`. */
export async function down(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  if (dialect !== 'postgres') return;
  await sql`alter table orders alter column total_cents type integer`.execute(db);
}
