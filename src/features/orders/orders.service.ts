import { createHash } from 'node:crypto';
import type { DB } from '../../db/connection.js';
import { findMonstersByIds } from '../../db/monsters.queries.js';
import type { Cart, SessionUser } from '../../plugins/sessions/session.js';
import { ordersErrors, type ShortItem } from './orders.messages.js';
import * as queries from './orders.queries.js';
import { ORDERS_PER_PAGE } from './orders.schemas.js';

export interface Order extends queries.OrderRow {
  readonly items: readonly queries.OrderItemRow[];
}

/** Thrown inside the checkout transaction to roll it back when stock is short. */
class OutOfStock extends Error {
  constructor(readonly items: readonly ShortItem[]) {
    super('out of stock');
  }
}

/** Thrown inside the checkout transaction when another request holds the idempotency key. */
class KeyTaken extends Error {
  constructor(readonly previous: queries.CheckoutRequest | undefined) {
    super('idempotency key taken');
  }
}

/** What a checkout did. */
export interface CheckoutOutcome {
  readonly orderId: number;
  /** The idempotency key had already placed this order: nothing new was written. */
  readonly replayed: boolean;
  /** The session's cart is what the order holds: the caller empties it. */
  readonly cartOrdered: boolean;
}

interface CartLine {
  readonly id: number;
  readonly quantity: number;
}

function linesOf(cart: Cart): CartLine[] {
  return Object.entries(cart)
    .map(([id, quantity]) => ({ id: Number(id), quantity }))
    .filter((line) => line.quantity > 0)
    .sort((a, b) => a.id - b.id);
}

