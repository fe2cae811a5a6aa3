import type { Kysely } from 'kysely';
import type { Dialect } from '../connection.js';

/**
 * The "most viewed" ranking (docs/requirements.md §7, statistics): one row per monster, per
 * consenting visitor, per day — a visitor reloading a page counts once.
 */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('monster_views')
    .addColumn('monster_id', 'integer', (col) =>
      col.notNull().references('monsters.id').onDelete('cascade'),
    )
    .addColumn('visitor_id', 'text', (col) => col.notNull())
    .addColumn('day', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('monster_views_pk', ['monster_id', 'visitor_id', 'day'])
    .execute();
}

export const dataTables = ['monster_views'];

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('monster_views').execute();
}
