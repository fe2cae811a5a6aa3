import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../connection.js';
import { createdAt, timestampType, withIdColumn } from './column-types.js';

/** The whole data model of docs/requirements.md §3. */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const ts = timestampType(dialect);

  await withIdColumn(db.schema.createTable('monsters'), dialect)
    .addColumn('name', 'text', (col) => col.notNull().check(sql`length(name) between 1 and 100`))
    .addColumn('height', 'integer', (col) => col.notNull().check(sql`height >= 0`))
    .addColumn('category', 'text', (col) =>
      col.notNull().check(sql`length(category) between 1 and 50`),
    )
    .addColumn('description', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('price_cents', 'integer', (col) => col.notNull().check(sql`price_cents >= 0`))
    .addColumn('stock', 'integer', (col) => col.notNull().defaultTo(0).check(sql`stock >= 0`))
    .addColumn('image', 'text')
    .addColumn('created_at', ts, createdAt(dialect))
    .addColumn('updated_at', ts, createdAt(dialect))
    .execute();
  for (const column of ['category', 'height', 'name', 'price_cents']) {
    await db.schema
      .createIndex(`monsters_${column}_idx`)
      .on('monsters')
      .columns([column, 'id'])
      .execute();
  }

  await withIdColumn(db.schema.createTable('users'), dialect)
    .addColumn('email', 'text', (col) => col.notNull().unique())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('password_hash', 'text', (col) => col.notNull())
    .addColumn('role', 'text', (col) =>
      col.notNull().defaultTo('customer').check(sql`role in ('customer', 'admin')`),
    )
    .addColumn('session_generation', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('created_at', ts, createdAt(dialect))
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('user_id', 'integer', (col) => col.references('users.id').onDelete('cascade'))
    .addColumn('data', 'text', (col) => col.notNull().defaultTo('{}'))
    .addColumn('created_at', ts, createdAt(dialect))
    .addColumn('last_seen_at', ts, createdAt(dialect))
    .addColumn('expires_at', ts, (col) => col.notNull())
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('sessions_user_id_idx').on('sessions').column('user_id').execute();
  await db.schema
    .createIndex('sessions_expires_at_idx')
    .on('sessions')
    .column('expires_at')
    .execute();

  await withIdColumn(db.schema.createTable('orders'), dialect)
    .addColumn('user_id', 'integer', (col) => col.notNull().references('users.id'))
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('placed'))
    .addColumn('total_cents', 'integer', (col) => col.notNull().check(sql`total_cents >= 0`))
    .addColumn('created_at', ts, createdAt(dialect))
    .execute();
  await db.schema
    .createIndex('orders_user_id_idx')
    .on('orders')
    .columns(['user_id', 'id'])
    .execute();

  await withIdColumn(db.schema.createTable('order_items'), dialect)
    .addColumn('order_id', 'integer', (col) =>
      col.notNull().references('orders.id').onDelete('cascade'),
    )
    .addColumn('monster_id', 'integer', (col) => col.references('monsters.id').onDelete('set null'))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('unit_price_cents', 'integer', (col) =>
      col.notNull().check(sql`unit_price_cents >= 0`),
    )
    .addColumn('quantity', 'integer', (col) => col.notNull().check(sql`quantity > 0`))
    .execute();
  await db.schema
    .createIndex('order_items_order_id_idx')
    .on('order_items')
    .column('order_id')
    .execute();
  await db.schema
    .createIndex('order_items_monster_id_idx')
    .on('order_items')
    .column('monster_id')
    .execute();

  await withIdColumn(db.schema.createTable('consents'), dialect)
    .addColumn('choices', 'text', (col) => col.notNull())
    .addColumn('policy_version', 'text', (col) => col.notNull())
    .addColumn('created_at', ts, createdAt(dialect))
    .addColumn('user_id', 'integer', (col) => col.references('users.id').onDelete('set null'))
    .execute();
}

/** The whole shop: `db rollback` asks for --yes when any of them holds a row. */
export const dataTables = ['monsters', 'users', 'sessions', 'orders', 'order_items', 'consents'];

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['consents', 'order_items', 'orders', 'sessions', 'users', 'monsters']) {
    await db.schema.dropTable(table).execute();
  }
}