function hashOf(lines: readonly CartLine[]): string {
  const canonical = lines.map((line) => `${line.id}x${line.quantity}`).join(',');
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * The answer for a key that already placed an order: that order. The cart is
 * the ordered one (its emptying was lost with the answer), or already empty;
 * any other cart means the key was reused for a new purchase, refused.
 */
function replay(
  previous: queries.CheckoutRequest | undefined,
  lines: readonly CartLine[],
): CheckoutOutcome {
  if (previous?.order_id == null) throw new Error('a claimed checkout key has no order');
  const cartOrdered = previous.cart_hash === hashOf(lines);
  if (!cartOrdered && lines.length > 0)
    throw ordersErrors.checkoutKeyReused({ orderId: previous.order_id });
  return { orderId: previous.order_id, replayed: true, cartOrdered };
}

/**
 * Checkout (docs/decisions/007) in one transaction: every line takes its
 * units with a conditional update; if any line is short, nothing is written
 * and the refusal names the short items. Lines are taken in id order, so
 * two checkouts never wait on each other's rows in opposite orders.
 *
 * With an idempotency key (the checkout form's token, or the API's
 * `Idempotency-Key`), the key is claimed by the transaction's first write and
 * points at the order when it commits: a double submit, a retry after a lost
 * answer, or a duplicate running at the same moment gets the same order.
 */
export async function checkout(
  db: DB,
  user: SessionUser,
  cart: Cart,
  idempotencyKey?: string,
): Promise<CheckoutOutcome> {
  const wanted = linesOf(cart);
  if (idempotencyKey !== undefined) {
    const previous = await queries.findCheckoutRequest(db, user.id, idempotencyKey);
    if (previous) return replay(previous, wanted);
  }
  if (wanted.length === 0) throw ordersErrors.emptyCart();

  try {
    const orderId = await db.transaction().execute(async (trx) => {
      // Writes first: on SQLite the transaction then holds the write lock from its first
      // statement, so reads below see a stable catalogue (no read-to-write upgrade to fail).
      if (idempotencyKey !== undefined) {
        const claim = { userId: user.id, key: idempotencyKey, cartHash: hashOf(wanted) };
        if (!(await queries.claimCheckoutKey(trx, { ...claim, createdAt: nowIso() }))) {
          throw new KeyTaken(await queries.findCheckoutRequest(trx, user.id, idempotencyKey));
        }
      }
      const shortIds: number[] = [];
      for (const line of wanted) {
        if (!(await queries.takeStock(trx, line.id, line.quantity))) shortIds.push(line.id);
      }
      const ids = wanted.map((line) => line.id);
      const found = await findMonstersByIds(trx, ids, ['name', 'price_cents']);
      const monsters = new Map(found.map((monster) => [monster.id, monster]));
      if (shortIds.length > 0) {
        throw new OutOfStock(shortIds.map((id) => ({ id, name: monsters.get(id)?.name })));
      }
      const items = wanted.map((line) => {
        // Every line took its stock, so its row exists.
        const monster = monsters.get(line.id) as (typeof found)[number];
        return {
          monster_id: monster.id,
          name: monster.name,
          unit_price_cents: monster.price_cents,
          quantity: line.quantity,
        };
      });
      const total = items.reduce((sum, item) => sum + item.unit_price_cents * item.quantity, 0);
      const placed = await queries.insertOrder(trx, user.id, total, nowIso());
      await queries.insertOrderItems(trx, placed, items);
      if (idempotencyKey !== undefined)
        await queries.setCheckoutOrder(trx, user.id, idempotencyKey, placed);
      return placed;
    });
    return { orderId, replayed: false, cartOrdered: true };
  } catch (error) {
    if (error instanceof KeyTaken) return replay(error.previous, wanted);
    if (error instanceof OutOfStock) {
      throw ordersErrors.notEnoughStock({ items: error.items }, { field: 'cart' });
    }
    throw error;
  }
}

const nowIso = () => new Date().toISOString();

/**
 * The one ownership check for orders (no IDOR): the owner and admins see an
 * order; anyone else gets the same 404 as for an order that does not exist.
 */
export async function getOrderFor(db: DB, user: SessionUser, id: number): Promise<Order> {
  const order = await queries.findOrder(db, id);
  if (!order || (order.user_id !== user.id && user.role !== 'admin')) {
    throw ordersErrors.unknownOrder();
  }
  return { ...order, items: await queries.findOrderItems(db, order.id) };
}

/** Who placed an order: told to an administrator viewing another person's order. */
export interface OrderCustomer {
  readonly name: string;
  readonly email: string;
}

/**
 * The customer of an order seen by an administrator who did not place it;
 * undefined for the customer's own order (they know who they are).
 */
export async function customerShownTo(
  db: DB,
  viewer: SessionUser,
  order: Pick<Order, 'user_id'>,
): Promise<OrderCustomer | undefined> {
  if (viewer.role !== 'admin' || order.user_id === viewer.id) return undefined;
  return queries.findCustomer(db, order.user_id);
}

export function listOrdersFor(db: DB, user: SessionUser): Promise<queries.OrderRow[]> {
  return queries.listUserOrders(db, user.id);
}

export interface OrderHistoryPage {
  readonly items: readonly queries.OrderRow[];
  readonly page: number;
  readonly perPage: number;
  /** The customer's orders on every page together. */
  readonly total: number;
}

/** One page of the order history shown on the account page; a page past the end is empty. */
export async function orderHistoryPage(
  db: DB,
  user: SessionUser,
  page: number,
): Promise<OrderHistoryPage> {
  const [items, total] = await Promise.all([
    queries.listUserOrdersPage(db, user.id, {
      limit: ORDERS_PER_PAGE,
      offset: (page - 1) * ORDERS_PER_PAGE,
    }),
    queries.countUserOrders(db, user.id),
  ]);
  return { items, page, perPage: ORDERS_PER_PAGE, total };
}

export function orderJson(order: Order) {
  return {
    id: order.id,
    status: order.status,
    total_cents: order.total_cents,
    created_at: order.created_at,
    items: order.items.map((item) => ({
      monster_id: item.monster_id,
      name: item.name,
      unit_price_cents: item.unit_price_cents,
      quantity: item.quantity,
      line_total_cents: item.unit_price_cents * item.quantity,
    })),
  };
}
