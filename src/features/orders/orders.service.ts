import type { DB } from '../../db/connection.js';
import { type Lang, messagesFor } from '../../i18n/i18n.js';
import type { Cart, SessionUser } from '../../plugins/sessions/session.js';
import { HttpError } from '../../shared/http-error.js';
import * as queries from './orders.queries.js';

export interface Order extends queries.OrderRow {
  readonly items: readonly queries.OrderItemRow[];
}

/** Thrown inside the checkout transaction to roll it back when stock is short. */
class OutOfStock extends Error {
  constructor(readonly names: readonly string[]) {
    super('out of stock');
  }
}

/**
 * Checkout (SPEC §4, §8) in one transaction: every line takes its units with
 * a conditional update; if any line is short, nothing is written and the
 * answer (409) names the short items. Lines are taken in id order, so two
 * checkouts never wait on each other's rows in opposite orders.
 */
export async function checkout(db: DB, user: SessionUser, cart: Cart, lang: Lang): Promise<number> {
  const t = messagesFor(lang).orders;
  const wanted = Object.entries(cart)
    .map(([id, quantity]) => ({ id: Number(id), quantity }))
    .filter((line) => line.quantity > 0)
    .sort((a, b) => a.id - b.id);
  if (wanted.length === 0) throw new HttpError(400, t.emptyCart);

  try {
    return await db.transaction().execute(async (trx) => {
      // Writes first: on SQLite the transaction then holds the write lock from its first
      // statement, so reads below see a stable catalogue (no read-to-write upgrade to fail).
      const shortIds: number[] = [];
      for (const line of wanted) {
        if (!(await queries.takeStock(trx, line.id, line.quantity))) shortIds.push(line.id);
      }
      const monsters = new Map(
        (
          await queries.findMonstersForOrder(
            trx,
            wanted.map((line) => line.id),
          )
        ).map((m) => [m.id, m]),
      );
      if (shortIds.length > 0) {
        throw new OutOfStock(shortIds.map((id) => monsters.get(id)?.name ?? t.noLongerSold(id)));
      }
      const items = wanted.map((line) => {
        // Every line took its stock, so its row exists.
        const monster = monsters.get(line.id) as queries.StockedMonster;
        return {
          monster_id: monster.id,
          name: monster.name,
          unit_price_cents: monster.price_cents,
          quantity: line.quantity,
        };
      });
      const total = items.reduce((sum, item) => sum + item.unit_price_cents * item.quantity, 0);
      const orderId = await queries.insertOrder(trx, user.id, total, new Date().toISOString());
      await queries.insertOrderItems(trx, orderId, items);
      return orderId;
    });
  } catch (error) {
    if (error instanceof OutOfStock) {
      throw new HttpError(409, t.notEnoughStock(error.names), {
        errors: { cart: t.notEnoughStock(error.names) },
      });
    }
    throw error;
  }
}

/**
 * The one ownership check for orders (no IDOR): the owner and admins see an
 * order; anyone else gets the same 404 as for an order that does not exist.
 */
export async function getOrderFor(db: DB, user: SessionUser, id: number): Promise<Order> {
  const order = await queries.findOrder(db, id);
  if (!order || (order.user_id !== user.id && user.role !== 'admin')) throw new HttpError(404);
  return { ...order, items: await queries.findOrderItems(db, order.id) };
}

export function listOrdersFor(db: DB, user: SessionUser): Promise<queries.OrderRow[]> {
  return queries.listUserOrders(db, user.id);
}

export const ORDERS_PER_PAGE = 20;

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
      ...item,
      line_total_cents: item.unit_price_cents * item.quantity,
    })),
  };
}
