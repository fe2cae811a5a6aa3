import type { DB } from '../../db/connection.js';

export interface OrderRow {
  readonly id: number;
  readonly user_id: number;
  readonly status: string;
  readonly total_cents: number;
  readonly created_at: string;
}

export interface OrderItemRow {
  readonly monster_id: number | null;
  readonly name: string;
  readonly unit_price_cents: number;
  readonly quantity: number;
}

export interface StockedMonster {
  readonly id: number;
  readonly name: string;
  readonly price_cents: number;
}

export function findMonstersForOrder(db: DB, ids: readonly number[]): Promise<StockedMonster[]> {
  return db
    .selectFrom('monsters')
    .select(['id', 'name', 'price_cents'])
    .where('id', 'in', [...ids])
    .orderBy('id')
    .execute();
}

/**
 * Takes `quantity` units if, and only if, they are there: the condition and
 * the decrement are one statement, so concurrent checkouts cannot oversell
 * (STACK.md gotcha 12). Returns whether the units were taken.
 */
export async function takeStock(db: DB, monsterId: number, quantity: number): Promise<boolean> {
  const result = await db
    .updateTable('monsters')
    .set((eb) => ({ stock: eb('stock', '-', quantity) }))
    .where('id', '=', monsterId)
    .where('stock', '>=', quantity)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertOrder(
  db: DB,
  userId: number,
  totalCents: number,
  createdAt: string,
): Promise<number> {
  const row = await db
    .insertInto('orders')
    .values({ user_id: userId, total_cents: totalCents, status: 'placed', created_at: createdAt })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertOrderItems(
  db: DB,
  orderId: number,
  items: readonly OrderItemRow[],
): Promise<void> {
  await db
    .insertInto('order_items')
    .values(items.map((item) => ({ order_id: orderId, ...item })))
    .execute();
}

export function findOrder(db: DB, id: number): Promise<OrderRow | undefined> {
  return db
    .selectFrom('orders')
    .select(['id', 'user_id', 'status', 'total_cents', 'created_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findOrderItems(db: DB, orderId: number): Promise<OrderItemRow[]> {
  return db
    .selectFrom('order_items')
    .select(['monster_id', 'name', 'unit_price_cents', 'quantity'])
    .where('order_id', '=', orderId)
    .orderBy('id')
    .execute();
}

export function listUserOrders(db: DB, userId: number): Promise<OrderRow[]> {
  return db
    .selectFrom('orders')
    .select(['id', 'user_id', 'status', 'total_cents', 'created_at'])
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .execute();
}

/** One page of a customer's orders, newest first (the `(user_id, id)` index serves it). */
export function listUserOrdersPage(
  db: DB,
  userId: number,
  page: { readonly limit: number; readonly offset: number },
): Promise<OrderRow[]> {
  return db
    .selectFrom('orders')
    .select(['id', 'user_id', 'status', 'total_cents', 'created_at'])
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function countUserOrders(db: DB, userId: number): Promise<number> {
  const row = await db
    .selectFrom('orders')
    .select((eb) => eb.fn.countAll().as('count'))
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  // PostgreSQL returns count(*) as a string.
  return Number(row.count);
}
