import type { DB } from '../../db/connection.js';
import type * as tables from '../../db/tables.js';

export type OrderRow = tables.OrderRow;

/** A line of an order: snapshots of the monster's name and price at checkout. */
export type OrderItemRow = Pick<
  tables.OrderItemRow,
  'monster_id' | 'name' | 'unit_price_cents' | 'quantity'
>;

export type CheckoutRequest = Pick<tables.CheckoutRequestRow, 'cart_hash' | 'order_id'>;

/**
 * Takes `quantity` units if, and only if, they are there: the condition and
 * the decrement are one statement, so concurrent checkouts cannot oversell
 * (docs/pitfalls.md #12). Returns whether the units were taken.
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

/** Who placed an order, as an administrator viewing it is told. */
export function findCustomer(
  db: DB,
  userId: number,
): Promise<{ name: string; email: string } | undefined> {
  return db
    .selectFrom('users')
    .select(['name', 'email'])
    .where('id', '=', userId)
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

/**
 * Claims an idempotency key for the user, as the first write of the checkout
 * transaction. False when the key is taken: on PostgreSQL a duplicate in
 * flight waits here until the first transaction ends (then sees its row, or
 * claims the key if it rolled back); SQLite runs one writer at a time.
 */
export async function claimCheckoutKey(
  db: DB,
  claim: { userId: number; key: string; cartHash: string; createdAt: string },
): Promise<boolean> {
  const claimed = await db
    .insertInto('checkout_requests')
    .values({
      user_id: claim.userId,
      idempotency_key: claim.key,
      cart_hash: claim.cartHash,
      created_at: claim.createdAt,
    })
    .onConflict((oc) => oc.columns(['user_id', 'idempotency_key']).doNothing())
    .returning('user_id')
    .executeTakeFirst();
  return claimed !== undefined;
}

export async function setCheckoutOrder(
  db: DB,
  userId: number,
  key: string,
  orderId: number,
): Promise<void> {
  await db
    .updateTable('checkout_requests')
    .set({ order_id: orderId })
    .where('user_id', '=', userId)
    .where('idempotency_key', '=', key)
    .execute();
}

export function findCheckoutRequest(
  db: DB,
  userId: number,
  key: string,
): Promise<CheckoutRequest | undefined> {
  return db
    .selectFrom('checkout_requests')
    .select(['cart_hash', 'order_id'])
    .where('user_id', '=', userId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
}
